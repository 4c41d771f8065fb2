import { announce } from "@/lib/collab/announce";
import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { setPasswordWithLink } from "@/lib/people/links";
import { setPasswordBody } from "@/lib/people/requests";
import { otherMethods } from "@/lib/http-methods";

/**
 * Chooses a password with a one-time link (an invitation's sign-up, a reset). No session: the
 * link is the proof; the page signs in with the new password afterwards.
 */
export const POST = handler(async (request: Request) => {
  const body = await readJson(request, setPasswordBody);
  const { id, email, name } = await setPasswordWithLink(
    await getStore(),
    body.token,
    body.password,
  );
  // A reset ends the account's other sessions: their sockets close now.
  announce({ type: "user", userId: id });
  return json({ user: { email, name } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
