import { announce } from "@/lib/collab/announce";
import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { parseStoryId, updateStoryBody } from "@/lib/stories/requests";
import { storyDetails } from "@/lib/stories/details";
import { updateStory } from "@/lib/stories/commands";
import { otherMethods } from "@/lib/http-methods";

export const GET = handler(
  async (_request: Request, ctx: RouteContext<"/api/stories/[id]">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    return json(await storyDetails(await getStore(), user, id));
  },
);

export const PATCH = handler(
  async (request: Request, ctx: RouteContext<"/api/stories/[id]">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    const body = await readJson(request, updateStoryBody);
    const updated = await updateStory(await getStore(), user, id, body);
    announce({ type: "story", storyId: id, access: false });
    return json(updated);
  },
);

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
