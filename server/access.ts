import { socketAccess } from "../lib/collab/access";
import { CloseCode } from "../lib/collab/protocol";
import type { Store } from "../lib/db/client";
import { findStoryById } from "../lib/db/stories";
import { findUsersByIds } from "../lib/db/users";
import { createLogger, describeError } from "../lib/log";
import type { DocumentRegistry, Room } from "./documents";

const log = createLogger("access");

/**
 * Keeps open sockets' rights current. Every story's `access_version` is bumped in the same
 * commit as a change of its status or authors; this reads the versions of the open stories and,
 * where one moved, re-decides each socket (lib/collab/access): read-only while the desk reviews,
 * writable again when the story is returned, closed for a removed co-author. Polling the store
 * needs no message to arrive, works with any number of servers, and catches up after a restart.
 */
export function startAccessChecks(
  registry: DocumentRegistry,
  store: Store,
  intervalMs: number,
): () => void {
  const known = new Map<string, number>();
  let running = false;

  const recheck = async (room: Room): Promise<void> => {
    const story = await findStoryById(store.db, room.storyId);
    const userIds = [
      ...new Set([...room.connections].map((c) => c.grant.userId)),
    ];
    const users = new Map(
      (await findUsersByIds(store.db, userIds)).map((u) => [u.id, u]),
    );
    for (const connection of [...room.connections]) {
      const decision = socketAccess(
        users.get(connection.grant.userId),
        story,
        connection.grant.wasAuthor,
      );
      if (decision.kind === "close")
        connection.close(CloseCode.forbidden, decision.reason);
      else if (decision.kind === "read-only")
        connection.setReadOnly(true, decision.reason);
      // A token granting reading only stays read-only whatever the story's state.
      else if (!connection.grant.tokenReadOnly)
        connection.setReadOnly(false, "read-write");
    }
  };

  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const rooms = registry.all().filter((room) => room.connections.size > 0);
      const open = new Set(rooms.map((r) => r.storyId));
      for (const id of known.keys()) if (!open.has(id)) known.delete(id);
      const versions = new Map<string, number>();
      const ids = [...open];
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await store.db
          .selectFrom("stories")
          .select(["id", "access_version"])
          .where("id", "in", ids.slice(i, i + 500))
          .execute();
        for (const row of rows) versions.set(row.id, row.access_version);
      }
      for (const room of rooms) {
        // A deleted story reads as -1: its sockets are closed.
        const version = versions.get(room.storyId) ?? -1;
        if (known.get(room.storyId) === version) continue;
        known.set(room.storyId, version);
        await recheck(room);
      }
    } catch (error) {
      log.warn("re-checking access failed", { error: describeError(error) });
    } finally {
      running = false;
    }
  };

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
