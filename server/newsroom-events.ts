import type http from "node:http";
import {
  verifyNewsroomEvent,
  type NewsroomEvent,
} from "../lib/collab/newsroom-events";
import { createLogger } from "../lib/log";
import type { AccessChecks } from "./access";
import type { Fanout } from "./fanout/fanout";
import type { NewsroomFeed } from "./newsroom-feed";

const log = createLogger("newsroom-events");

/** An event token is a few hundred bytes; anything much longer is not one. */
const MAX_BODY_BYTES = 4096;

/**
 * Acts on newsroom events (lib/collab/newsroom-events): re-decides the sockets an access change
 * concerns at once, tells the story lists, and passes events raised here to the other servers.
 */
export class NewsroomEvents {
  constructor(
    private readonly deps: {
      secret: string;
      feed: NewsroomFeed;
      access: AccessChecks;
      fanout: Fanout;
    },
  ) {
    deps.fanout.onNewsroomEvent((event) => this.act(event));
  }

  /** An event raised on this server (its own presence) or posted to it by the app. */
  raise(event: NewsroomEvent): void {
    this.act(event);
    this.deps.fanout.publishNewsroomEvent(event);
  }

  /** `POST /events`: the body is a signed event token; 204 once taken, 400/401 otherwise. */
  handleRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const answer = (status: number, message?: string) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(message ? JSON.stringify({ error: { message } }) : undefined);
    };
    if (req.method !== "POST") return answer(405, "POST an event token.");
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        answer(413, "Too large for an event.");
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) return;
      const token = Buffer.concat(chunks).toString("utf8").trim();
      void verifyNewsroomEvent(token, this.deps.secret).then((event) => {
        if (!event) return answer(401, "Not a valid, current event token.");
        answer(204);
        this.raise(event);
      });
    });
  }

  private act(event: NewsroomEvent): void {
    const { access, feed } = this.deps;
    const failed = (error: unknown) =>
      log.warn("acting on a newsroom event failed", {
        type: event.type,
        error: String(error),
      });
    if (event.type === "story") {
      if (event.access) access.recheckStory(event.storyId).catch(failed);
      feed.storyChanged(event.storyId, event.presence === true);
    } else if (event.type === "user") {
      access.recheckUser(event.userId).catch(failed);
      feed.recheckUser(event.userId).catch(failed);
    } else feed.inboxChanged(event.userIds);
  }
}
