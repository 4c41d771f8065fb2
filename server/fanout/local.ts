import type { Connection } from "../connection";

/** Sends `message` to every socket of a room except `except`. */
export function broadcast(
  connections: Iterable<Connection>,
  message: Uint8Array,
  except: Connection | null,
): void {
  for (const connection of connections) {
    if (connection !== except) connection.send(message);
  }
}
