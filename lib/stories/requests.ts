import { z } from "zod";
import { isValidSlug } from "../db/slug";
import { AppError } from "../errors";
import {
  CORRECTION_MAX_LENGTH,
  correctionKinds,
} from "../workflow/corrections";
import { storyStatuses } from "../workflow/states";
import { searchSocialBody } from "./search-social";

/** Story ids are UUIDs; anything else in a URL is refused before touching the store. */
export const storyIdSchema = z.string().uuid({ message: "not a story id" });

/** A version id from a URL parameter; throws not_found (404) when it cannot be one. */
export function parseVersionId(raw: string): string {
  if (!z.string().uuid().safeParse(raw).success)
    throw new AppError("not_found", "No such version of this story.");
  return raw;
}

/** The story id from a URL parameter; throws not_found (404) when it cannot be one. */
export function parseStoryId(raw: string): string {
  if (!storyIdSchema.safeParse(raw).success)
    throw new AppError("not_found", "No such story.");
  return raw;
}

export const createStoryBody = z.object({
  headline: z.string().trim().max(300, "at most 300 characters").default(""),
});

export const listStoriesQuery = z.object({
  status: z.enum(storyStatuses).optional(),
  author: z.enum(["me"]).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const transitionBody = z
  .object({
    to: z.enum(storyStatuses),
    note: z.string().trim().max(2000).optional(),
    /** Publishing only: go live at this time instead of now (the story stays approved until then). */
    at: z.iso.datetime({ offset: true }).optional(),
    /** Republishing only: a correction or clarification shown to readers. */
    correction: z.string().trim().max(CORRECTION_MAX_LENGTH).optional(),
    /** What `correction` is; a correction unless said otherwise. */
    correctionKind: z.enum(correctionKinds).optional(),
    /** The state the person saw when acting; a story that has moved since is not moved again. */
    from: z.enum(storyStatuses).optional(),
  })
  .refine((b) => !(b.correction && b.at), {
    message:
      "a correction is given with a publication now, not a scheduled one",
    path: ["correction"],
  })
  .refine((b) => !b.correction || b.to === "published", {
    message: "a correction is given only when publishing",
    path: ["correction"],
  });

export const updateStoryBody = z
  .object({
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .refine(
        isValidSlug,
        "use lowercase letters, digits and single hyphens (at most 88 characters)",
      ),
  })
  .partial()
  .extend(searchSocialBody.shape)
  .extend({
    /** Until when nothing of the story may be public (ISO time), or null to lift the embargo. */
    embargoUntil: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();

export const addAuthorBody = z.object({
  email: z.string().trim().email().max(320),
});
