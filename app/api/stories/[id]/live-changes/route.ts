import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json } from "@/lib/http";
import { liveChanges } from "@/lib/stories/live-changes";
import { parseStoryId } from "@/lib/stories/requests";
import { otherMethods } from "@/lib/http-methods";

/** Whether the story differs from its live page, and what changed since it went live. */
export const GET = handler(
  async (
    _request: Request,
    ctx: RouteContext<"/api/stories/[id]/live-changes">,
  ) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    return json(await liveChanges(await getStore(), user, id));
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
