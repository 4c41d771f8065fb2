import { statusLabels } from "../workflow/states";
import type { StoryEventRow } from "./events";
import type { StoryRecord } from "./story-rows";
import type { UserRow } from "./users";

/** A user as the API shows them: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: UserRow["role"];
}

export function presentUser(row: UserRow): UserView {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** An account as the admin's people page shows it. */
export interface AccountView extends UserView {
  /** `invited`: has neither chosen a password nor signed in by single sign-on yet. */
  status: "active" | "invited" | "deactivated";
  createdAt: string;
  deactivatedAt: string | null;
}

/** `signedUpBySso`: the account is linked to a single sign-on identity (it needs no password). */
export function presentAccount(
  row: UserRow,
  signedUpBySso = false,
): AccountView {
  return {
    ...presentUser(row),
    status:
      row.deactivated_at !== null
        ? "deactivated"
        : row.password_hash === "" && !signedUpBySso
          ? "invited"
          : "active",
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
  };
}

export interface StoryView {
  id: string;
  slug: string;
  status: StoryRecord["status"];
  statusLabel: string;
  headline: string;
  section: string | null;
  authors: UserView[];
  createdAt: string;
  updatedAt: string;
  firstPublishedAt: string | null;
  /** Public URL path when a version is live. */
  liveUrl: string | null;
  /** When the story goes live by itself, if scheduled. */
  scheduledAt: string | null;
  /** Until when nothing of the story may be public, while an embargo lasts (null otherwise). */
  embargoUntil: string | null;
  wordCount: number;
  /** Planning (lib/stories/planning.ts): who it is assigned to, when due, how long. */
  assignee: UserView | null;
  dueAt: string | null;
  targetWords: number | null;
}

export function presentStory(
  story: StoryRecord,
  users: ReadonlyMap<string, UserRow>,
): StoryView {
  return {
    id: story.id,
    slug: story.slug,
    status: story.status,
    statusLabel: statusLabels[story.status],
    headline: story.headline,
    section: story.section,
    authors: story.authorIds.flatMap((id) => {
      const user = users.get(id);
      return user ? [presentUser(user)] : [];
    }),
    createdAt: story.created_at,
    updatedAt: story.updated_at,
    firstPublishedAt: story.first_published_at,
    liveUrl:
      story.status === "published" && story.live_revision_id
        ? `/news/${story.slug}`
        : null,
    scheduledAt: story.scheduled_at,
    // An embargo that has passed is none.
    embargoUntil:
      story.embargo_until && Date.parse(story.embargo_until) > Date.now()
        ? story.embargo_until
        : null,
    wordCount: story.word_count,
    assignee: (() => {
      const user = story.assignee_id ? users.get(story.assignee_id) : null;
      return user ? presentUser(user) : null;
    })(),
    dueAt: story.due_at,
    targetWords: story.target_words,
  };
}

/** Who did something, as a story's record shows them. */
export interface PersonView {
  id: string;
  name: string;
}

/** The user `id` among `users` as a record shows them; null when unknown or none. */
export function presentPerson(
  users: ReadonlyMap<string, UserRow>,
  id: string | null,
): PersonView | null {
  const user = id ? users.get(id) : undefined;
  return user ? { id: user.id, name: user.name } : null;
}

export interface StoryEventView {
  id: number;
  kind: string;
  from: string | null;
  to: string | null;
  note: string | null;
  at: string;
  actor: PersonView | null;
  /** The version the event refers to (approval lapsed: the approved text), or null. */
  versionId: string | null;
}

export function presentEvent(
  row: StoryEventRow,
  users: ReadonlyMap<string, UserRow>,
): StoryEventView {
  return {
    id: row.id,
    kind: row.kind,
    from: row.from_status,
    to: row.to_status,
    note: row.note,
    at: row.created_at,
    actor: presentPerson(users, row.actor_id),
    versionId: row.version_id,
  };
}
