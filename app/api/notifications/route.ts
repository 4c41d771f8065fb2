import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json } from "@/lib/http";
import { inboxOf } from "@/lib/notifications/inbox";
import { otherMethods } from "@/lib/http-methods";

/** The signed-in person's inbox: `{items, unread}`. */
export const GET = handler(async () => {
  const user = await requireUser();
  return json(await inboxOf(await getStore(), user));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
