import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { announce } from "@/lib/collab/announce";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { notifyComment } from "@/lib/notifications/comments";
import { parseStoryId } from "@/lib/stories/requests";
import { otherMethods } from "@/lib/http-methods";

const body = z.strictObject({
  threadId: z.string().min(1).max(64),
  messageId: z.string().min(1).max(64),
});

/**
 * Sends one's new comment on: the people it mentions and, for a reply, the thread's earlier
 * writers are told (each once). `{notified}`: how many.
 */
export const POST = handler(
  async (
    request: Request,
    ctx: RouteContext<"/api/stories/[id]/comments/notify">,
  ) => {
    const user = await requireUser();
    const id = parseStoryId((await ctx.params).id);
    const { threadId, messageId } = await readJson(request, body);
    const told = await notifyComment(
      await getStore(),
      user,
      id,
      threadId,
      messageId,
    );
    if (told.length > 0) announce({ type: "inbox", userIds: told });
    return json({ notified: told.length });
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
