import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json } from "@/lib/http";
import { parseStoryId, parseVersionId } from "@/lib/stories/requests";
import { versionDetails } from "@/lib/stories/version-history";
import { otherMethods } from "@/lib/http-methods";

export const GET = handler(
  async (
    _request: Request,
    ctx: RouteContext<"/api/stories/[id]/versions/[versionId]">,
  ) => {
    const user = await requireUser();
    const params = await ctx.params;
    return json(
      await versionDetails(
        await getStore(),
        user,
        parseStoryId(params.id),
        parseVersionId(params.versionId),
      ),
    );
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
