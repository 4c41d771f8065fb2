import type { z } from "zod";
import type { Store } from "../db/client";
import { returnNotes } from "../db/events";
import { presentUsers } from "../db/presence";
import { firstLine } from "../notifications/notify";
import { presentStory, type StoryView } from "../db/presenters";
import { listStories, type StoryListFilter } from "../db/story-rows";
import { usersById, type UserRow } from "../db/users";
import { can } from "../workflow/permissions";
import type { listStoriesQuery } from "./requests";

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
    store.db,
    stories.flatMap((s) => s.authorIds),
  );
  return stories
    .filter((s) => can(actor, "view", s))
    .map((s) => presentStory(s, users));
}

export interface DashboardRow extends StoryView {
  /** Names of the people who have the story open now. */
  present: string[];
  /** A draft the desk returned: the first line of its note ("" without one); else null. */
  returned: string | null;
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
  const users = await usersById(store.db, [
    ...stories.flatMap((s) => s.authorIds),
    ...[...presence.values()].flat(),
  ]);
  const returns = await returnNotes(
    store.db,
    stories.filter((s) => s.status === "draft").map((s) => s.id),
  );
  const rows = stories.map((s) => {
    const note = returns.get(s.id);
    return {
      ...presentStory(s, users),
      present: (presence.get(s.id) ?? []).flatMap(
        (id) => users.get(id)?.name ?? [],
      ),
      returned: note === undefined ? null : firstLine(note),
    };
  });
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
