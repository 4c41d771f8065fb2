/**
 * `npm run bench -- collab`: our collaboration server against the Yjs reference server
 * (@y/websocket-server 0.1.1: in memory, no auth), the same load in the same run. Each server
 * runs in a process of its own; the stock y-websocket clients run in another, and viewers in a
 * third (as people would be on other machines: one process applying 200 viewers' copies of an
 * update would delay the editors' acknowledgements behind them). Prints JSON and a table.
 *
 * - propagation: a sender's edit until each peer observes it (p50/p95/p99), and, ours only,
 *   acknowledgement: the edit until the server says it is stored (p50/p99), under four loads,
 *   each measured in rounds that alternate the reference, ours (default settings: the
 *   write-behind) and ours broadcasting only after the commit (COLLAB_LOCAL_BROADCAST=after-commit,
 *   COLLAB_BATCH_WINDOW_MS=0); each round measures 20 s after a 1 s warm-up, and a figure is
 *   the median of the rounds' figures (the machine's other work moves single rounds a lot: in
 *   10 s rounds one scheduling episode could decide a p99);
 * - memory per open story at 1,000 open stories with one client each, and after all close;
 * - cold open of a story with 100,000 edits of history: a new client until `synced`.
 *
 * BENCH_ONLY=propagation|memory|cold runs one part, BENCH_LOAD=<text> only the loads whose name
 * contains it, BENCH_DURATION_MS overrides each round's measured duration, BENCH_ROUNDS the
 * number of rounds (5); BENCH_WARM=0 leaves out our server's warm-up (to compare);
 * BENCH_VARIANTS=reference,ours,ours-after-commit runs only those variants; BENCH_SERVER_ARGS
 * adds node flags to the server processes (e.g. --cpu-prof), BENCH_OURS_ARGS to ours only,
 * BENCH_CLIENT_ARGS to the client processes (after their own);
 * SQLITE_SYNCHRONOUS=NORMAL|FULL sets ours (default: the server's default). For looking into a
 * tail: BENCH_RAW=<prefix> writes each round's raw (time sent, latency) samples, and
 * BENCH_TRACE=<prefix> every process's garbage collections and late event-loop turns
 * (bench/collab/trace.ts). Benchmarks measure; they never assert.
 */
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { docNameForStory } from "../lib/collab/protocol";
import { signCollabToken } from "../lib/collab/token";
import { openStore, type Store } from "../lib/db/client";
import { appendDocumentUpdates, applyAll } from "../lib/db/documents";
import { migrateToLatest } from "../lib/db/migrations";
import { createStory } from "../lib/db/story-rows";
import { createTestUser } from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { encodeInitialStoryDocument } from "../lib/editor/story-document";
import { bundleForNode } from "../server/testing/bundle";
import { seededRandom } from "../server/testing/typist";
import { warmUpDocumentCode } from "../server/warm-up";
import type { ClientCommand, ClientReply } from "./collab/client-process";
import {
  nowAbs,
  openClient,
  openMany,
  type ClientSpec,
  type Target,
} from "./collab/clients";
import type { ServerReport } from "./collab/ipc";

const SECRET = "bench-secret-that-is-long-enough-for-hmac-signing";
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 0);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const ONLY = process.env.BENCH_ONLY;
const LOAD_FILTER = process.env.BENCH_LOAD;
const flagsFromEnv = (name: string) =>
  (process.env[name] ?? "").split(" ").filter(Boolean);
const SERVER_ARGS = flagsFromEnv("BENCH_SERVER_ARGS");
const OURS_ARGS = flagsFromEnv("BENCH_OURS_ARGS");
const PARAGRAPHS = 20;

type Kind = "ours" | "reference";
/** Ours as configured by default, or broadcasting to its own sockets only after the commit. */
type Variant = "reference" | "ours" | "ours-after-commit";
const ALL_VARIANTS: Variant[] = ["reference", "ours", "ours-after-commit"];
const VARIANTS: Variant[] = process.env.BENCH_VARIANTS
  ? ALL_VARIANTS.filter((v) =>
      process.env.BENCH_VARIANTS!.split(",").includes(v),
    )
  : ALL_VARIANTS;
const kindOf = (variant: Variant): Kind =>
  variant === "reference" ? "reference" : "ours";
type Memory = Extract<ServerReport, { type: "memory" }>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── servers ────────────────────────────────────────────────────────────────────────────────

interface BenchServer {
  kind: Kind;
  url: string;
  memory(): Promise<Memory>;
  /** Documents in memory, without forcing a garbage collection. */
  documents(): Promise<number>;
  stop(): Promise<void>;
}

async function startServer(
  kind: Kind,
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<BenchServer> {
  const file = await bundleForNode(
    kind === "ours"
      ? "bench/collab/ours-server.ts"
      : "bench/collab/reference-server.ts",
  );
  const child: ChildProcess = fork(file, [], {
    execArgv: [
      "--expose-gc",
      ...SERVER_ARGS,
      ...(kind === "ours" ? OURS_ARGS : []),
    ],
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      REDIS_URL: "",
      NEXTAUTH_SECRET: SECRET,
      COLLAB_PORT: "0",
      LOG_LEVEL: "warn",
      ...extraEnv,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T extends ServerReport["type"]>(type: T) =>
    new Promise<Extract<ServerReport, { type: T }>>((resolve, reject) => {
      const onMessage = (report: ServerReport) => {
        if (report.type !== type) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(report as Extract<ServerReport, { type: T }>);
      };
      const onExit = () => reject(new Error(`${kind} server exited`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const { port } = await next("ready");
  return {
    kind,
    url: `ws://127.0.0.1:${port}`,
    memory: () => {
      const reply = next("memory");
      child.send({ type: "memory" });
      return reply;
    },
    documents: async () => {
      const reply = next("status");
      child.send({ type: "status" });
      return (await reply).documents;
    },
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      // Disconnecting makes it exit (writing a --cpu-prof profile, if asked); else kill it.
      child.disconnect();
      const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ── stories (ours: in the store; the reference: pushed by the first client) ─────────────────

interface Fixture {
  store: Store;
  author: UserRow;
  viewer: UserRow;
  dataDir: string;
  /** The sample-sized story content, as one update (the reference's stories start from it). */
  seed: Uint8Array;
}

function storyContent() {
  return {
    headline: "Council approves the new flood defences",
    body: {
      type: "doc",
      content: Array.from({ length: PARAGRAPHS }, (_, i) => ({
        type: "paragraph",
        content: [
          {
            type: "text",
            text: `Paragraph ${i + 1}: the council voted on Tuesday to fund the river wall, a project residents have asked for since the floods of the last decade, officials said.`,
          },
        ],
      })),
    },
  };
}

async function createStories(
  f: Fixture,
  count: number,
  initialDocument?: Uint8Array,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const story = await createStory(f.store, {
      author: f.author,
      headline: storyContent().headline,
      initialDocument:
        initialDocument ?? encodeInitialStoryDocument(storyContent()),
    });
    ids.push(story.id);
  }
  return ids;
}

/** A token for the author (editors) or a colleague without edit rights (viewers). */
function tokenFor(
  f: Fixture,
  storyId: string,
  role: "editor" | "viewer",
): Promise<string> {
  return signCollabToken(
    {
      userId: role === "editor" ? f.author.id : f.viewer.id,
      name: role,
      color: "#123456",
      storyId,
      readOnly: role === "viewer",
    },
    SECRET,
  );
}

// ── statistics ─────────────────────────────────────────────────────────────────────────────

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ]!;
}

interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

function summarize(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

type LoadResult = { propagation: Latency; ack: Latency | null };

/** Each percentile's median over rounds (n: all samples). */
function medianOf(rounds: Latency[]): Latency {
  const mid = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? sorted[half]!
      : Math.round(((sorted[half - 1]! + sorted[half]!) / 2) * 100) / 100;
  };
  return {
    n: rounds.reduce((sum, r) => sum + r.n, 0),
    p50: mid(rounds.map((r) => r.p50)),
    p95: mid(rounds.map((r) => r.p95)),
    p99: mid(rounds.map((r) => r.p99)),
  };
}

// ── propagation and acknowledgement under load ──────────────────────────────────────────────

interface Load {
  name: string;
  stories: number;
  editors: number;
  viewers: number;
  /** Each editor types a character every this many ms on average. */
  intervalMs: number;
  durationMs: number;
}

const LOADS: Load[] = [
  // Two fast typists (ten keystrokes a second each): enough samples for a p99 from two people.
  {
    name: "1 story × 2 editors",
    stories: 1,
    editors: 2,
    viewers: 0,
    intervalMs: 100,
    durationMs: 20_000,
  },
  // Everyone else types about a keystroke a second: 50 edits/s into one story, 400 edits/s
  // into the server, or 10 edits/s each seen by 209 people.
  {
    name: "1 story × 50 editors",
    stories: 1,
    editors: 50,
    viewers: 0,
    intervalMs: 1000,
    durationMs: 20_000,
  },
  {
    name: "200 stories × 2 editors",
    stories: 200,
    editors: 2,
    viewers: 0,
    intervalMs: 1000,
    durationMs: 20_000,
  },
  {
    name: "1 story × 10 editors + 200 viewers",
    stories: 1,
    editors: 10,
    viewers: 200,
    intervalMs: 1000,
    durationMs: 20_000,
  },
].map((l) => (DURATION_MS ? { ...l, durationMs: DURATION_MS } : l));

/**
 * Editors in one client process, viewers in another. Not more: on two cores, more processes
 * only add scheduling delays (measured: spreading every load over three made p99 worse for
 * both servers).
 */
const processOf = (spec: ClientSpec) => (spec.role === "editor" ? 0 : 1);

/** A process of benchmark clients (bench/collab/client-process.ts). */
async function startClientProcess() {
  const child = fork(
    await bundleForNode("bench/collab/client-process.ts"),
    [],
    {
      // Plain node, not this process's TypeScript loader. The clients are the instrument: a
      // young generation four times the default makes their scavenges (whose helper threads
      // take both cores) fewer, and --expose-gc lets them collect what opening left before
      // typing starts (bench/README.md, "... the instrument's garbage collections").
      execArgv: [
        "--expose-gc",
        "--max-semi-space-size=64",
        ...flagsFromEnv("BENCH_CLIENT_ARGS"),
      ],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // Updates and seeds are binary.
      serialization: "advanced",
    },
  );
  const ask = <T extends ClientReply["type"]>(
    command: ClientCommand,
    expect: T | null,
  ) =>
    new Promise<Extract<ClientReply, { type: T }> | undefined>((resolve) => {
      if (!expect) {
        child.send(command);
        resolve(undefined);
        return;
      }
      const onMessage = (reply: ClientReply) => {
        if (reply.type !== expect) return;
        child.off("message", onMessage);
        resolve(reply as Extract<ClientReply, { type: T }>);
      };
      child.on("message", onMessage);
      child.send(command);
    });
  return { child, ask };
}

async function specsFor(
  kind: Kind,
  load: Load,
  f: Fixture,
): Promise<ClientSpec[]> {
  const storyIds =
    kind === "ours"
      ? await createStories(f, load.stories)
      : Array.from(
          { length: load.stories },
          (_, i) => `bench-${Date.now()}-${i}`,
        );
  const specs: ClientSpec[] = [];
  for (const storyId of storyIds) {
    for (let i = 0; i < load.editors + load.viewers; i++) {
      const role = i < load.editors ? "editor" : "viewer";
      specs.push({
        storyId,
        role,
        key: `${role}${i}`,
        ...(kind === "ours"
          ? { token: await tokenFor(f, storyId, role) }
          : { seed: f.seed }),
      });
    }
  }
  return specs;
}

async function runLoad(
  variant: Variant,
  load: Load,
  f: Fixture,
): Promise<LoadResult> {
  const kind = kindOf(variant);
  const server = await startServer(
    kind,
    f.dataDir,
    variant === "ours-after-commit"
      ? { COLLAB_LOCAL_BROADCAST: "after-commit", COLLAB_BATCH_WINDOW_MS: "0" }
      : {},
  );
  const specs = await specsFor(kind, load, f);
  const processes = await Promise.all(
    Array.from({ length: load.viewers > 0 ? 2 : 1 }, startClientProcess),
  );
  const target: Target = { kind, url: server.url };
  await Promise.all(
    processes.map((p, i) =>
      p.ask(
        {
          type: "open",
          target,
          specs: specs.filter((spec) => processOf(spec) === i),
        },
        "opened",
      ),
    ),
  );
  for (const p of processes)
    await p.ask({ type: "type", intervalMs: load.intervalMs }, null);
  const from = nowAbs() + 1000; // warm-up
  await sleep(1000 + load.durationMs);
  const to = nowAbs();
  const samples = await Promise.all(
    processes.map((p) => p.ask({ type: "stop", from, to }, "samples")),
  );
  await Promise.all(processes.map((p) => p.ask({ type: "close" }, "closed")));
  for (const p of processes) p.child.disconnect();
  await server.stop();
  return {
    propagation: summarize(samples.flatMap((s) => s!.propagation)),
    ack: kind === "ours" ? summarize(samples.flatMap((s) => s!.acks)) : null,
  };
}

// ── memory per open story ──────────────────────────────────────────────────────────────────

interface MemoryResult {
  stories: number;
  idle: Memory;
  open: Memory;
  closed: Memory;
  /** (open − idle) / stories, heap + external. */
  perStoryBytes: number;
  perStoryRssBytes: number;
  /** closed / idle, heap + external. */
  afterCloseRatio: number;
  afterCloseRssRatio: number;
}

async function runMemory(kind: Kind, f: Fixture): Promise<MemoryResult> {
  const stories = 1000;
  const server = await startServer(kind, f.dataDir);
  const target: Target = { kind, url: server.url };
  const ids =
    kind === "ours"
      ? await createStories(f, stories + 20)
      : Array.from(
          { length: stories + 20 },
          (_, i) => `mem-${Date.now()}-${i}`,
        );
  const specs = await Promise.all(
    ids.map(async (storyId, i) => ({
      storyId,
      role: "editor" as const,
      key: `e${i}`,
      ...(kind === "ours"
        ? { token: await tokenFor(f, storyId, "editor") }
        : { seed: f.seed }),
    })),
  );
  // The idle baseline of a server that has served before (its code compiled, its caches
  // filled), not of one that never did: open and close 20 stories first.
  for (const c of await openMany(target, specs.slice(stories))) c.destroy();
  await waitUntilUnloaded(server);
  const idle = await server.memory();
  const clients = await openMany(target, specs.slice(0, stories));
  await sleep(1000);
  const open = await server.memory();
  for (const c of clients) c.destroy();
  await waitUntilUnloaded(server);
  const closed = await server.memory();
  await server.stop();
  const js = (m: Memory) => m.heapUsed + m.external;
  return {
    stories,
    idle,
    open,
    closed,
    perStoryBytes: Math.round((js(open) - js(idle)) / stories),
    perStoryRssBytes: Math.round((open.rss - idle.rss) / stories),
    afterCloseRatio: Math.round((js(closed) / js(idle)) * 1000) / 1000,
    afterCloseRssRatio: Math.round((closed.rss / idle.rss) * 1000) / 1000,
  };
}

/** Ours unloads every story once its clients left; the reference never does (10 s at most). */
async function waitUntilUnloaded(server: BenchServer): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (
    server.kind === "ours" &&
    (await server.documents()) > 0 &&
    Date.now() < deadline
  )
    await sleep(200);
  await sleep(500);
}

// ── cold open of a long history ────────────────────────────────────────────────────────────

/**
 * 100,000 keystrokes as people make them: typing at a cursor, now and then a backspace, the
 * cursor moving elsewhere, a new paragraph. (Keystrokes at random positions instead would make
 * a document no editor produces: one Yjs item per character.)
 */
function longHistory(seed: Uint8Array): {
  updates: Uint8Array[];
  doc: Y.Doc;
} {
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

interface ColdOpen {
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
      token:
        server.kind === "ours"
          ? await tokenFor(f, storyId, "viewer")
          : undefined,
    },
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
interface StoredColdStories {
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
async function storeColdStories(
  f: Fixture,
  history: { updates: Uint8Array[] },
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
 * Puts the opening client (this process) in the same state before either server's first open:
 * its Yjs code optimised for applying a whole long story, as a client that has opened stories
 * before. `warmUpDocumentCode` signs a token first: the first token this process signed (inside
 * ours's first timed open) made V8 drop the client's optimised Yjs code, and that open's client
 * side took several times as long as the reference's (server/warm-up.ts says why).
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

async function runColdOpen(
  kind: Kind,
  f: Fixture,
  history: { updates: Uint8Array[]; doc: Y.Doc },
  stored: StoredColdStories,
): Promise<ColdOpen> {
  const server = await startServer(kind, f.dataDir);
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

// ── main ───────────────────────────────────────────────────────────────────────────────────

function ratio(ours: number, reference: number): number {
  return Math.round((ours / reference) * 100) / 100;
}

async function main(): Promise<void> {
  // Every y-websocket provider adds a process "exit" listener; a thousand are expected here.
  process.setMaxListeners(0);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-bench-"));
  const store = await openStore({ dataDir });
  await migrateToLatest(store);
  const f: Fixture = {
    store,
    dataDir,
    author: await createTestUser(store, "reporter", "Bench Author"),
    viewer: await createTestUser(store, "reporter", "Bench Viewer"),
    seed: encodeInitialStoryDocument(storyContent()),
  };
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine,
    settings: {
      loads: LOADS,
      clientProcesses: "editors in one, viewers in another",
      sqliteSynchronous: process.env.SQLITE_SYNCHRONOUS ?? "(server default)",
    },
  };
  const rows: string[][] = [];

  if (!ONLY || ONLY === "propagation") {
    const loads: Record<string, unknown> = {};
    for (const load of LOADS.filter(
      (l) => !LOAD_FILTER || l.name.includes(LOAD_FILTER),
    )) {
      const rounds: Record<Variant, LoadResult[]> = {
        reference: [],
        ours: [],
        "ours-after-commit": [],
      };
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating, so that a slow minute of the machine hits every variant alike.
        for (const variant of VARIANTS) {
          console.error(`… ${load.name}, round ${round + 1}: ${variant}`);
          rounds[variant].push(await runLoad(variant, load, f));
        }
      }
      const reference = medianOf(rounds.reference.map((r) => r.propagation));
      const ours = medianOf(rounds.ours.map((r) => r.propagation));
      const behind = medianOf(
        rounds["ours-after-commit"].map((r) => r.propagation),
      );
      const ack = medianOf(rounds.ours.map((r) => r.ack!));
      const behindAck = medianOf(
        rounds["ours-after-commit"].map((r) => r.ack!),
      );
      const ratios = (l: Latency) => ({
        p50: ratio(l.p50, reference.p50),
        p95: ratio(l.p95, reference.p95),
        p99: ratio(l.p99, reference.p99),
      });
      loads[load.name] = {
        reference,
        ours: { propagation: ours, ack, ratio: ratios(ours) },
        oursAfterCommit: {
          propagation: behind,
          ack: behindAck,
          ratio: ratios(behind),
        },
        rounds,
      };
      // A variant left out by BENCH_VARIANTS has no samples.
      const NOT_RUN = "(not run)";
      const fmt = (l: Latency) =>
        l.n === 0 ? NOT_RUN : `${l.p50} / ${l.p95} / ${l.p99}`;
      const fmtAck = (l: Latency) =>
        l.n === 0 ? NOT_RUN : `${l.p50} / ${l.p99}`;
      const fmtRatio = (l: Latency) => {
        if (l.n === 0 || reference.n === 0) return "";
        const r = ratios(l);
        return `${r.p50} / ${r.p95} / ${r.p99}`;
      };
      rows.push([
        `${load.name}: propagation p50/p95/p99 ms`,
        fmt(ours),
        fmt(reference),
        fmtRatio(ours),
        "p99 ≤ 1.2×",
      ]);
      rows.push([
        `  ack p50/p99 ms`,
        fmtAck(ack),
        "— (no acks)",
        "",
        "p99 ≤ 25 ms",
      ]);
      rows.push([
        `  broadcast after commit: propagation; ack`,
        `${fmt(behind)}; ${fmtAck(behindAck)}`,
        "",
        fmtRatio(behind),
        "",
      ]);
    }
    results.loads = loads;
  }

  if (!ONLY || ONLY === "memory") {
    console.error("… 1,000 open stories");
    const reference = await runMemory("reference", f);
    const ours = await runMemory("ours", f);
    results.memory = { ours, reference };
    const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;
    rows.push([
      "memory per open story (heap+external; RSS)",
      `${kb(ours.perStoryBytes)}; ${kb(ours.perStoryRssBytes)}`,
      `${kb(reference.perStoryBytes)}; ${kb(reference.perStoryRssBytes)}`,
      `${ratio(ours.perStoryBytes, reference.perStoryBytes)}`,
      "≤ 64 kB",
    ]);
    rows.push([
      "memory after all close ÷ idle (heap+ext; RSS)",
      `${ours.afterCloseRatio}; ${ours.afterCloseRssRatio}`,
      `${reference.afterCloseRatio}; ${reference.afterCloseRssRatio}`,
      "",
      "≤ 1.10",
    ]);
  }

  if (!ONLY || ONLY === "cold") {
    console.error("… cold open of 100,000 edits");
    const history = longHistory(f.seed);
    const stored = await storeColdStories(f, history);
    const reference = await runColdOpen("reference", f, history, stored);
    const ours = await runColdOpen("ours", f, history, stored);
    results.coldOpen = { ours, reference };
    rows.push([
      "cold open, 100k edits: median / max ms",
      `${ours.medianMs} / ${ours.maxMs}`,
      `${reference.medianMs} / ${reference.maxMs} (in memory)`,
      `${ratio(ours.medianMs, reference.medianMs)}`,
      "≤ 150 ms",
    ]);
    rows.push([
      "  first open after the process started ms",
      `${ours.firstOpenMs}`,
      `${reference.firstOpenMs}`,
      `${ratio(ours.firstOpenMs, reference.firstOpenMs)}`,
      "",
    ]);
    rows.push([
      "  same story never compacted (100k rows) ms",
      `${ours.uncompactedMs}`,
      "—",
      "",
      "(worst case)",
    ]);
  }

  console.log(JSON.stringify(results, null, 2));
  const header = ["", "ours", "reference", "ratio", "target"];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => r[i]!.length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => c.padEnd(widths[i]!)).join(" │ ");
  console.log(
    `\n${line(header)}\n${widths.map((w) => "─".repeat(w)).join("─┼─")}`,
  );
  for (const row of rows) console.log(line(row));
  console.log(
    `\n${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average at start ${machine.loadAverage.join(" ")}`,
  );
  await store.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
// Providers' and servers' leftovers must not keep the benchmark alive.
process.exit(0);
