import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { appOrigin, handler, json, readJson, validate } from "@/lib/http";
import { inviteAccount, searchStaff } from "@/lib/people/accounts";
import { inviteBody, staffQuery } from "@/lib/people/requests";

/** The staff directory: active accounts matching `q` (name or e-mail), for anyone signed in. */
export const GET = handler(async (request: Request) => {
  await requireUser();
  const query = validate(
    staffQuery,
    Object.fromEntries(new URL(request.url).searchParams),
  );
  return json({ users: await searchStaff(await getStore(), query) });
});

/** An admin invites someone: the account, and the one-time sign-up link to pass on. */
export const POST = handler(async (request: Request) => {
  const user = await requireUser();
  const body = await readJson(request, inviteBody);
  const invitation = await inviteAccount(
    await getStore(),
    user,
    body,
    appOrigin(),
  );
  return json(
    {
      user: invitation.user,
      inviteUrl: invitation.url,
      expiresAt: invitation.expiresAt,
    },
    201,
  );
});
