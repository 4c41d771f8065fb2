/**
 * Cold open of a story with 100,000 edits of history: a new client until `synced`, for the
 * first open after the server started and for later ones; ours also for the same history never
 * compacted.
 */
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { docNameForStory } from "../../lib/collab/protocol";
import { appendDocumentUpdates, applyAll } from "../../lib/db/documents";
import { seededRandom } from "../../server/testing/typist";
import { warmUpDocumentCode } from "../../server/warm-up";
import { openClient } from "./clients";
import { emptyTally } from "./presence";
import { createStories, tokenFor, type Fixture } from "./fixture";
import type { BenchOptions } from "./options";
import { startServer, type BenchServer, type Kind } from "./servers";
import { percentile } from "./stats";

/** The long story: its edits one update each, and the document they make. */
export interface History {
  updates: Uint8Array[];
  doc: Y.Doc;
}

/**
 * 100,000 keystrokes as people make them: typing at a cursor, now and then a backspace, the
 * cursor moving elsewhere, a new paragraph. (Keystrokes at random positions instead would make
 * a document no editor produces: one Yjs item per character.)
 */
export function longHistory(seed: Uint8Array): History {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seed);
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const body = doc.getXmlFragment("body");
  const next = seededRandom(42);
  const textAt = (i: number) =>
    (body.get(i) as Y.XmlElement).get(0) as Y.XmlText;
  let paragraph = 0;
  let cursor = 0;
  const letters = "etaoin shrdlu";
  for (let i = 0; i < 100_000; i++) {
    const roll = next();
    let text = textAt(paragraph);
    if (roll < 0.001) {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("")]);
      paragraph = Math.floor(next() * (body.length + 1));
      body.insert(paragraph, [p]);
      cursor = 0;
      continue;
    }
    if (roll < 0.02) {
      paragraph = Math.floor(next() * body.length);
      text = textAt(paragraph);
      cursor = Math.floor(next() * (text.length + 1));
    }
    if (roll > 0.93 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor -= 1;
    } else {
      text.insert(cursor, letters[Math.floor(next() * letters.length)]!);
      cursor += 1;
    }
  }
  return { updates, doc };
}

/** A server's cold opens (ms, to 0.1). */
export interface ColdOpen {
  /** The first open after the server process started (its code not yet optimised). */
  firstOpenMs: number;
  /** Later opens: the story is not in memory, the server's code is warm. */
  samplesMs: number[];
  medianMs: number;
  maxMs: number;
  /** Ours: the same story with its 100,000 rows never compacted (the worst case). */
  uncompactedMs?: number;
}

/** A new, empty client until it is synced (ms); checks that it got the whole story. */
async function timeOpen(
  server: BenchServer,
  f: Fixture,
  storyId: string,
  expectedLength: number,
): Promise<number> {
  const client = openClient(
    { kind: server.kind, url: server.url },
    {
      storyId,
      role: "viewer",
      key: "v",
      presence: "off",
      token:
        server.kind === "ours"
          ? await tokenFor(f, storyId, "viewer")
          : undefined,
    },
    emptyTally(),
  );
  await client.synced;
  const ms = performance.now() - client.openedAt;
  if (client.doc.getXmlFragment("body").length !== expectedLength)
    throw new Error(`${server.kind}: cold open incomplete`);
  client.destroy();
  // Ours unloads the story once its last client left: the next open is cold again.
  while ((await server.documents()) > 0 && server.kind === "ours")
    await sleep(20);
  return ms;
}

/** Ours: the cold-open stories, stored before anything is timed. */
export interface StoredColdStories {
  /** Opened first after the server starts. */
  firstId: string;
  /** The same content, opened seven times later. */
  compactedId: string;
  /** The history as 100,000 rows, never compacted. */
  rawId: string;
}

/**
 * What our store holds for such a story: compaction merges the log every 500 rows, so one
 * snapshot of the older edits plus the latest few hundred rows; and the same history never
 * compacted.
 */
export async function storeColdStories(
  f: Fixture,
  history: History,
): Promise<StoredColdStories> {
  const [firstId, compactedId, rawId] = await createStories(f, 3, f.seed);
  const tail = history.updates.slice(-300);
  const compacted = new Y.Doc();
  Y.applyUpdate(compacted, f.seed);
  applyAll(compacted, history.updates.slice(0, -300));
  const snapshot = Y.encodeStateAsUpdate(compacted);
  compacted.destroy();
  for (const id of [firstId!, compactedId!]) {
    await appendDocumentUpdates(f.store, id, [snapshot]);
    for (let i = 0; i < tail.length; i += 100)
      await appendDocumentUpdates(f.store, id, tail.slice(i, i + 100));
  }
  for (let i = 0; i < history.updates.length; i += 2000)
    await appendDocumentUpdates(
      f.store,
      rawId!,
      history.updates.slice(i, i + 2000),
    );
  return { firstId: firstId!, compactedId: compactedId!, rawId: rawId! };
}

/**
 * Puts the opening client (this process) in the same state before either server's first open,
 * as a client that has opened stories before: the warm-up's token check first, or the first
 * token signed inside ours's first timed open undoes it (server/warm-up.ts, bench/README.md).
 */
async function settleClientSide(story: Uint8Array): Promise<void> {
  await warmUpDocumentCode();
  for (let i = 0; i < 3; i++) {
    const doc = new Y.Doc();
    // A y-websocket provider listens for updates: Yjs then encodes every applied update.
    doc.on("update", () => {});
    Y.applyUpdate(doc, story);
    doc.destroy();
  }
  await sleep(200);
}

/** Times the cold opens on a new server of `kind` (the reference: pushed the story first). */
export async function runColdOpen(
  options: BenchOptions,
  kind: Kind,
  f: Fixture,
  history: History,
  stored: StoredColdStories,
): Promise<ColdOpen> {
  const server = await startServer(options, kind, f.dataDir);
  const paragraphs = history.doc.getXmlFragment("body").length;
  const story = Y.encodeStateAsUpdate(history.doc);
  const samples: number[] = [];
  let firstOpenMs: number;
  let uncompactedMs: number | undefined;
  if (kind === "ours") {
    await settleClientSide(story);
    firstOpenMs = await timeOpen(server, f, stored.firstId, paragraphs);
    for (let i = 0; i < 7; i++)
      samples.push(await timeOpen(server, f, stored.compactedId, paragraphs));
    // Opening it compacts it.
    uncompactedMs = await timeOpen(server, f, stored.rawId, paragraphs);
  } else {
    const name = `cold-${Date.now()}`;
    const seeder = new Y.Doc();
    Y.applyUpdate(seeder, story);
    const provider = new WebsocketProvider(
      server.url,
      docNameForStory(name),
      seeder,
      {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      },
    );
    await new Promise<void>((r) =>
      provider.on("sync", (s: boolean) => s && r()),
    );
    await sleep(1000); // the server applies the seeder's content
    await settleClientSide(story);
    firstOpenMs = await timeOpen(server, f, name, paragraphs);
    for (let i = 0; i < 7; i++)
      samples.push(await timeOpen(server, f, name, paragraphs));
    provider.destroy();
  }
  await server.stop();
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    firstOpenMs: round(firstOpenMs),
    samplesMs: samples.map(round),
    medianMs: round(percentile(sorted, 50)),
    maxMs: round(sorted[sorted.length - 1]!),
    uncompactedMs:
      uncompactedMs === undefined ? undefined : round(uncompactedMs),
  };
}
