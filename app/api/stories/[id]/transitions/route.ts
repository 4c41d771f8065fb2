import { announce } from "@/lib/collab/announce";
import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { parseStoryId, transitionBody } from "@/lib/stories/requests";
import { transitionStory } from "@/lib/stories/commands";
import { deliver } from "@/lib/notifications/deliver";
import { notifyMove } from "@/lib/notifications/notify";
import { otherMethods } from "@/lib/http-methods";

export const POST = handler(
  async (
    request: Request,
    ctx: RouteContext<"/api/stories/[id]/transitions">,
  ) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    const body = await readJson(request, transitionBody);
    const store = await getStore();
    const moved = await transitionStory(store, user, id, body);
    announce({ type: "story", storyId: id, access: true });
    // A publication set for later is not news yet: it is told when the scheduler makes it.
    if (moved.status === body.to)
      await deliver(() => notifyMove(store, user, id, body.to, body.note));
    return json(moved);
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
