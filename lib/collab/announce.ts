import { collabInternalUrl, collabTokenSecret, serverEnv } from "../env";
import { createLogger, describeError } from "../log";
import {
  EVENTS_PATH,
  signNewsroomEvent,
  type NewsroomEvent,
} from "./newsroom-events";

const log = createLogger("announce");

/** An announcement that takes longer than this is given up (the servers' 30 s re-check catches up). */
const TIMEOUT_MS = 2000;

/** The collaboration server's events endpoint, from its WebSocket address. */
export function eventsUrl(collabUrl: string): string {
  const url = new URL(collabUrl);
  url.protocol = url.protocol === "wss:" ? "https:" : "http:";
  url.pathname = EVENTS_PATH;
  url.search = "";
  return url.toString();
}

/**
 * Tells the collaboration servers what the app just changed (after its commit): they re-decide
 * the sockets concerned and the story lists re-read. Never throws and never holds up the answer
 * to the request: a lost announcement costs only time, since the servers re-check the store.
 */
export function announce(...events: NewsroomEvent[]): void {
  void Promise.all(events.map(send));
}

async function send(event: NewsroomEvent): Promise<void> {
  try {
    const env = serverEnv();
    const response = await fetch(eventsUrl(collabInternalUrl(env)), {
      method: "POST",
      headers: { "content-type": "application/jwt" },
      body: await signNewsroomEvent(event, collabTokenSecret(env)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok)
      log.warn("the collaboration server refused an event", {
        type: event.type,
        status: response.status,
      });
  } catch (error) {
    log.warn("announcing an event failed", {
      type: event.type,
      error: describeError(error),
    });
  }
}
