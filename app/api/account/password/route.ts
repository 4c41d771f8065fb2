import { getStore } from "@/lib/db/store";
import { handler, json, readJson } from "@/lib/http";
import { setPasswordWithLink } from "@/lib/people/links";
import { setPasswordBody } from "@/lib/people/requests";

/**
 * Chooses a password with a one-time link (an invitation's sign-up, a reset). No session: the
 * link is the proof; the page signs in with the new password afterwards.
 */
export const POST = handler(async (request: Request) => {
  const body = await readJson(request, setPasswordBody);
  const user = await setPasswordWithLink(
    await getStore(),
    body.token,
    body.password,
  );
  return json({ user });
});
