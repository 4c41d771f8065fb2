import * as Y from "yjs";
import { signCollabToken } from "../collab/token";
import { colorForUser } from "../collab/identity";
import { docNameForStory } from "../collab/protocol";
import { editThroughCollabServer } from "../collab/remote-edit";
import type { Store } from "../db/client";
import { loadStoryDoc } from "../db/documents";
import { recordEvent } from "../db/events";
import { readSessionGeneration } from "../db/session-generations";
import { presentPerson, type PersonView } from "../db/presenters";
import { usersById, type UserRow } from "../db/users";
import {
  findVersion,
  listVersions,
  snapshotStory,
  type VersionSummary,
} from "../db/versions";
import { diffStories } from "../editor/diff";
import { bodyForPublication, renderBodyHtml } from "../editor/render";
import { restoreStoryContent } from "../editor/restore";
import { readBody, readSingleLine } from "../editor/story-document";
import { AppError } from "../errors";
import { can } from "../workflow/permissions";
import { loadVisibleStory } from "./details";

export interface VersionView {
  id: string;
  name: string;
  kind: VersionSummary["kind"];
  status: VersionSummary["status"];
  createdAt: string;
  createdBy: PersonView | null;
}

function present(
  v: VersionSummary,
  users: ReadonlyMap<string, UserRow>,
): VersionView {
  return {
    id: v.id,
    name: v.name,
    kind: v.kind,
    status: v.status,
    createdAt: v.created_at,
    createdBy: presentPerson(users, v.created_by),
  };
}

/** A story's versions, newest first. */
export async function listVersionViews(
  store: Store,
  actor: UserRow,
  storyId: string,
): Promise<VersionView[]> {
  await loadVisibleStory(store, actor, storyId);
  const versions = await listVersions(store.db, storyId);
  const users = await usersById(
    store.db,
    versions.flatMap((v) => (v.created_by ? [v.created_by] : [])),
  );
  return versions.map((v) => present(v, users));
}

/** Saves the current stored document under a name, on request. */
export async function saveNamedVersion(
  store: Store,
  actor: UserRow,
  storyId: string,
  name: string,
): Promise<VersionView> {
  const story = await loadVisibleStory(store, actor, storyId);
  if (!can(actor, "edit", story))
    throw new AppError(
      "forbidden",
      "Only people who can edit the story save versions of it.",
    );
  const version = await snapshotStory(store, story, {
    name,
    kind: "named",
    actorId: actor.id,
  });
  return present(version, new Map([[actor.id, actor]]));
}

export interface VersionDetails extends VersionView {
  headline: string;
  deck: string;
  bodyHtml: string;
  /** How the current story differs from this version (insertions are what was added since). */
  changesSince: { headline: string; deck: string; body: string };
}

/** A past version, read-only: its text and what changed since. */
export async function versionDetails(
  store: Store,
  actor: UserRow,
  storyId: string,
  versionId: string,
): Promise<VersionDetails> {
  await loadVisibleStory(store, actor, storyId);
  const row = await findVersion(store.db, storyId, versionId);
  if (!row) throw new AppError("not_found", "No such version of this story.");
  const then = new Y.Doc();
  Y.applyUpdate(then, row.data);
  const now = await loadStoryDoc(store, storyId);
  const past = {
    headline: readSingleLine(then, "headline"),
    deck: readSingleLine(then, "deck"),
    body: bodyForPublication(readBody(then)),
  };
  const current = {
    headline: readSingleLine(now, "headline"),
    deck: readSingleLine(now, "deck"),
    body: bodyForPublication(readBody(now)),
  };
  then.destroy();
  now.destroy();
  const users = await usersById(
    store.db,
    row.created_by ? [row.created_by] : [],
  );
  const { data: _data, ...summary } = row;
  return {
    ...present(summary, users),
    headline: past.headline,
    deck: past.deck,
    bodyHtml: renderBodyHtml(past.body),
    changesSince: diffStories(past, current),
  };
}

/**
 * Restores a version as a new change, through the collaboration server, so everyone in the
 * story sees it live. The state before the restore is saved as a version first.
 */
export async function restoreVersion(
  store: Store,
  actor: UserRow,
  storyId: string,
  versionId: string,
  collab: { url: string; secret: string },
): Promise<VersionView> {
  const story = await loadVisibleStory(store, actor, storyId);
  if (!can(actor, "edit", story))
    throw new AppError(
      "forbidden",
      "You cannot change this story now, so you cannot restore a version of it.",
    );
  const row = await findVersion(store.db, storyId, versionId);
  if (!row) throw new AppError("not_found", "No such version of this story.");
  const before = await snapshotStory(store, story, {
    name: `Before restoring “${row.name}”`,
    kind: "restore",
    actorId: actor.id,
  });
  const version = new Y.Doc();
  Y.applyUpdate(version, row.data);
  const token = await signCollabToken(
    {
      userId: actor.id,
      name: actor.name,
      color: colorForUser(actor.id),
      storyId,
      readOnly: false,
      generation: await readSessionGeneration(store.db, actor.id),
    },
    collab.secret,
    120,
  );
  try {
    await editThroughCollabServer({
      url: collab.url,
      docName: docNameForStory(storyId),
      token,
      edit: (doc) => restoreStoryContent(doc, version),
    });
  } finally {
    version.destroy();
  }
  await recordEvent(store.db, {
    storyId,
    actorId: actor.id,
    kind: "restored",
    note: row.name,
  });
  return present(before, new Map([[actor.id, actor]]));
}
