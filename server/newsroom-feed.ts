import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import {
  verifyFeedToken,
  type FeedGrant,
  type FeedMessage,
} from "../lib/collab/newsroom-events";
import {
  ACCOUNT_DEACTIVATED,
  CloseCode,
  PARAM_TOKEN,
} from "../lib/collab/protocol";
import type { Store } from "../lib/db/client";
import { readSessionGenerations } from "../lib/db/session-generations";
import { findUserById, isActive } from "../lib/db/users";
import { Refusal } from "./refusal";
import { SIGNED_OUT, tokenReasons } from "./upgrade";

/** A feed socket may fall this far behind reading before it is closed (it reloads on reconnect). */
const MAX_BUFFERED_BYTES = 256 * 1024;

/**
 * The newsroom pages' push channel (`/newsroom`): each signed-in page holds one socket, is told
 * which story changed (the story list re-reads itself) and when its person's inbox changed. A
 * message names only a story id, so the socket needs no per-story rights; what a list shows is
 * decided when it is re-read.
 */
export class NewsroomFeed {
  private readonly sockets = new Map<WebSocket, FeedGrant>();

  constructor(
    private readonly secret: string,
    private readonly store: Store,
  ) {}

  get size(): number {
    return this.sockets.size;
  }

  /** Decides an upgrade to the feed: a valid token of an active user who has not signed out. */
  async authorize(request: IncomingMessage): Promise<FeedGrant> {
    const url = new URL(request.url ?? "/", "http://collab.invalid");
    const grant = await verifyFeedToken(
      url.searchParams.get(PARAM_TOKEN),
      this.secret,
    );
    if (typeof grant === "string")
      throw new Refusal(CloseCode.unauthorized, tokenReasons[grant]);
    const user = await findUserById(this.store.db, grant.userId);
    if (!user || !isActive(user))
      throw new Refusal(CloseCode.unauthorized, ACCOUNT_DEACTIVATED);
    const generations = await readSessionGenerations(this.store.db, [user.id]);
    if ((generations.get(user.id) ?? 0) !== grant.generation)
      throw new Refusal(CloseCode.unauthorized, SIGNED_OUT);
    return grant;
  }

  /** Holds an authorised socket until it closes or its token expires (the page reconnects). */
  add(ws: WebSocket, grant: FeedGrant): void {
    this.sockets.set(ws, grant);
    const expiry = setTimeout(
      () => ws.close(CloseCode.unauthorized, tokenReasons.expired),
      Math.max(0, grant.expiresAt - Date.now()),
    );
    expiry.unref();
    ws.on("close", () => {
      clearTimeout(expiry);
      this.sockets.delete(ws);
    });
    // The feed only speaks: whatever a client sends is ignored, and a flood closes it.
    ws.on("message", (data: Buffer) => {
      if (data.length > 1024) ws.close(CloseCode.badRequest, "bad request");
    });
    ws.on("error", () => ws.terminate());
  }

  /** Tells every feed socket that `storyId` changed (`presence`: only who is in it). */
  storyChanged(storyId: string, presence = false): void {
    const message: FeedMessage = presence
      ? { type: "story", storyId, presence }
      : { type: "story", storyId };
    const text = JSON.stringify(message);
    for (const ws of this.sockets.keys()) this.sendTo(ws, text);
  }

  /** Tells the feed sockets of `userIds` that their inbox changed. */
  inboxChanged(userIds: readonly string[]): void {
    const people = new Set(userIds);
    const text = JSON.stringify({ type: "inbox" } satisfies FeedMessage);
    for (const [ws, grant] of this.sockets)
      if (people.has(grant.userId)) this.sendTo(ws, text);
  }

  private sendTo(ws: WebSocket, text: string): void {
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES)
      ws.close(CloseCode.slowConsumer, "too slow: reconnect");
    else ws.send(text);
  }

  /** Closes the feeds of `userId` if the account was deactivated or signed out. */
  async recheckUser(userId: string): Promise<void> {
    const held = [...this.sockets].filter(([, g]) => g.userId === userId);
    if (held.length === 0) return;
    const user = await findUserById(this.store.db, userId);
    const generation =
      (await readSessionGenerations(this.store.db, [userId])).get(userId) ?? 0;
    for (const [ws, grant] of held) {
      if (!user || !isActive(user))
        ws.close(CloseCode.unauthorized, ACCOUNT_DEACTIVATED);
      else if (grant.generation !== generation)
        ws.close(CloseCode.unauthorized, SIGNED_OUT);
    }
  }

  closeAll(): void {
    for (const ws of this.sockets.keys())
      ws.close(CloseCode.serviceRestart, "server restarting");
  }
}
