import { announce } from "@/lib/collab/announce";
import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { deliver } from "@/lib/notifications/deliver";
import { notifyCoAuthor } from "@/lib/notifications/notify";
import { addAuthor } from "@/lib/stories/authors";
import { addAuthorBody, parseStoryId } from "@/lib/stories/requests";
import { otherMethods } from "@/lib/http-methods";

export const POST = handler(
  async (request: Request, ctx: RouteContext<"/api/stories/[id]/authors">) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    const body = await readJson(request, addAuthorBody);
    const store = await getStore();
    const added = await addAuthor(store, user, id, body.email);
    announce({ type: "story", storyId: id, access: true });
    await deliver(() => notifyCoAuthor(store, user, id, body.email));
    return json(added);
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
