import { announce } from "@/lib/collab/announce";
import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { collabInternalUrl, collabTokenSecret, serverEnv } from "@/lib/env";
import { handler, json } from "@/lib/http";
import { parseStoryId, parseVersionId } from "@/lib/stories/requests";
import { restoreVersion } from "@/lib/stories/version-history";
import { otherMethods } from "@/lib/http-methods";

export const POST = handler(
  async (
    _request: Request,
    ctx: RouteContext<"/api/stories/[id]/versions/[versionId]/restore">,
  ) => {
    const user = await requireUser();
    const params = await ctx.params;
    const storyId = parseStoryId(params.id);
    const saved = await restoreVersion(
      await getStore(),
      user,
      storyId,
      parseVersionId(params.versionId),
      {
        url: collabInternalUrl(),
        secret: collabTokenSecret(serverEnv()),
      },
    );
    announce({ type: "story", storyId, access: false });
    return json({ restored: true, savedBefore: saved });
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
