import { announce } from "@/lib/collab/announce";
import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json } from "@/lib/http";
import { parseStoryId } from "@/lib/stories/requests";
import { removeAuthor } from "@/lib/stories/authors";
import { otherMethods } from "@/lib/http-methods";

export const DELETE = handler(
  async (
    _request: Request,
    ctx: RouteContext<"/api/stories/[id]/authors/[userId]">,
  ) => {
    const user = await requireUser();
    const params = await ctx.params;
    const storyId = parseStoryId(params.id);
    // An id that is not one of the story's authors (malformed or not) is answered 404 by removeAuthor.
    const removed = await removeAuthor(
      await getStore(),
      user,
      storyId,
      params.userId,
    );
    announce({ type: "story", storyId, access: true });
    return json(removed);
  },
);

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
