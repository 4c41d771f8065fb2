import { z } from "zod";
import { COLLAB_TOKEN_TTL_SECONDS, signCollabToken } from "./collab/token";
import { colorForUser } from "./collab/identity";
import { docNameForStory } from "./collab/protocol";
import type { Store } from "./db/client";
import { listEvents, recordEvent } from "./db/events";
import {
  presentEvent,
  presentStory,
  presentUser,
  type StoryEventView,
  type StoryView,
} from "./db/presenters";
import {
  addStoryAuthor,
  createStory,
  findStoryById,
  listStories,
  removeStoryAuthor,
  changeStatus,
  type StoryListFilter,
  type StoryRecord,
} from "./db/stories";
import {
  findUserByEmail,
  findUserById,
  findUsersByIds,
  type UserRow,
} from "./db/users";
import { isValidSlug } from "./db/slug";
import { encodeInitialStoryDocument } from "./editor/story-document";
import { AppError } from "./errors";
import { can, canCreateStory } from "./permissions";
import { renameStorySlug } from "./site-slugs";
import { presentUsers } from "./db/presence";
import { inTransaction, nowIso } from "./db/transaction";
import { snapshotStory } from "./db/versions";
import { publishStory, unpublishStory } from "./publishing";
import { statusLabels, storyStatuses } from "./workflow/states";
import { assertTransition, availableTransitions } from "./workflow/transitions";

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

export const transitionBody = z.object({
  to: z.enum(storyStatuses),
  note: z.string().trim().max(2000).optional(),
  /** Publishing only: go live at this time instead of now (the story stays approved until then). */
  at: z.iso.datetime({ offset: true }).optional(),
  /** Republishing only: a correction shown under the article. */
  correction: z.string().trim().max(1000).optional(),
  /** The state the person saw when acting; a story that has moved since is not moved again. */
  from: z.enum(storyStatuses).optional(),
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
  .strict();

export const addAuthorBody = z.object({
  email: z.string().trim().email().max(320),
});

async function usersById(
  store: Store,
  ids: Iterable<string>,
): Promise<Map<string, UserRow>> {
  const users = await findUsersByIds(store.db, [...new Set(ids)]);
  return new Map(users.map((u) => [u.id, u]));
}

/** A story the actor may see; throws not_found (404) otherwise. */
export async function loadVisibleStory(
  store: Store,
  actor: UserRow,
  id: string,
): Promise<StoryRecord> {
  const story = await findStoryById(store.db, id);
  if (!story || !can(actor, "view", story))
    throw new AppError("not_found", "No such story.");
  return story;
}

/** Creates a story by `actor` with `headline` (may be empty); returns its view. */
export async function createStoryFor(
  store: Store,
  actor: UserRow,
  headline: string,
): Promise<StoryView> {
  if (!canCreateStory(actor))
    throw new AppError("forbidden", "You may not create stories.");
  const story = await createStory(store, {
    author: actor,
    headline,
    initialDocument: encodeInitialStoryDocument({ headline }),
  });
  return presentStory(story, new Map([[actor.id, actor]]));
}

export async function listStoryViews(
  store: Store,
  actor: UserRow,
  query: z.infer<typeof listStoriesQuery>,
): Promise<StoryView[]> {
  const filter: StoryListFilter = {
    status: query.status,
    query: query.q,
    limit: query.limit,
  };
  if (query.author === "me") filter.authorId = actor.id;
  const stories = await listStories(store.db, filter);
  const users = await usersById(
    store,
    stories.flatMap((s) => s.authorIds),
  );
  return stories
    .filter((s) => can(actor, "view", s))
    .map((s) => presentStory(s, users));
}

export interface StoryDetails extends StoryView {
  history: StoryEventView[];
  /** The slug was chosen by an editor and no longer follows the headline. */
  slugCustom: boolean;
  permissions: {
    edit: boolean;
    publish: boolean;
    manageAuthors: boolean;
    changeSlug: boolean;
    transitions: ReturnType<typeof availableTransitions>;
  };
}

/** Metadata, status, audit history and what the actor may do. */
export async function storyDetails(
  store: Store,
  actor: UserRow,
  id: string,
): Promise<StoryDetails> {
  const story = await loadVisibleStory(store, actor, id);
  const events = await listEvents(store.db, id);
  const users = await usersById(store, [
    ...story.authorIds,
    ...events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])),
  ]);
  return {
    ...presentStory(story, users),
    slugCustom: story.slug_custom === 1,
    history: events.map((e) => presentEvent(e, users)),
    permissions: {
      edit: can(actor, "edit", story),
      publish: can(actor, "publish", story),
      manageAuthors: can(actor, "manage-authors", story),
      changeSlug: can(actor, "change-slug", story),
      transitions: availableTransitions(actor, story),
    },
  };
}

/** Moves a story to `to`; throws 403/409 AppErrors with the reason. */
export async function transitionStory(
  store: Store,
  actor: UserRow,
  id: string,
  body: z.infer<typeof transitionBody>,
): Promise<StoryDetails> {
  const story = await loadVisibleStory(store, actor, id);
  if (body.from && body.from !== story.status) {
    throw new AppError(
      "conflict",
      `The story is now ${statusLabels[story.status].toLowerCase()}, no longer ${statusLabels[body.from].toLowerCase()}: someone moved it meanwhile.`,
    );
  }
  const rule = assertTransition(actor, story, body.to, body.note);
  const at = body.at ? new Date(body.at) : null;
  if (at && at.getTime() > Date.now() + 1000) {
    await scheduleStory(store, story, actor, at, body.note);
    return storyDetails(store, actor, id);
  }
  // Every transition keeps the document as it was at that moment.
  await snapshotStory(store, story, {
    name: rule.label,
    kind: "transition",
    actorId: actor.id,
  });
  if (body.to === "published") {
    await publishStory(store, story, actor, body.note, body.correction);
  } else if (body.to === "unpublished") {
    await unpublishStory(store, story, actor, body.note);
  } else {
    await inTransaction(store, async (db) => {
      // Leaving "approved" cancels a scheduled publication.
      if (
        !(await changeStatus(db, id, story.status, body.to, {
          scheduled_at: null,
        }))
      ) {
        throw new AppError(
          "conflict",
          "The story changed state meanwhile; reload and try again.",
        );
      }
      await recordEvent(db, {
        storyId: id,
        actorId: actor.id,
        kind: "transition",
        fromStatus: story.status,
        toStatus: body.to,
        note: body.note ?? null,
      });
    });
  }
  return storyDetails(store, actor, id);
}

/** Sets when an approved story goes live by itself. Throws conflict unless it is approved. */
async function scheduleStory(
  store: Store,
  story: StoryRecord,
  actor: UserRow,
  at: Date,
  note?: string,
): Promise<void> {
  if (story.status !== "approved") {
    throw new AppError(
      "conflict",
      "Only an approved story can be scheduled; publish it now or approve it first.",
    );
  }
  await inTransaction(store, async (db) => {
    const result = await db
      .updateTable("stories")
      .set({ scheduled_at: at.toISOString(), updated_at: nowIso() })
      .where("id", "=", story.id)
      .where("status", "=", "approved")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError(
        "conflict",
        "The story changed state meanwhile; reload and try again.",
      );
    }
    await recordEvent(db, {
      storyId: story.id,
      actorId: actor.id,
      kind: "scheduled",
      fromStatus: "approved",
      toStatus: "published",
      note: [at.toISOString(), note].filter(Boolean).join(" · "),
    });
  });
}

/** Changes what an editor may change directly on a story (its slug). Throws 403/409/422. */
export async function updateStory(
  store: Store,
  actor: UserRow,
  id: string,
  body: z.infer<typeof updateStoryBody>,
): Promise<StoryDetails> {
  const story = await loadVisibleStory(store, actor, id);
  if (body.slug !== undefined && body.slug !== story.slug) {
    if (!can(actor, "change-slug", story)) {
      throw new AppError(
        "forbidden",
        "Only editors can change a story's address.",
      );
    }
    // A published story's old address keeps working: it redirects (301) to the new one.
    await renameStorySlug(store, id, body.slug, actor.id);
  }
  return storyDetails(store, actor, id);
}

/** Adds a reporter (by e-mail) as a co-author. */
export async function addAuthor(
  store: Store,
  actor: UserRow,
  id: string,
  email: string,
): Promise<StoryDetails> {
  const story = await loadVisibleStory(store, actor, id);
  if (!can(actor, "manage-authors", story))
    throw new AppError(
      "forbidden",
      "Only an author or an editor can change the authors.",
    );
  const user = await findUserByEmail(store.db, email);
  if (!user)
    throw new AppError("not_found", `No newsroom account uses ${email}.`);
  if (user.role !== "reporter")
    throw new AppError(
      "conflict",
      "Only reporters are added as co-authors; editors can edit every story.",
    );
  if (await addStoryAuthor(store.db, id, user.id)) {
    await recordEvent(store.db, {
      storyId: id,
      actorId: actor.id,
      kind: "author-added",
      note: user.name,
    });
  }
  return storyDetails(store, actor, id);
}

/** Removes a co-author. The last author cannot be removed. */
export async function removeAuthor(
  store: Store,
  actor: UserRow,
  id: string,
  userId: string,
): Promise<StoryDetails> {
  const story = await loadVisibleStory(store, actor, id);
  if (!can(actor, "manage-authors", story))
    throw new AppError(
      "forbidden",
      "Only an author or an editor can change the authors.",
    );
  if (!story.authorIds.includes(userId))
    throw new AppError(
      "not_found",
      "That person is not an author of this story.",
    );
  if (story.authorIds.length === 1)
    throw new AppError("conflict", "A story keeps at least one author.");
  const user = await findUserById(store.db, userId);
  await removeStoryAuthor(store.db, id, userId);
  await recordEvent(store.db, {
    storyId: id,
    actorId: actor.id,
    kind: "author-removed",
    note: user?.name ?? userId,
  });
  return storyDetails(store, actor, id);
}

export interface CollabSession {
  url: string;
  docName: string;
  token: string;
  readOnly: boolean;
  expiresIn: number;
  user: { id: string; name: string; color: string };
}

/** A short-lived token for the story's collaboration socket. */
export async function collabSession(
  store: Store,
  actor: UserRow,
  id: string,
  options: { url: string; secret: string },
): Promise<CollabSession> {
  const story = await loadVisibleStory(store, actor, id);
  const readOnly = !can(actor, "edit", story);
  const color = colorForUser(actor.id);
  const token = await signCollabToken(
    { userId: actor.id, name: actor.name, color, storyId: id, readOnly },
    options.secret,
  );
  return {
    url: options.url,
    docName: docNameForStory(id),
    token,
    readOnly,
    expiresIn: COLLAB_TOKEN_TTL_SECONDS,
    user: { ...presentUser(actor), color },
  };
}

/**
 * The collaboration server URL as a browser at `requestUrl` reaches it: COLLAB_PUBLIC_URL when
 * set, else the same host on COLLAB_PORT (wss behind https).
 */
export function collabUrlFor(
  requestUrl: string,
  forwardedProto: string | null,
  collabPort: number,
  publicUrl?: string,
): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, "");
  const url = new URL(requestUrl);
  const secure = (forwardedProto ?? url.protocol.replace(":", "")) === "https";
  // URL.hostname keeps the brackets of an IPv6 literal.
  return `${secure ? "wss" : "ws"}://${url.hostname}:${collabPort}`;
}

export interface DashboardRow extends StoryView {
  /** Names of the people who have the story open now. */
  present: string[];
}

export interface DashboardGroup {
  key: "mine" | "review" | "approved" | "published" | "drafts" | "unpublished";
  title: string;
  stories: DashboardRow[];
}

/**
 * The newsroom's stories grouped by where they are in the workflow, newest change first, with
 * who is in each now. `query` searches headlines.
 */
export async function dashboard(
  store: Store,
  actor: UserRow,
  query?: string,
): Promise<DashboardGroup[]> {
  const stories = await listStories(store.db, { query, limit: 500 });
  const presence = await presentUsers(
    store.db,
    stories.map((s) => s.id),
  );
  const users = await usersById(store, [
    ...stories.flatMap((s) => s.authorIds),
    ...[...presence.values()].flat(),
  ]);
  const rows = stories.map((s) => ({
    ...presentStory(s, users),
    present: (presence.get(s.id) ?? []).flatMap(
      (id) => users.get(id)?.name ?? [],
    ),
  }));
  const mine = (r: DashboardRow) => r.authors.some((a) => a.id === actor.id);
  const groups: DashboardGroup[] = [
    {
      key: "mine",
      title: "My drafts",
      stories: rows.filter((r) => r.status === "draft" && mine(r)),
    },
    {
      key: "review",
      title: "Awaiting review",
      stories: rows.filter((r) => r.status === "submitted"),
    },
    {
      key: "approved",
      title: "Approved and scheduled",
      stories: rows.filter((r) => r.status === "approved"),
    },
    {
      key: "published",
      title: "Published",
      stories: rows.filter((r) => r.status === "published"),
    },
    {
      key: "drafts",
      title: "Other drafts",
      stories: rows.filter((r) => r.status === "draft" && !mine(r)),
    },
    {
      key: "unpublished",
      title: "Unpublished",
      stories: rows.filter((r) => r.status === "unpublished"),
    },
  ];
  return groups;
}
