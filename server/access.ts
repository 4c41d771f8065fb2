import { socketAccess } from "../lib/collab/access";
import { CloseCode } from "../lib/collab/protocol";
import type { Store } from "../lib/db/client";
import { readSessionGenerations } from "../lib/db/session-generations";
import { findStoryById, readAccessVersions } from "../lib/db/story-rows";
import { findUsersByIds } from "../lib/db/users";
import { createLogger, describeError } from "../lib/log";
import type { Connection } from "./connection";
import type { DocumentRegistry } from "./registry";
import { SIGNED_OUT } from "./upgrade";

const log = createLogger("access");

/** Read for this story as its version: a deleted story's sockets are closed. */
const DELETED = -1;

/**
 * Keeps open sockets' rights current. Every story's `access_version` is bumped in the same
 * commit as a change of its status or authors; this reads the versions of the open stories and
 * re-decides each socket whose rights were decided on another version (lib/collab/access):
 * read-only while the desk reviews, writable again when the story is returned, closed for a
 * removed co-author. A socket's first rights come with it (server/upgrade.ts, with the version
 * they were decided on), so a story that opens costs no re-decision unless it changed since.
 * The app announces each such change (server/newsroom-events.ts), and the sockets concerned
 * are re-decided at once; the poll every `intervalMs` (30 s) is the backstop for an announcement
 * that never arrived (the collaboration server was restarting) or a change made straight in the
 * store. The same tick closes the sockets of users who signed out since their token was issued
 * (their session generation moved on).
 */
export interface AccessChecks {
  /** Re-decides every socket of one story now (its status or authors changed). */
  recheckStory(storyId: string): Promise<void>;
  /** Re-decides every socket of one user now (deactivated, role changed, signed out). */
  recheckUser(userId: string): Promise<void>;
  stop(): void;
}

export function startAccessChecks(
  registry: DocumentRegistry,
  store: Store,
  intervalMs: number,
  /** A story's sockets were re-decided: its status or authors may have changed. */
  onRedecided: (storyId: string) => void = () => undefined,
): AccessChecks {
  let running = false;

  const redecide = async (
    storyId: string,
    connections: Connection[],
  ): Promise<void> => {
    const story = await findStoryById(store.db, storyId);
    onRedecided(storyId);
    const userIds = [...new Set(connections.map((c) => c.grant.userId))];
    const users = new Map(
      (await findUsersByIds(store.db, userIds)).map((u) => [u.id, u]),
    );
    for (const connection of connections) {
      connection.accessVersion = story?.access_version ?? DELETED;
      const decision = socketAccess(
        users.get(connection.grant.userId),
        story,
        connection.grant.wasAuthor,
      );
      if (decision.kind === "close")
        connection.close(CloseCode.forbidden, decision.reason);
      else if (decision.kind === "read-only")
        connection.setReadOnly(true, decision.reason);
      // A token granting reading only stays read-only whatever the story's state; its client
      // is told to fetch a fresh token (a reader just added as a co-author).
      else if (connection.grant.tokenReadOnly) connection.offerWriting();
      else {
        const reason =
          decision.kind === "suggest-only" ? decision.reason : "read-write";
        connection.setSuggestOnly(decision.kind === "suggest-only", reason);
        connection.setReadOnly(false, reason);
      }
    }
  };

  const closeSignedOut = async (connections: Connection[]): Promise<void> => {
    const generations = await readSessionGenerations(store.db, [
      ...new Set(connections.map((c) => c.grant.userId)),
    ]);
    for (const connection of connections) {
      const { userId, generation } = connection.grant;
      if ((generations.get(userId) ?? 0) !== generation)
        connection.close(CloseCode.unauthorized, SIGNED_OUT);
    }
  };

  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const rooms = registry.all().filter((room) => room.connections.size > 0);
      await closeSignedOut(rooms.flatMap((room) => [...room.connections]));
      const versions = await readAccessVersions(
        store.db,
        rooms.map((r) => r.storyId),
      );
      for (const room of rooms) {
        const version = versions.get(room.storyId) ?? DELETED;
        const stale = [...room.connections].filter(
          (c) => c.accessVersion !== version,
        );
        if (stale.length > 0) await redecide(room.storyId, stale);
      }
    } catch (error) {
      log.warn("re-checking access failed", { error: describeError(error) });
    } finally {
      running = false;
    }
  };

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    async recheckStory(storyId) {
      const room = registry.get(storyId);
      if (room && room.connections.size > 0)
        await redecide(storyId, [...room.connections]);
    },
    async recheckUser(userId) {
      for (const room of registry.all()) {
        const held = [...room.connections].filter(
          (c) => c.grant.userId === userId,
        );
        if (held.length === 0) continue;
        await closeSignedOut(held);
        await redecide(room.storyId, held);
      }
    },
    stop: () => clearInterval(timer),
  };
}
