import type { FanoutControl } from "../../lib/collab/fanout";
import type { RoomMember } from "../documents";
import type { Fanout, FanoutRoom } from "./fanout";

/** Sends `message` to every socket of a room except `except`. */
export function broadcast(
  connections: Iterable<RoomMember>,
  message: Uint8Array,
  except: RoomMember | null,
): void {
  for (const connection of connections) {
    if (connection !== except) connection.send(message);
  }
}

/** The fan-out of a server that runs alone: nothing to relay; control messages stay local. */
export function localFanout(): Fanout {
  const rooms = new Map<string, FanoutRoom>();
  return {
    attach: async (room) => {
      rooms.set(room.storyId, room);
    },
    ready: () => undefined,
    detach: (room) => {
      if (rooms.get(room.storyId) === room) rooms.delete(room.storyId);
    },
    publishUpdate: () => undefined,
    publishAwareness: () => undefined,
    publishControl: (storyId: string, control: FanoutControl) =>
      rooms.get(storyId)?.handleControl(control),
    publishNewsroomEvent: () => undefined,
    onNewsroomEvent: () => undefined,
    status: () => "off",
    close: async () => undefined,
  };
}
