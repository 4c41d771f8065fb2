import { getServerSession } from "next-auth";
import { AppError } from "../errors";
import { getStore } from "../db/store";
import { findUserById, isActive, type UserRow } from "../db/users";
import { authOptions } from "./options";

/** The account behind the session as the database knows it now, deactivated or not. */
async function sessionAccount(): Promise<UserRow | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const store = await getStore();
  return (await findUserById(store.db, id)) ?? null;
}

/**
 * The signed-in user as the database knows them now (role changes apply at once), or null when
 * signed out, or the account no longer exists or was deactivated.
 */
export async function getSessionUser(): Promise<UserRow | null> {
  const user = await sessionAccount();
  return user && isActive(user) ? user : null;
}

/**
 * Like getSessionUser, but throws AppError unauthenticated (401) when signed out, saying so when
 * the account was deactivated.
 */
export async function requireUser(): Promise<UserRow> {
  const user = await sessionAccount();
  if (user && !isActive(user))
    throw new AppError(
      "unauthenticated",
      "This account has been deactivated. Ask an admin if you need it again.",
    );
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  return user;
}
