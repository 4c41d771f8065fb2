import type { WebsocketProvider } from "y-websocket";
import { heartbeatMessage } from "./wire";

/**
 * A socket that has heard nothing for this long is taken for dead (the network went away
 * silently). The client asks the server every HEARTBEAT_MS (message 103, answered at once), so
 * a live socket is never this quiet.
 */
export const SILENCE_MS = 4000;
export const HEARTBEAT_MS = 1000;

/**
 * Watches the connection of `current()` (a y-websocket provider with the browser's WebSocket):
 * sends a heartbeat every HEARTBEAT_MS while open, and when a heartbeat goes unanswered (nothing
 * heard since) for SILENCE_MS, or an attempt to connect hangs that long, calls `onDead` and
 * starts a new connection. y-websocket's
 * own check waits 30 s. Returns a function that stops watching.
 */
export function watchLiveness(
  current: () => WebsocketProvider | null,
  onDead: () => void,
): () => void {
  let lastBeat = 0;
  // When the oldest heartbeat nothing has been heard since was sent (0: none). Silence is
  // judged from it, not from the last message: a background tab's timers may run once a
  // minute, and a quiet minute with no heartbeat sent is not a dead connection.
  let unansweredSince = 0;
  let connectingSince = 0;
  const reconnect = (provider: WebsocketProvider) => {
    connectingSince = 0;
    unansweredSince = 0;
    onDead();
    provider.disconnect();
    provider.connect();
  };
  const timer = setInterval(() => {
    const provider = current();
    if (!provider?.shouldConnect) return;
    const now = Date.now();
    const ws = provider.ws;
    if (ws && provider.wsconnected && ws.readyState === ws.OPEN) {
      connectingSince = 0;
      // y-websocket notes when each message arrived, the answers to our heartbeats included.
      if (unansweredSince && provider.wsLastMessageReceived >= unansweredSince)
        unansweredSince = 0;
      if (unansweredSince && now - unansweredSince > SILENCE_MS)
        reconnect(provider);
      else if (now - lastBeat >= HEARTBEAT_MS) {
        lastBeat = now;
        unansweredSince ||= now;
        ws.send(heartbeatMessage());
      }
    } else if (provider.wsconnecting) {
      unansweredSince = 0;
      connectingSince ||= now;
      if (now - connectingSince > SILENCE_MS) reconnect(provider);
    } else {
      connectingSince = 0;
      unansweredSince = 0;
    }
  }, HEARTBEAT_MS / 2);
  return () => clearInterval(timer);
}
