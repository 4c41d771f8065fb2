import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { appOrigin, handler, json, readJson, validate } from "@/lib/http";
import { configuredOutbox } from "@/lib/mail/mailer";
import { inviteAccount, searchStaff } from "@/lib/people/accounts";
import { inviteBody, staffQuery } from "@/lib/people/requests";
import { otherMethods } from "@/lib/http-methods";

/** The staff directory: active accounts matching `q` (name or e-mail), for anyone signed in. */
export const GET = handler(async (request: Request) => {
  await requireUser();
  const query = validate(
    staffQuery,
    Object.fromEntries(new URL(request.url).searchParams),
  );
  return json({ users: await searchStaff(await getStore(), query) });
});

/**
 * An admin invites someone: the account, the one-time sign-up link to pass on, and whether it
 * was e-mailed to them too (`mail`: sent, failed or not-configured).
 */
export const POST = handler(async (request: Request) => {
  const user = await requireUser();
  const body = await readJson(request, inviteBody);
  const invitation = await inviteAccount(
    await getStore(),
    user,
    body,
    appOrigin(),
    configuredOutbox(),
  );
  return json(
    {
      user: invitation.user,
      inviteUrl: invitation.url,
      expiresAt: invitation.expiresAt,
      mail: invitation.mail,
    },
    201,
  );
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
