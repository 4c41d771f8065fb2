import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docNameForStory } from "../lib/collab/protocol";
import { loadStoryDoc } from "../lib/db/documents";
import { createStory } from "../lib/db/story-rows";
import {
  createSqliteTestStore,
  createTestUser,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { checkStoryDocument } from "../lib/editor/document-check";
import { Y_BODY, Y_DECK, Y_HEADLINE } from "../lib/editor/names";
import { readBody, writeInitialStory } from "../lib/editor/story-document";
import {
  honestEdit,
  seededRandom,
  type Random,
} from "../lib/editor/story-fuzz";
import { hostileUpdate } from "../lib/editor/story-fuzz-hostile";
import { storyProblems } from "../lib/editor/story-invariants";
import type { Writer } from "../lib/editor/update-guard";
import {
  connectClient,
  startTestServer,
  tokenFor,
  type TestClient,
  bodyOf,
} from "./testing/harness";
import { HostileSocket } from "./testing/hostile-socket";

// Every refused update is logged; thousands of them would drown the test's own output.
process.env.LOG_LEVEL = "error";

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
/** Updates to send, honest and hostile together. */
const STEPS = Number(process.env.FUZZ_STEPS ?? 10_000);
const reproduce = `FUZZ_SEED=${SEED} FUZZ_STEPS=${STEPS} npx vitest run server/socket-fuzz.test.ts`;
/** Hostile sockets sending at once (each refusal closes one: they reopen meanwhile). */
const HOSTILE_SOCKETS = 4;

interface Honest {
  user: UserRow;
  writer: Writer;
  client: TestClient;
  /** Updates its document emitted for the server. */
  sent: number;
}

/**
 * Cuts every text of the story's rich-text fields longer than 2,000 characters down to 100, as
 * an editor cleaning up a paste would: accepted hostile updates may add up to 64 Ki characters
 * at a time, and a story of megabytes would make each step slower than the last.
 */
function trimLongTexts(doc: Y.Doc): boolean {
  const long: Y.XmlText[] = [];
  for (const name of [Y_HEADLINE, Y_DECK, Y_BODY])
    for (const node of doc.getXmlFragment(name).createTreeWalker(() => true))
      if (node instanceof Y.XmlText && node.length > 2000) long.push(node);
  doc.transact(() => {
    for (const text of long) text.delete(100, text.length - 100);
  });
  return long.length > 0;
}

/** Resolves once `condition()` holds, checking at every turn of the event loop. */
async function settle(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const equalBytes = (x: Uint8Array, y: Uint8Array) =>
  x.length === y.length && x.every((byte, i) => byte === y[i]);

/** Whether every replica holds what `room` holds: state vectors first (cheap), then deletions. */
function converged(room: Y.Doc, replicas: Y.Doc[]): boolean {
  const state = Y.encodeStateVector(room);
  if (!replicas.every((r) => equalBytes(Y.encodeStateVector(r), state)))
    return false;
  const snapshot = Y.encodeSnapshot(Y.snapshot(room));
  return replicas.every((r) =>
    equalBytes(Y.encodeSnapshot(Y.snapshot(r)), snapshot),
  );
}

/** Where each writer's replica and the room differ, client by client (for a failure's message). */
function divergence(room: Y.Doc, people: Honest[]): string {
  const roomState = Y.decodeStateVector(Y.encodeStateVector(room));
  return people
    .map(({ client, writer }) => {
      const state = Y.decodeStateVector(Y.encodeStateVector(client.doc));
      const differ = [...new Set([...roomState.keys(), ...state.keys()])]
        .filter((id) => roomState.get(id) !== state.get(id))
        .map(
          (id) =>
            `client ${id}: room ${roomState.get(id) ?? 0}, ${writer.name} ${state.get(id) ?? 0}`,
        );
      if (differ.length > 0) return differ.join(", ");
      return converged(room, [client.doc])
        ? `${writer.name} holds what the room holds`
        : `${writer.name} holds the room's structs but other deletions`;
    })
    .join("; ");
}

/**
 * Several honest writers (stock y-websocket clients editing as the browser does) and hostile
 * sockets (raw updates: random, crafted byte by byte and mutated; see story-fuzz-hostile.ts)
 * share a story on a real server. The server must never crash, never hold or store an
 * off-schema story, render only allow-listed HTML from what it stores, and store every honest
 * edit. After each step everyone has seen everything, so a seed replays the same run.
 */
describe(`socket fuzz (${reproduce})`, () => {
  let ts: TestStore;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    ts = await createSqliteTestStore();
    server = await startTestServer(ts.store);
  });

  afterAll(async () => {
    await server?.close();
    await ts?.cleanup();
  });

  it(
    "stores every honest edit and nothing off the schema",
    { timeout: 900_000 },
    async () => {
      const random: Random = seededRandom(SEED);
      const author = await createTestUser(ts.store, "reporter", "Rita");
      const initial = new Y.Doc();
      initial.clientID = 1 + random.int(2 ** 31);
      writeInitialStory(initial, {
        headline: "Storm warning",
        body: bodyOf("Rain."),
        meta: { tags: ["storm"] },
      });
      const { id: storyId } = await createStory(ts.store, {
        author,
        headline: "Storm warning",
        initialDocument: Y.encodeStateAsUpdate(initial),
      });

      const people: Honest[] = [];
      const honestCloses: string[] = [];
      for (const user of [
        author,
        await createTestUser(ts.store, "editor", "Min"),
        await createTestUser(ts.store, "editor", "Ed"),
      ]) {
        const doc = new Y.Doc();
        doc.clientID = 1 + random.int(2 ** 31);
        const client = connectClient(
          server.url,
          storyId,
          await tokenFor(user, storyId),
          { acks: true, doc },
        );
        const person: Honest = {
          user,
          writer: { id: user.id, name: user.name },
          client,
          sent: 0,
        };
        doc.on("update", (_: Uint8Array, origin: unknown) => {
          if (origin !== client.provider) person.sent++;
        });
        client.provider.on("connection-close", (event) => {
          if (event)
            honestCloses.push(`${user.name}: ${event.code} ${event.reason}`);
        });
        await client.synced();
        people.push(person);
      }
      const eve = await createTestUser(ts.store, "editor", "Eve");
      // One token for every hostile socket (it lives long enough for the run).
      const eveUrl = `${server.url}/${docNameForStory(storyId)}?token=${await tokenFor(eve, storyId, false, 3600)}`;
      const url = () => Promise.resolve(eveUrl);
      const closes = new Map<number, number>();
      const hostiles = Array.from(
        { length: HOSTILE_SOCKETS },
        () => new HostileSocket(url, closes),
      );
      const room = server.registry.get(storyId)!;
      let roomChanged = false;
      room.doc.on("update", () => {
        roomChanged = true;
      });
      const counts = { honest: 0, hostile: 0, refused: 0 };
      const updates = () =>
        counts.hostile + people.reduce((sum, p) => sum + p.sent, 0);

      let what = "start";
      try {
        for (let step = 0; updates() < STEPS; step++) {
          roomChanged = false;
          const honestStep = random.chance(0.3);
          if (honestStep) {
            // Sometimes two or three write at once, before seeing each other's edits.
            const writers = random.chance(0.2)
              ? people.filter(() => random.chance(0.6))
              : [random.pick(people)];
            what = `step ${step}: ${writers
              .map(
                (p) =>
                  `${p.writer.name} ${trimLongTexts(p.client.doc) ? "trims, " : ""}${honestEdit(p.client.doc, random, p.writer)}`,
              )
              .join("; ")}`;
            counts.honest += writers.length;
          } else {
            // Each made against the same state, sent at once from sockets of their own.
            const batch = hostiles.map((socket) => ({
              socket,
              ...hostileUpdate(room.doc, random),
            }));
            what = `step ${step}: hostile ${batch.map((h) => h.description).join("; ")}`;
            counts.hostile += batch.length;
            const outcomes = await Promise.all(
              batch.map((h) => h.socket.send(h.update)),
            );
            counts.refused += outcomes.filter((o) => o !== null).length;
          }
          // Everyone holds the same story before the next step.
          if (honestStep || roomChanged)
            await settle(
              () =>
                converged(
                  room.doc,
                  people.map((p) => p.client.doc),
                ),
              what,
            );
          if (honestCloses.length)
            throw new Error(
              `an honest writer was closed: ${honestCloses.join("; ")}`,
            );
          if (step % 500 === 0) {
            const problems = storyProblems(room.doc);
            if (problems.length) throw new Error(problems.join("; "));
          }
        }
      } catch (error) {
        if (honestCloses.length)
          what += ` (honest sockets closed: ${honestCloses.join("; ")})`;
        what += ` (${divergence(room.doc, people)}; writes pending: ${room.writer.pendingBytes} bytes; unresolvable updates: ${server.metrics.unresolvableUpdates.get()})`;
        throw new Error(
          `socket fuzz failed (reproduce: ${reproduce}) at ${what}: ${(error as Error).message}`,
          { cause: error },
        );
      } finally {
        await Promise.all(hostiles.map((h) => h.close()));
      }

      // Every honest edit is stored: the store holds each writer's every struct.
      await Promise.all(people.map((p) => p.client.saved()));
      await server.registry.flushAll();
      const stored = await loadStoryDoc(ts.store, storyId);
      const storedState = Y.decodeStateVector(Y.encodeStateVector(stored));
      for (const { client, writer } of people) {
        const own = Y.getState(client.doc.store, client.doc.clientID);
        expect(storedState.get(client.doc.clientID) ?? 0, writer.name).toBe(
          own,
        );
        expect(readBody(client.doc).toJSON()).toEqual(
          readBody(stored).toJSON(),
        );
        expect(storyProblems(client.doc), writer.name).toEqual([]);
      }
      // Nothing off the schema was stored, and what it renders is allow-listed.
      expect(checkStoryDocument(stored)).toEqual([]);
      expect(storyProblems(stored)).toEqual([]);
      // The server still serves.
      const health = await fetch(
        `${server.url.replace("ws:", "http:")}/healthz`,
      );
      expect(health.status).toBe(200);

      console.log(`socket fuzz seed ${SEED}, ${updates()} updates:`, {
        ...counts,
        honestUpdates: updates() - counts.hostile,
        closes: Object.fromEntries(closes),
        offSchema: server.metrics.offSchemaUpdates.get(),
        unresolvable: server.metrics.unresolvableUpdates.get(),
      });
      // The run exercised refusals, acceptances and honest edits.
      expect(updates()).toBeGreaterThanOrEqual(STEPS);
      expect(counts.honest).toBeGreaterThan(STEPS / 20);
      expect(counts.refused).toBeGreaterThan(STEPS / 10);
      expect(counts.hostile - counts.refused).toBeGreaterThan(0);
      for (const p of people) p.client.destroy();
    },
  );
});
