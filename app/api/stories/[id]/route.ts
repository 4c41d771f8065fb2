import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json } from "@/lib/http";
import { storyDetails, parseStoryId } from "@/lib/stories";

export const GET = handler(
  async (_request: Request, ctx: RouteContext<"/api/stories/[id]">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    return json(await storyDetails(await getStore(), user, id));
  },
);
