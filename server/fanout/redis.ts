import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import {
  decodeFanoutMessage,
  encodeFanoutMessage,
  FanoutKind,
  newsroomChannel,
  storyChannel,
  storyIdFromChannel,
  type FanoutBody,
  type FanoutControl,
  type FanoutMessage,
} from "../../lib/collab/fanout";
import {
  newsroomEventSchema,
  type NewsroomEvent,
} from "../../lib/collab/newsroom-events";
import { createLogger, describeError } from "../../lib/log";
import type { Metrics } from "../metrics";
import { AntiEntropy, type AttachedRoom } from "./anti-entropy";
import type { Fanout, FanoutRoom, FanoutStatus } from "./fanout";
import { fanoutConnection } from "./redis-connection";

const log = createLogger("fanout");

export interface RedisFanoutOptions {
  url: string;
  prefix: string;
  /** How often each attached room compares its state with its peers' (ms). */
  resyncIntervalMs: number;
  /** How often each attached room re-reads the store (ms). */
  storeResyncIntervalMs: number;
  metrics: Metrics;
}

/** Peer messages held per room while it loads; beyond this the room re-reads the store instead. */
const MAX_HELD = 512;
/**
 * Fan-out between collaboration servers through Redis pub/sub, one channel per story, plus one
 * channel for newsroom events. What delivery loses, anti-entropy (./anti-entropy.ts) recovers.
 */
export class RedisFanout implements Fanout {
  /** This process's id in envelopes: a server ignores its own messages. */
  readonly serverId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly rooms = new Map<string, AttachedRoom>();
  private readonly antiEntropy: AntiEntropy;
  private pubReady = false;
  private subReady = false;
  private resyncNeeded = false;
  private closing = false;
  private newsroomHandler: (event: NewsroomEvent) => void = () => undefined;

  constructor(private readonly options: RedisFanoutOptions) {
    this.pub = fanoutConnection(options.url, "pub", this.serverId);
    this.sub = fanoutConnection(options.url, "sub", this.serverId);
    this.antiEntropy = new AntiEntropy(options, {
      connected: () => this.status() === "connected",
      attached: (entry) => this.rooms.get(entry.room.storyId) === entry,
      publish: (storyId, body, target) => this.publish(storyId, body, target),
    });
    this.pub.on("ready", () => {
      this.pubReady = true;
      this.connectionChanged();
    });
    this.sub.on("ready", () => void this.subscriberReady());
    for (const [client, name] of [
      [this.pub, "pub"],
      [this.sub, "sub"],
    ] as const) {
      client.on("close", () => {
        if (name === "pub") this.pubReady = false;
        else this.subReady = false;
        this.resyncNeeded = true;
        this.connectionChanged();
      });
      client.on("error", (error: Error) =>
        log.debug("redis connection error", {
          connection: name,
          error: error.message,
        }),
      );
    }
    this.sub.on("messageBuffer", (channel: Buffer, message: Buffer) =>
      this.receive(channel, message),
    );
  }

  status(): FanoutStatus {
    return this.pubReady && this.subReady ? "connected" : "disconnected";
  }

  async attach(room: FanoutRoom): Promise<void> {
    this.rooms.set(room.storyId, {
      room,
      held: [],
      overflowed: false,
      timer: null,
      lastStoreRead: Date.now(),
      storeReadDue: false,
    });
    if (!this.subReady) return;
    try {
      await this.sub.subscribe(this.channel(room.storyId));
    } catch (error) {
      // Subscribed again (and resynced) when the connection is back.
      log.debug("subscribe failed", {
        storyId: room.storyId,
        error: describeError(error),
      });
      this.resyncNeeded = true;
    }
  }

  ready(room: FanoutRoom): void {
    const entry = this.rooms.get(room.storyId);
    if (!entry || entry.room !== room) return;
    const held = entry.held ?? [];
    entry.held = null;
    entry.lastStoreRead = Date.now();
    for (const message of held) this.handle(entry, message);
    if (entry.overflowed) room.resyncFromStore();
    this.antiEntropy.tick(entry);
  }

  detach(room: FanoutRoom): void {
    const entry = this.rooms.get(room.storyId);
    if (!entry || entry.room !== room) return;
    this.antiEntropy.stop(entry);
    this.rooms.delete(room.storyId);
    if (this.subReady)
      this.sub.unsubscribe(this.channel(room.storyId)).catch(() => undefined);
  }

  publishUpdate(storyId: string, update: Uint8Array): void {
    this.publish(storyId, { kind: FanoutKind.update, update });
  }

  publishAwareness(storyId: string, update: Uint8Array): void {
    this.publish(storyId, { kind: FanoutKind.awareness, update });
  }

  publishControl(storyId: string, control: FanoutControl): void {
    this.rooms.get(storyId)?.room.handleControl(control);
    this.publish(storyId, { kind: FanoutKind.control, control });
  }

  publishNewsroomEvent(event: NewsroomEvent): void {
    this.publishTo(newsroomChannel(this.options.prefix), {
      kind: FanoutKind.control,
      control: event,
    });
  }

  onNewsroomEvent(handler: (event: NewsroomEvent) => void): void {
    this.newsroomHandler = handler;
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const entry of this.rooms.values()) this.antiEntropy.stop(entry);
    this.rooms.clear();
    await Promise.all(
      [this.pub, this.sub].map((client) =>
        client.quit().catch(() => client.disconnect()),
      ),
    );
  }

  private channel(storyId: string): string {
    return storyChannel(storyId, this.options.prefix);
  }

  private async subscriberReady(): Promise<void> {
    const subscribed = new Set<string>();
    try {
      await this.sub.subscribe(newsroomChannel(this.options.prefix));
      // Rooms attached while we subscribe are picked up by the next pass.
      for (;;) {
        const missing = [...this.rooms.keys()].filter(
          (id) => !subscribed.has(id),
        );
        if (missing.length === 0) break;
        for (let i = 0; i < missing.length; i += 500) {
          const chunk = missing.slice(i, i + 500);
          await this.sub.subscribe(...chunk.map((id) => this.channel(id)));
          for (const id of chunk) subscribed.add(id);
        }
      }
    } catch (error) {
      log.warn("resubscribing failed; waiting for the next reconnect", {
        error: describeError(error),
      });
      return;
    }
    this.subReady = true;
    const gone = [...subscribed].filter((id) => !this.rooms.has(id));
    if (gone.length > 0)
      this.sub
        .unsubscribe(...gone.map((id) => this.channel(id)))
        .catch(() => undefined);
    this.connectionChanged();
  }

  /** Both connections are back after an outage: every room catches up, from peers and store. */
  private connectionChanged(): void {
    const connected = this.status() === "connected";
    this.options.metrics.redisConnected.set(connected ? 1 : 0);
    if (!connected || !this.resyncNeeded || this.closing) return;
    this.resyncNeeded = false;
    log.info("redis connected: resyncing loaded documents", {
      documents: this.rooms.size,
    });
    this.antiEntropy.afterOutage(this.rooms.values());
  }

  private receive(channelBytes: Buffer, bytes: Buffer): void {
    const channel = channelBytes.toString();
    if (channel === newsroomChannel(this.options.prefix))
      return this.receiveNewsroomEvent(bytes);
    const storyId = storyIdFromChannel(channel, this.options.prefix);
    const entry = storyId === null ? undefined : this.rooms.get(storyId);
    if (!entry) return;
    const message = decodeFanoutMessage(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
    if (!message) {
      log.warn("ignoring an unreadable fan-out message", { storyId });
      return;
    }
    if (message.sender === this.serverId) return;
    if (message.target !== "" && message.target !== this.serverId) return;
    this.options.metrics.fanoutReceived.inc();
    if (entry.held) {
      if (entry.held.length < MAX_HELD) entry.held.push(message);
      else entry.overflowed = true;
      return;
    }
    this.handle(entry, message);
  }

  private receiveNewsroomEvent(bytes: Buffer): void {
    const message = decodeFanoutMessage(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
    if (!message || message.sender === this.serverId) return;
    const event =
      message.body.kind === FanoutKind.control
        ? newsroomEventSchema.safeParse(message.body.control)
        : null;
    if (event?.success) this.newsroomHandler(event.data);
    else log.warn("ignoring an unreadable newsroom event");
  }

  private handle(entry: AttachedRoom, message: FanoutMessage): void {
    const { room } = entry;
    const body = message.body;
    try {
      switch (body.kind) {
        case FanoutKind.update:
          this.options.metrics.fanoutLag.observe(
            Math.max(0, Date.now() - message.sentAt) / 1000,
          );
          room.applyPeerUpdate(body.update);
          break;
        case FanoutKind.diff:
          room.applyPeerUpdate(body.update);
          break;
        case FanoutKind.awareness:
          room.applyPeerAwareness(body.update);
          break;
        case FanoutKind.state:
          this.antiEntropy.answerState(entry, message.sender, body);
          break;
        case FanoutKind.control:
          room.handleControl(body.control);
          break;
      }
    } catch (error) {
      log.warn("could not apply a fan-out message", {
        storyId: room.storyId,
        kind: body.kind,
        error: describeError(error),
      });
    }
  }

  private publish(storyId: string, body: FanoutBody, target = ""): void {
    this.publishTo(this.channel(storyId), body, target, storyId);
  }

  private publishTo(
    channel: string,
    body: FanoutBody,
    target = "",
    storyId?: string,
  ): void {
    const { metrics } = this.options;
    if (!this.pubReady) {
      metrics.fanoutPublishFailures.inc();
      return;
    }
    const bytes = encodeFanoutMessage({
      sender: this.serverId,
      target,
      sentAt: Date.now(),
      body,
    });
    this.pub
      .publish(
        channel,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      )
      .then(
        () => metrics.fanoutPublished.inc(),
        (error: unknown) => {
          metrics.fanoutPublishFailures.inc();
          log.debug("publish failed", {
            channel,
            error: describeError(error),
          });
          // Our peers may now lack something: compare states again soon.
          const entry =
            storyId === undefined ? undefined : this.rooms.get(storyId);
          if (entry && !entry.held) this.antiEntropy.schedule(entry, 250);
        },
      );
  }
}
