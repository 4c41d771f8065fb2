import { requireUser } from "@/lib/auth/session";
import { announce } from "@/lib/collab/announce";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { markRead, markReadBody } from "@/lib/notifications/inbox";
import { otherMethods } from "@/lib/http-methods";

/** Marks some of one's notifications read: `{ids}` → `{unread}`; other tabs follow. */
export const POST = handler(async (request: Request) => {
  const user = await requireUser();
  const body = await readJson(request, markReadBody);
  const result = await markRead(await getStore(), user, body.ids);
  announce({ type: "inbox", userIds: [user.id] });
  return json(result);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
