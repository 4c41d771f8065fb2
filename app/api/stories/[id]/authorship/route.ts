import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json } from "@/lib/http";
import { storyAuthorship } from "@/lib/stories/authorship";
import { parseStoryId } from "@/lib/stories/requests";
import { otherMethods } from "@/lib/http-methods";

/** Who wrote the story's body: people with their words, and the words of earlier text. */
export const GET = handler(
  async (
    _request: Request,
    ctx: RouteContext<"/api/stories/[id]/authorship">,
  ) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    return json(await storyAuthorship(await getStore(), user, id));
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
