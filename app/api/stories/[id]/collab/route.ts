import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { collabTokenSecret, serverEnv } from "@/lib/env";
import { handler, json } from "@/lib/http";
import { collabSession, collabUrlFor } from "@/lib/stories/collab-session";
import { parseStoryId } from "@/lib/stories/requests";
import { otherMethods } from "@/lib/http-methods";

export const GET = handler(
  async (request: Request, ctx: RouteContext<"/api/stories/[id]/collab">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    const env = serverEnv();
    const url = collabUrlFor(
      request.url,
      request.headers.get("x-forwarded-proto"),
      env.COLLAB_PORT,
      env.COLLAB_PUBLIC_URL,
    );
    return json(
      await collabSession(await getStore(), user, id, {
        url,
        secret: collabTokenSecret(env),
      }),
    );
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
