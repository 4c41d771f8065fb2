import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import {
  docNameForStory,
  MESSAGE_ACCESS,
  MESSAGE_STORED,
  PARAM_ACK,
} from "../../lib/collab/protocol";
import { signCollabToken, type CollabGrant } from "../../lib/collab/token";
import type { Store } from "../../lib/db/client";
import { createStory } from "../../lib/db/story-rows";
import type { UserRow } from "../../lib/db/users";
import {
  encodeInitialStoryDocument,
  type StoryContent,
} from "../../lib/editor/story-document";
import {
  startCollabServer,
  type CollabServer,
  type CollabServerOptions,
} from "../collab-server";
import { defaultCollabConfig, type CollabConfig } from "../config";
import { storePersistence, type DocumentPersistence } from "../persistence";
import type { StoryTouch } from "../../lib/db/documents";
import { SaveTracker } from "../../lib/collab/save-tracker";
import { trackingWebSocket } from "../../lib/collab/tracking-socket";
import { readAccess, readStored } from "../../lib/collab/wire";

export const TEST_SECRET = "test-secret-that-is-long-enough-for-hmac-signing";

/** A collaboration server in this process, on a free port, with the test secret. */
export async function startTestServer(
  store: Store,
  overrides: Partial<CollabConfig> = {},
  persistence?: DocumentPersistence,
  extra: Pick<CollabServerOptions, "onControl"> = {},
): Promise<CollabServer & { url: string; metricsUrl: string }> {
  const server = await startCollabServer({
    store,
    config: defaultCollabConfig(TEST_SECRET, overrides),
    persistence,
    ...extra,
  });
  return Object.assign(server, {
    url: `ws://127.0.0.1:${server.port}`,
    metricsUrl: `http://127.0.0.1:${server.metricsPort}`,
  });
}

export async function createTestStory(
  store: Store,
  author: UserRow,
  content: Partial<StoryContent> = {},
) {
  return createStory(store, {
    author,
    headline: content.headline ?? "Test story",
    initialDocument: encodeInitialStoryDocument({
      headline: "Test story",
      ...content,
    }),
  });
}

export function grantFor(
  user: UserRow,
  storyId: string,
  readOnly = false,
  generation = 0,
): CollabGrant {
  return {
    userId: user.id,
    name: user.name,
    color: "#123456",
    storyId,
    readOnly,
    generation,
  };
}

export async function tokenFor(
  user: UserRow,
  storyId: string,
  readOnly = false,
  ttlSeconds?: number,
  generation = 0,
): Promise<string> {
  return signCollabToken(
    grantFor(user, storyId, readOnly, generation),
    TEST_SECRET,
    ttlSeconds,
  );
}

/** A stock y-websocket client in Node, plus what the tests observe of it. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Highest stored-acknowledgement received (only with `acks`). */
  acked(): number;
  /**
   * The state vector of the latest acknowledgement: everything up to it is in the store, for
   * each client id (only with `acks`).
   */
  storedState(): Map<number, number>;
  /** The client-side save state, as the editor computes it (only with `acks`). */
  tracker: SaveTracker;
  /** Resolves once every local edit is acknowledged as stored (only with `acks`). */
  saved(): Promise<void>;
  /** Access changes the server announced to this socket (only with `acks`), oldest first. */
  access: Array<{ readOnly: boolean; reason: string }>;
  synced(): Promise<void>;
  closed(): Promise<{ code: number; reason: string }>;
  destroy(): void;
}

export function connectClient(
  url: string,
  storyId: string,
  token: string | null,
  options: { acks?: boolean; doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const params: Record<string, string> = {};
  if (token !== null) params.token = token;
  if (options.acks) params[PARAM_ACK] = "1";
  const tracker = new SaveTracker();
  // The ws package's WebSocket is API-compatible with the browser's for y-websocket.
  const Base = WebSocket as unknown as typeof globalThis.WebSocket;
  const provider = new WebsocketProvider(url, docNameForStory(storyId), doc, {
    params,
    WebSocketPolyfill: options.acks ? trackingWebSocket(Base, tracker) : Base,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 200,
  });
  let acked = 0;
  let storedState = new Map<number, number>();
  provider.on("status", ({ status }) => {
    // Acknowledgements count the messages of one socket.
    if (status === "connected") acked = 0;
  });
  const access: Array<{ readOnly: boolean; reason: string }> = [];
  provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
    access.push(readAccess(decoder));
  };
  provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    const stored = readStored(decoder);
    acked = Math.max(acked, stored.storedMessages);
    storedState = Y.decodeStateVector(stored.storedState);
    tracker.acknowledge(acked);
  };
  doc.on("update", (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) tracker.localEdit(provider.wsconnected);
  });
  const closedPromise = new Promise<{ code: number; reason: string }>(
    (resolve) => {
      provider.on("connection-close", (event) => {
        if (event) resolve({ code: event.code, reason: event.reason });
      });
    },
  );
  return {
    doc,
    provider,
    acked: () => acked,
    storedState: () => storedState,
    tracker,
    access,
    saved: () => waitFor(() => tracker.state === "saved", "all changes saved"),
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const handler = (state: boolean) => {
              if (state) {
                provider.off("sync", handler);
                resolve();
              }
            };
            provider.on("sync", handler);
          }),
    closed: () => closedPromise,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once `condition()` holds, polling; rejects after `timeoutMs` with `what`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Plain text of a fragment's XML (good enough to compare documents in tests). */
export function bodyXml(doc: Y.Doc): string {
  return doc.getXmlFragment("body").toString();
}

/** Appends a paragraph holding `text` to the body, as an editor would. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const body = doc.getXmlFragment("body");
  body.insert(body.length, [paragraph]);
}

/** The XmlText of the body's last paragraph. */
export function lastText(doc: Y.Doc): Y.XmlText {
  const body = doc.getXmlFragment("body");
  return (body.get(body.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The text of each top-level block of the body. */
export function paragraphTexts(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment("body")
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) =>
              child instanceof Y.XmlText ? child.toString() : "",
            )
            .join("")
        : "",
    );
}

/** A story body of one paragraph for each of `texts`. */
export function bodyOf(...texts: string[]) {
  return {
    type: "doc",
    content: texts.map((text) => ({
      type: "paragraph",
      content: [{ type: "text", text }],
    })),
  };
}

/** A body of `count` numbered paragraphs (a story as long as the sample article). */
export function numberedBody(count: number) {
  return bodyOf(
    ...Array.from(
      { length: count },
      (_, i) => `Paragraph ${i + 1} of ${count}.`,
    ),
  );
}

/** How many times `needle` occurs in `haystack`. */
export function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/**
 * The store-backed persistence, slowed down: loads take `loadDelayMs`; appends wait
 * `appendDelayMs` and then for `gate()` (tests hold writes pending with it). Counts loads.
 */
export function slowPersistence(
  store: Store,
  options: {
    loadDelayMs?: number;
    appendDelayMs?: number;
    gate?: () => Promise<void>;
  },
): DocumentPersistence & { loads: number } {
  const inner = storePersistence(store);
  const sleep = (ms = 0) => new Promise((r) => setTimeout(r, ms));
  const slow = {
    loads: 0,
    load: async (storyId: string) => {
      slow.loads++;
      await sleep(options.loadDelayMs);
      return inner.load(storyId);
    },
    append: async (
      storyId: string,
      updates: Uint8Array[],
      touch: StoryTouch,
    ) => {
      await sleep(options.appendDelayMs);
      await options.gate?.();
      return inner.append(storyId, updates, touch);
    },
    compact: (storyId: string) => inner.compact(storyId),
    close: () => inner.close?.() ?? Promise.resolve(),
  };
  return slow;
}
