import { announce } from "@/lib/collab/announce";
import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { parseStoryId, transitionBody } from "@/lib/stories/requests";
import { transitionStory } from "@/lib/stories/commands";

export const POST = handler(
  async (
    request: Request,
    ctx: RouteContext<"/api/stories/[id]/transitions">,
  ) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    const body = await readJson(request, transitionBody);
    const moved = await transitionStory(await getStore(), user, id, body);
    announce({ type: "story", storyId: id, access: true });
    return json(moved);
  },
);
