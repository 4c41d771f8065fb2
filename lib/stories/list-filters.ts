import { z } from "zod";
import type { StoryRecord } from "../db/story-rows";
import { storyStatuses } from "../workflow/states";

export const listViews = ["all", "mine", "due-today", "overdue"] as const;
export type ListView = (typeof listViews)[number];

/** The story list's filters, from its URL; anything malformed is left out, never an error. */
export const listFilterQuery = z.object({
  view: z.enum(listViews).catch("all"),
  section: z.string().trim().min(1).max(100).optional().catch(undefined),
  author: z.string().uuid().optional().catch(undefined),
  status: z.enum(storyStatuses).optional().catch(undefined),
});
export type ListFilter = z.infer<typeof listFilterQuery>;

/** Reads the filters from a page's search parameters (a repeated one counts once). */
export function parseListFilter(
  params: Record<string, string | string[] | undefined>,
): ListFilter {
  const first = (v: string | string[] | undefined) =>
    Array.isArray(v) ? v[0] : v;
  return listFilterQuery.parse({
    view: first(params.view),
    section: first(params.section),
    author: first(params.author),
    status: first(params.status),
  });
}

/** Whether a story's due time falls on `now`'s day (the server's time zone) or has passed. */
export function dueState(
  dueAt: string | null,
  now: Date,
): "today" | "overdue" | null {
  if (!dueAt) return null;
  const due = new Date(dueAt);
  if (due < now) return "overdue";
  return due.toDateString() === now.toDateString() ? "today" : null;
}

/** Whether `story` passes `filter` for `userId`. A published story is never overdue. */
export function passesFilter(
  story: StoryRecord,
  filter: ListFilter,
  userId: string,
  now = new Date(),
): boolean {
  if (filter.section && story.section !== filter.section) return false;
  if (filter.author && !story.authorIds.includes(filter.author)) return false;
  if (filter.status && story.status !== filter.status) return false;
  const due = story.status === "published" ? null : dueState(story.due_at, now);
  switch (filter.view) {
    case "mine":
      return story.authorIds.includes(userId) || story.assignee_id === userId;
    case "due-today":
      return due === "today";
    case "overdue":
      return due === "overdue";
    default:
      return true;
  }
}
