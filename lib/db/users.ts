import { randomUUID } from "node:crypto";
import { sql, type Kysely, type Selectable } from "kysely";
import type { Role } from "../workflow/actors";
import type { Database, UsersTable } from "./schema";
import { nowIso } from "./transaction";

export type UserRow = Selectable<UsersTable>;

/** The form an e-mail address is stored, looked up and rate-limited under. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", normaliseEmail(email))
    .executeTakeFirst();
}

export async function findUserById(
  db: Kysely<Database>,
  id: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findUsersByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("users")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

/** Inserts a user; throws on a duplicate e-mail (unique constraint). */
export async function insertUser(
  db: Kysely<Database>,
  user: NewUser,
): Promise<UserRow> {
  const row: UserRow = {
    id: randomUUID(),
    email: normaliseEmail(user.email),
    name: user.name.trim(),
    role: user.role,
    password_hash: user.passwordHash,
    created_at: nowIso(),
    deactivated_at: null,
  };
  await db.insertInto("users").values(row).execute();
  return row;
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The users with these ids (duplicates allowed), by id. */
export async function usersById(
  db: Kysely<Database>,
  ids: Iterable<string>,
): Promise<Map<string, UserRow>> {
  const users = await findUsersByIds(db, [...new Set(ids)]);
  return new Map(users.map((u) => [u.id, u]));
}

/**
 * Replaces a user's password hash, only while it still is `from` (a concurrent change of
 * password wins). Returns whether it was replaced.
 */
export async function replacePasswordHash(
  db: Kysely<Database>,
  id: string,
  from: string,
  to: string,
): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ password_hash: to })
    .where("id", "=", id)
    .where("password_hash", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether the account may sign in and work: not deactivated. */
export function isActive(user: Pick<UserRow, "deactivated_at">): boolean {
  return user.deactivated_at === null;
}

export interface StaffFilter {
  /** Part of a name or e-mail address, any case. */
  query?: string;
  role?: Role;
  limit: number;
}

/** Active accounts whose name or e-mail contains the query, by name. */
export async function searchActiveUsers(
  db: Kysely<Database>,
  filter: StaffFilter,
): Promise<UserRow[]> {
  let q = db
    .selectFrom("users")
    .selectAll()
    .where("deactivated_at", "is", null);
  if (filter.role) q = q.where("role", "=", filter.role);
  const words = filter.query?.trim().toLowerCase();
  if (words) {
    // ESCAPE named outright: SQLite has no default escape character for LIKE.
    const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(({ or }) =>
      or([
        sql<boolean>`lower(name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(email) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return q.orderBy("name").orderBy("email").limit(filter.limit).execute();
}

/** Every account, deactivated ones included, by name. */
export async function listAllUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db
    .selectFrom("users")
    .selectAll()
    .orderBy("name")
    .orderBy("email")
    .execute();
}

/** Active admins, leaving out `exceptId`. */
export async function countActiveAdmins(
  db: Kysely<Database>,
  exceptId: string,
): Promise<number> {
  const { n } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("deactivated_at", "is", null)
    .where("id", "!=", exceptId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Changes an account's role and whether it is deactivated (a timestamp, or null for active). */
export async function updateUser(
  db: Kysely<Database>,
  id: string,
  change: { role?: Role; deactivated_at?: string | null },
): Promise<void> {
  await db.updateTable("users").set(change).where("id", "=", id).execute();
}

/** Sets a user's password hash, whatever it was. */
export async function setPasswordHash(
  db: Kysely<Database>,
  id: string,
  hash: string,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: hash })
    .where("id", "=", id)
    .execute();
}
