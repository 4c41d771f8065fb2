/** The newsroom's roles: reporters write, the desk (editors, admins) reviews and publishes. */
export const roles = ["reporter", "editor", "admin"] as const;
export type Role = (typeof roles)[number];

/** Who is acting: the signed-in user as the server knows them. */
export interface Actor {
  id: string;
  role: Role;
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Editors, and admins who hold every editor right. */
export function isDesk(actor: Actor): boolean {
  return actor.role === "editor" || actor.role === "admin";
}
