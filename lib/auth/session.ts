import { getServerSession } from "next-auth";
import { AppError } from "../errors";
import { getStore } from "../db/store";
import { findUserById, type UserRow } from "../db/users";
import { authOptions } from "./options";

/**
 * The signed-in user as the database knows them now (role changes apply at once),
 * or null when signed out or the account no longer exists.
 */
export async function getSessionUser(): Promise<UserRow | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const store = await getStore();
  return (await findUserById(store.db, id)) ?? null;
}

/** Like getSessionUser, but throws AppError unauthenticated (401) when signed out. */
export async function requireUser(): Promise<UserRow> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  return user;
}
