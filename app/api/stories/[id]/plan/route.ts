import { requireUser } from "@/lib/auth/session";
import { announce } from "@/lib/collab/announce";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { deliver } from "@/lib/notifications/deliver";
import { notifyAssigned } from "@/lib/notifications/notify";
import { planBody, planStory } from "@/lib/stories/planning";
import { parseStoryId } from "@/lib/stories/requests";
import { otherMethods } from "@/lib/http-methods";

/** Assigns a story, sets when it is due and how long it should be. */
export const PATCH = handler(
  async (request: Request, ctx: RouteContext<"/api/stories/[id]/plan">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    const body = await readJson(request, planBody);
    const store = await getStore();
    const { details, assigned } = await planStory(store, user, id, body);
    // An assigned reporter may now be one of its authors: their open editor is told.
    announce({ type: "story", storyId: id, access: assigned !== null });
    if (assigned)
      await deliver(() => notifyAssigned(store, user, id, assigned));
    return json(details);
  },
);

export const { GET, POST, PUT, DELETE } = otherMethods("PATCH");
