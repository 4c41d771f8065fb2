/** Stock y-websocket clients as the collaboration benchmark drives them. */
import { adoptAssignedUser } from "../../lib/collab/assigned-presence";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { addedStamps, ageOf, stamp } from "./stamps";
import {
  docNameForStory,
  isUpdateCarrying,
  MESSAGE_STORED,
  PARAM_ACK,
  PARAM_TOKEN,
} from "../../lib/collab/protocol";
import type { Presence } from "./options";
import { moveCaret, publishUser, watch, type PresenceTally } from "./presence";

/** Which server a client connects to. */
export interface Target {
  kind: "ours" | "reference";
  url: string;
}

/** One client to open: ours needs a token; the reference's stories start from `seed`. */
export interface ClientSpec {
  storyId: string;
  role: "editor" | "viewer";
  /** Unique within the story: names this client's marks. */
  key: string;
  /** Off: editors an empty state and viewers none (as before); on: as a real editor has it. */
  presence: Presence;
  token?: string;
  seed?: Uint8Array;
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export function nowAbs(): number {
  return performance.timeOrigin + performance.now();
}

export interface Client {
  spec: ClientSpec;
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  /** When the provider was created (performance.now()). */
  openedAt: number;
  /** Ours, editors: update messages sent but not yet acknowledged, by number and time. */
  pendingAcks: Array<{ n: number; t: number }>;
  /** Ours, editors: (time sent, latency) of each acknowledged update message. */
  acks: Array<[number, number]>;
  destroy(): void;
}

/**
 * Opens a stock y-websocket client. Ours: with the token, and `?ack=1` for editors, numbering
 * update-carrying messages as the server does to time each acknowledgement. Its presence
 * changes and socket closes are counted into `tally`.
 */
export function openClient(
  target: Target,
  spec: ClientSpec,
  tally: PresenceTally,
): Client {
  const doc = new Y.Doc();
  if (spec.seed) Y.applyUpdate(doc, spec.seed);
  const params: Record<string, string> = {};
  const client = { spec, doc, pendingAcks: [], acks: [] } as unknown as Client;
  let SocketClass = WebSocket as unknown as typeof globalThis.WebSocket;
  if (target.kind === "ours") {
    params[PARAM_TOKEN] = spec.token!;
    if (spec.role === "editor") {
      params[PARAM_ACK] = "1";
      class Counting extends WebSocket {
        private sent = 0;
        override send(data: Uint8Array): void {
          super.send(data);
          if (!isUpdateCarrying(data)) return;
          this.sent += 1;
          client.pendingAcks.push({ n: this.sent, t: nowAbs() });
        }
      }
      SocketClass = Counting as unknown as typeof globalThis.WebSocket;
    }
  }
  client.openedAt = performance.now();
  const provider = new WebsocketProvider(
    target.url,
    docNameForStory(spec.storyId),
    doc,
    { params, WebSocketPolyfill: SocketClass, disableBc: true },
  );
  // Presence off is the bench as it was: editors the provider's empty state, viewers none.
  if (spec.presence === "on") {
    publishUser(provider, spec.key);
    // As the editor does (useCollabSession): its own presence shows what the server assigned.
    adoptAssignedUser(provider);
  } else if (spec.role === "viewer") provider.awareness.setLocalState(null);
  watch(provider, tally);
  provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    const stored = decoding.readVarUint(decoder);
    decoding.readVarUint8Array(decoder);
    const now = nowAbs();
    while (
      client.pendingAcks.length > 0 &&
      client.pendingAcks[0]!.n <= stored
    ) {
      const { t } = client.pendingAcks.shift()!;
      client.acks.push([t, now - t]);
    }
  };
  client.provider = provider;
  client.synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on("sync", (state: boolean) => state && resolve());
  });
  client.destroy = () => {
    provider.destroy();
    doc.destroy();
  };
  return client;
}

/**
 * Opens clients in batches of 50, so that a thousand do not hit the listen backlog at once;
 * `progress.synced` counts those synced so far.
 */
export async function openMany(
  target: Target,
  specs: ClientSpec[],
  tally: PresenceTally,
  progress = { synced: 0 },
): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < specs.length; i += 50) {
    const batch = specs
      .slice(i, i + 50)
      .map((s) => openClient(target, s, tally));
    await Promise.all(batch.map((c) => c.synced));
    progress.synced += batch.length;
    clients.push(...batch);
  }
  return clients;
}

/**
 * Makes every editor type one character every `intervalMs` on average, into a paragraph of
 * the story, marking each edit with the time it was made; every client times the marks of
 * others as they arrive. Returns `stop()`, and `samples()`: the latencies of edits made within
 * [from, to] (wall clock), and how many edits this process typed then.
 */
export function typeAndObserve(
  clients: Client[],
  intervalMs: number,
): {
  stop(): void;
  samples(
    from: number,
    to: number,
  ): { propagation: number[]; acks: number[]; typed: number };
  raw(
    from: number,
    to: number,
  ): {
    propagation: Array<[number, number]>;
    acks: Array<[number, number]>;
  };
} {
  const observed: Array<[number, number]> = [];
  const typedAt: number[] = [];
  // Each keystroke's characters say when it was typed (stamps.ts).
  for (const client of clients) {
    client.doc.on("afterTransaction", (transaction: Y.Transaction) => {
      if (transaction.local) return;
      const now = nowAbs();
      for (const text of addedStamps(client.doc, transaction)) {
        const age = ageOf(text, now);
        if (age !== null) observed.push([now - age, age]);
      }
    });
  }
  const raw = (from: number, to: number) => {
    const within = (pairs: Array<[number, number]>) =>
      pairs.filter(([t]) => t >= from && t <= to);
    return {
      propagation: within(observed),
      acks: within(clients.flatMap((c) => c.acks)),
    };
  };
  let typing = true;
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  clients.forEach((client, i) => {
    if (client.spec.role !== "editor") return;
    const body = client.doc.getXmlFragment("body");
    const tick = () => {
      if (!typing) return;
      const text = (body.get(i % body.length) as Y.XmlElement).get(
        0,
      ) as Y.XmlText;
      const index = Math.floor(Math.random() * (text.length + 1));
      const at = nowAbs();
      const typed = stamp(at);
      text.insert(index, typed);
      typedAt.push(at);
      // The editor's caret follows the keystroke: the update first, then the caret.
      if (client.spec.presence === "on")
        moveCaret(client.provider, text, index + typed.length);
      later(tick, intervalMs * (0.5 + Math.random()));
    };
    later(tick, Math.random() * intervalMs);
  });
  return {
    stop() {
      typing = false;
      for (const timer of timers) clearTimeout(timer);
    },
    raw,
    samples(from, to) {
      const { propagation, acks } = raw(from, to);
      const latencies = (pairs: Array<[number, number]>) =>
        pairs.map(([, ms]) => ms);
      return {
        propagation: latencies(propagation),
        acks: latencies(acks),
        // How many this process typed in the window: what should have been delivered.
        typed: typedAt.filter((t) => t >= from && t <= to).length,
      };
    },
  };
}
