import { z } from "zod";
import { AppError } from "../errors";
import { roles } from "../workflow/actors";
import { PASSWORD_MAX, PASSWORD_MIN } from "./limits";

const email = z.string().trim().toLowerCase().email().max(320);

/** `POST /api/users`: invite someone. */
export const inviteBody = z.strictObject({
  email,
  name: z.string().trim().min(1, "give a name").max(200),
  role: z.enum(roles),
});

/** `PATCH /api/users/:id`: a new role, deactivate (`active: false`) or reactivate. */
export const updateAccountBody = z
  .strictObject({ role: z.enum(roles), active: z.boolean() })
  .partial()
  .refine((b) => b.role !== undefined || b.active !== undefined, {
    message: "send a role or active",
  });

/** `GET /api/users`: the staff directory's search. */
export const staffQuery = z.object({
  q: z.string().trim().max(200).optional(),
  role: z.enum(roles).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** `POST /api/account/password`: choose a password with a one-time link. */
export const setPasswordBody = z.strictObject({
  token: z.string().min(1).max(200),
  password: z
    .string()
    .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX),
});

/** A user id from a URL parameter; throws not_found (404) when it cannot be one. */
export function parseUserId(raw: string): string {
  if (!z.string().uuid().safeParse(raw).success)
    throw new AppError("not_found", "No such account.");
  return raw;
}
