import { requireUser } from "@/lib/auth/session";
import { announce } from "@/lib/collab/announce";
import { getStore } from "@/lib/db/store";
import { handler, json } from "@/lib/http";
import { parseStoryId } from "@/lib/stories/requests";
import { restoreSpikedStory, spikeStory } from "@/lib/stories/spike";
import { otherMethods } from "@/lib/http-methods";

/** Spikes a draft: it leaves the lists, and the desk may restore it for 30 days. */
export const POST = handler(
  async (_request: Request, ctx: RouteContext<"/api/stories/[id]/spike">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    await spikeStory(await getStore(), user, id);
    announce({ type: "story", storyId: id, access: false });
    return json({ spiked: true });
  },
);

/** The desk restores a spiked story to the lists. */
export const DELETE = handler(
  async (_request: Request, ctx: RouteContext<"/api/stories/[id]/spike">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    await restoreSpikedStory(await getStore(), user, id);
    announce({ type: "story", storyId: id, access: false });
    return json({ spiked: false });
  },
);

export const { GET, PUT, PATCH } = otherMethods("POST", "DELETE");
