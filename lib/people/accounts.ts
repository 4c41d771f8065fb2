import type { Kysely } from "kysely";
import { deleteUnusedAccountLinks } from "../db/account-links";
import type { Store } from "../db/client";
import {
  presentAccount,
  presentUser,
  type AccountView,
  type UserView,
} from "../db/presenters";
import type { Database } from "../db/schema";
import { endSessions } from "../db/session-generations";
import { usersWithSsoIdentity } from "../db/sso-identities";
import { inTransaction, isUniqueViolation, nowIso } from "../db/transaction";
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  isActive,
  listAllUsers,
  normaliseEmail,
  searchActiveUsers,
  updateUser,
  type UserRow,
} from "../db/users";
import { AppError } from "../errors";
import type { Role } from "../workflow/actors";
import { canManageAccounts } from "../workflow/permissions";
import type { MailOutcome, Outbox } from "../mail/mailer";
import { mailAccountLink } from "./link-mail";
import { createAccountLink, linkPath, type LinkPurpose } from "./links";

function assertAdmin(actor: UserRow): void {
  if (!canManageAccounts(actor))
    throw new AppError("forbidden", "Only admins manage accounts.");
}

/** Every account, for an admin; throws forbidden for anyone else. */
export async function listAccounts(
  store: Store,
  actor: UserRow,
): Promise<AccountView[]> {
  assertAdmin(actor);
  const users = await listAllUsers(store.db);
  const sso = await usersWithSsoIdentity(
    store.db,
    users.filter((u) => u.password_hash === "").map((u) => u.id),
  );
  return users.map((u) => presentAccount(u, sso.has(u.id)));
}

/** The account as the people page shows it, asking the store whether it signed up by SSO. */
async function accountView(
  db: Kysely<Database>,
  user: UserRow,
): Promise<AccountView> {
  const sso =
    user.password_hash === "" &&
    (await usersWithSsoIdentity(db, [user.id])).has(user.id);
  return presentAccount(user, sso);
}

/** Active staff whose name or e-mail matches, for anyone signed in (co-author and byline pickers). */
export async function searchStaff(
  store: Store,
  filter: { q?: string; role?: Role; limit: number },
): Promise<UserView[]> {
  const users = await searchActiveUsers(store.db, {
    query: filter.q,
    role: filter.role,
    limit: filter.limit,
  });
  return users.map(presentUser);
}

/**
 * A one-time link an admin passes on: its address, until when it works, and whether it was
 * also e-mailed to its owner (only "sent" when the SMTP server accepted it).
 */
export interface AccountLinkView {
  user: AccountView;
  purpose: LinkPurpose;
  url: string;
  expiresAt: string;
  mail: MailOutcome;
}

/** E-mails the committed link to its owner when an outbox is configured; never throws. */
async function mailed(
  outbox: Outbox | null,
  actor: UserRow,
  link: Omit<AccountLinkView, "mail">,
): Promise<AccountLinkView> {
  const mail = await mailAccountLink(outbox, {
    purpose: link.purpose,
    to: { name: link.user.name, email: link.user.email },
    url: link.url,
    expiresAt: link.expiresAt,
    by: actor.name,
  });
  return { ...link, mail };
}

/**
 * An admin invites someone: an account that cannot sign in until its owner opens the sign-up
 * link (at `origin`) and chooses a password; the link is e-mailed to them through `outbox`, if
 * any, once the account is stored. Throws forbidden, or conflict for an e-mail in use.
 */
export async function inviteAccount(
  store: Store,
  actor: UserRow,
  input: { email: string; name: string; role: Role },
  origin: string,
  outbox: Outbox | null,
): Promise<AccountLinkView> {
  assertAdmin(actor);
  const email = normaliseEmail(input.email);
  const taken = () =>
    new AppError("conflict", `An account already uses ${email}.`);
  if (await findUserByEmail(store.db, email)) throw taken();
  let link: Omit<AccountLinkView, "mail">;
  try {
    link = await inTransaction(store, async (db) => {
      const user = await insertUser(db, { ...input, email, passwordHash: "" });
      const made = await createAccountLink(db, {
        userId: user.id,
        purpose: "invite",
        createdBy: actor.id,
      });
      return {
        user: presentAccount(user),
        purpose: "invite" as const,
        url: origin + linkPath("invite", made.token),
        expiresAt: made.expiresAt,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  return mailed(outbox, actor, link);
}

/**
 * An admin changes someone's role or deactivates (`active: false`) or reactivates them. Either
 * ends the person's collaboration sessions: their open editors reconnect with the new rights, or,
 * deactivated, are closed. Throws forbidden, not_found, or conflict for a change of one's own
 * account or one that would leave the newsroom without an active admin.
 */
export async function changeAccount(
  store: Store,
  actor: UserRow,
  id: string,
  change: { role?: Role; active?: boolean },
): Promise<AccountView> {
  assertAdmin(actor);
  return inTransaction(store, async (db) => {
    const user = await findUserById(db, id);
    if (!user) throw new AppError("not_found", "No such account.");
    const role = change.role ?? user.role;
    const deactivatedAt =
      change.active === undefined
        ? user.deactivated_at
        : change.active
          ? null
          : (user.deactivated_at ?? nowIso());
    const roleChanged = role !== user.role;
    const activeChanged = (deactivatedAt === null) !== isActive(user);
    if (!roleChanged && !activeChanged) return accountView(db, user);
    if (user.id === actor.id)
      throw new AppError(
        "conflict",
        "You cannot change your own role or deactivate your own account; another admin can.",
      );
    const staysAdmin = role === "admin" && deactivatedAt === null;
    if (
      user.role === "admin" &&
      isActive(user) &&
      !staysAdmin &&
      (await countActiveAdmins(db, user.id)) === 0
    )
      throw new AppError(
        "conflict",
        "The newsroom keeps at least one active admin.",
      );
    await updateUser(db, id, { role, deactivated_at: deactivatedAt });
    if (deactivatedAt !== null) await deleteUnusedAccountLinks(db, id);
    await endSessions(db, id);
    return accountView(db, { ...user, role, deactivated_at: deactivatedAt });
  });
}

/**
 * An admin makes a one-time link for someone to choose a password: a new sign-up link while they
 * have not signed up, else a password reset; e-mailed to them through `outbox`, if any, once
 * stored. Earlier unused links stop working. Throws forbidden, not_found, or conflict for a
 * deactivated account.
 */
export async function issuePasswordLink(
  store: Store,
  actor: UserRow,
  id: string,
  origin: string,
  outbox: Outbox | null,
): Promise<AccountLinkView> {
  assertAdmin(actor);
  const link = await inTransaction(store, async (db) => {
    const user = await findUserById(db, id);
    if (!user) throw new AppError("not_found", "No such account.");
    if (!isActive(user))
      throw new AppError(
        "conflict",
        "This account is deactivated; reactivate it first.",
      );
    const purpose: LinkPurpose = user.password_hash === "" ? "invite" : "reset";
    const made = await createAccountLink(db, {
      userId: user.id,
      purpose,
      createdBy: actor.id,
    });
    return {
      user: await accountView(db, user),
      purpose,
      url: origin + linkPath(purpose, made.token),
      expiresAt: made.expiresAt,
    };
  });
  return mailed(outbox, actor, link);
}
