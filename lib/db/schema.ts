import type { Generated } from "kysely";
import type { Role } from "../workflow/actors";
import type { CorrectionKind } from "../workflow/corrections";
import type { StoryStatus } from "../workflow/states";

/**
 * Table shapes shared by SQLite and PostgreSQL. Timestamps are ISO-8601 UTC strings
 * (sortable as text in both stores); JSON values are stored as text.
 */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Empty while an invited account has not chosen a password (it cannot sign in). */
  password_hash: string;
  created_at: string;
  /** When an admin deactivated the account (it cannot sign in); null while active. */
  deactivated_at: string | null;
}

/** A single sign-on identity linked to an account (migration 017). */
export interface SsoIdentitiesTable {
  /** The provider's issuer, as its ID tokens name it. */
  issuer: string;
  /** The provider's stable id of the person (`sub`). */
  subject: string;
  user_id: string;
  created_at: string;
}

export interface StoriesTable {
  id: string;
  slug: string;
  status: StoryStatus;
  /** Plain-text copy of the document's headline, kept current by the collaboration server. */
  headline: string;
  section: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** First publication; null until published once. */
  first_published_at: string | null;
  /** The revision the public page shows; null when nothing is live. */
  live_revision_id: string | null;
  /** 1 once an editor chose the slug: it no longer follows the headline. */
  slug_custom: Generated<number>;
  /** When an approved story goes live by itself (ISO time), or null. */
  scheduled_at: string | null;
  /** Bumped whenever who may edit the story changes (status, authors). */
  access_version: Generated<number>;
  /** Words in the body, kept current by the collaboration server. */
  word_count: Generated<number>;
  /** When the story was spiked (taken out of the lists; deleted 30 days later), or null. */
  spiked_at: string | null;
  spiked_by: string | null;
  /** Who the desk assigned the story to, or null. */
  assignee_id: string | null;
  /** When the story is due (ISO time), or null. */
  due_at: string | null;
  /** How many words it should have, or null. */
  target_words: number | null;
  /** Search and social overrides set by the desk (migration 011); null: headline or deck. */
  seo_title: string | null;
  social_headline: string | null;
  social_description: string | null;
  /** Until when nothing of the story may be public (ISO), or null (migration 012). */
  embargo_until: string | null;
  /** What the current approval approved (lib/stories/approval.ts), and its version (migration 015). */
  approved_digest: string | null;
  approved_version_id: string | null;
}

/** A saved state of a story's document: at each transition, on demand, or before a restore. */
export interface StoryVersionsTable {
  id: string;
  story_id: string;
  name: string;
  kind: "transition" | "named" | "restore";
  status: StoryStatus;
  created_by: string | null;
  created_at: string;
  /** The whole document as one Yjs update. */
  data: Uint8Array;
}

/** Who has a story open, per collaboration server (rows expire when not refreshed). */
export interface StoryPresenceTable {
  story_id: string;
  user_id: string;
  server_id: string;
  seen_at: string;
}

/** Who wrote under a Yjs client id in a story (lib/db/story-writers.ts). */
export interface StoryWritersTable {
  story_id: string;
  /** A Yjs client id; PostgreSQL returns its bigint as a string. */
  client_id: number | string;
  user_id: string;
  claimed_at: string;
}

export interface StoryAuthorsTable {
  story_id: string;
  user_id: string;
  added_at: string;
}

/** The append-only Yjs update log of each story; compaction replaces a set of rows by one merged row. */
export interface DocumentUpdatesTable {
  id: Generated<number>;
  story_id: string;
  data: Uint8Array;
  /** 1 when the row is the merge of earlier rows (a snapshot), else 0. */
  merged: number;
  created_at: string;
}

export interface PublishedRevisionsTable {
  id: string;
  story_id: string;
  slug: string;
  headline: string;
  deck: string;
  body_html: string;
  /** JSON: `{name, email}[]` */
  bylines: string;
  section: string | null;
  /** JSON: `string[]` */
  tags: string;
  dateline: string | null;
  lead_image: string | null;
  word_count: number;
  published_at: string;
  published_by: string;
  /**
   * The correction given with this publication, as written before migration 009; no longer
   * written: `story_corrections` keeps every correction and clarification.
   */
  correction_note: string | null;
  /** The story's search and social overrides as they went live (migration 011). */
  seo_title: string | null;
  social_headline: string | null;
  social_description: string | null;
}

/** A correction or clarification of a story, given when it was republished (migration 009). */
export interface StoryCorrectionsTable {
  id: Generated<number>;
  story_id: string;
  /** The revision published with it (null if that revision is gone). */
  revision_id: string | null;
  kind: CorrectionKind;
  text: string;
  created_at: string;
  /** Who published it (null if unknown). */
  created_by: string | null;
}

/** A published revision's tags by slug (see migration 008). */
export interface RevisionTagsTable {
  revision_id: string;
  slug: string;
  /** The tag as written in that revision. */
  name: string;
}

export interface StoryEventsTable {
  id: Generated<number>;
  story_id: string;
  actor_id: string | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  created_at: string;
  /** The version the event refers to, or null (migration 015). */
  version_id: string | null;
}

/** An old address of a published story; the site answers it with a 301 to the current slug. */
export interface SlugRedirectsTable {
  slug: string;
  story_id: string;
  created_at: string;
}

/** Page views of a story in one UTC hour (`YYYY-MM-DDTHH`), counted by the site's server. */
export interface PageViewsTable {
  story_id: string;
  hour: string;
  views: number;
}

/** A newsletter subscription; the e-mail address is stored lower-cased. */
export interface SubscriptionsTable {
  email: string;
  created_at: string;
  /** The page the form was sent from, for the desk's statistics. */
  source: string | null;
}

/**
 * One row (id 1): a counter bumped in the same transaction as every change to what the public
 * site shows, so caches can tell in one indexed read whether anything changed.
 */
export interface SiteContentVersionTable {
  id: number;
  version: number;
}

/** How many times a user signed out (lib/db/session-generations.ts). */
export interface SessionGenerationsTable {
  user_id: string;
  generation: number;
  changed_at: string;
}

/** Attempts counted under `key` in the window that started at `window_start` (see lib/rate-limit). */
export interface AttemptCountersTable {
  key: string;
  window_start: string;
  /** When the window ends; the row means nothing after it. */
  expires_at: string;
  hits: number;
}

/** A one-time link that sets an account's password: an invitation's sign-up, or a reset. */
export interface AccountLinksTable {
  /** SHA-256 (hex) of the link's secret; the secret itself is never stored. */
  token_hash: string;
  user_id: string;
  purpose: "invite" | "reset";
  created_by: string | null;
  created_at: string;
  expires_at: string;
  /** When the link was used; it works once. */
  used_at: string | null;
}

export type NotificationKind =
  | "submitted"
  | "returned"
  | "approved"
  | "published"
  | "scheduled-published"
  | "co-author"
  | "mention"
  | "reply"
  | "assigned";

export interface NotificationsTable {
  id: string;
  /** Whose inbox it is in. */
  user_id: string;
  kind: NotificationKind;
  story_id: string | null;
  /** What happened, as the inbox shows it (names and headline included, plain text). */
  text: string;
  created_at: string;
  read_at: string | null;
  /** When it went out in an e-mail digest; null while not (yet) mailed. */
  mailed_at: string | null;
}

/** Per person: their last e-mail digest, and until when one is being sent or must wait. */
export interface MailDigestsTable {
  user_id: string;
  sent_at: string | null;
  /** A sweep's claim on this person's digest, or after a failure the time to retry. */
  busy_until: string | null;
}

export interface Database {
  story_versions: StoryVersionsTable;
  story_presence: StoryPresenceTable;
  story_writers: StoryWritersTable;
  users: UsersTable;
  stories: StoriesTable;
  story_authors: StoryAuthorsTable;
  document_updates: DocumentUpdatesTable;
  published_revisions: PublishedRevisionsTable;
  revision_tags: RevisionTagsTable;
  story_corrections: StoryCorrectionsTable;
  story_events: StoryEventsTable;
  slug_redirects: SlugRedirectsTable;
  page_views: PageViewsTable;
  subscriptions: SubscriptionsTable;
  site_content_version: SiteContentVersionTable;
  attempt_counters: AttemptCountersTable;
  session_generations: SessionGenerationsTable;
  account_links: AccountLinksTable;
  sso_identities: SsoIdentitiesTable;
  notifications: NotificationsTable;
  mail_digests: MailDigestsTable;
}
