import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloseCode } from "../lib/collab/protocol";
import { loadStoryDoc } from "../lib/db/documents";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import {
  appendParagraph,
  bodyXml,
  connectClient,
  createTestStory,
  numberedBody,
  tokenFor,
  waitFor,
  type TestClient,
} from "./testing/harness";
import {
  readMetric,
  startServerProcess,
  type ServerProcess,
} from "./testing/process";
import { findProblems, seededRandom, Typist } from "./testing/typist";

/**
 * SIGKILL cycles per store (CI: 20). CRASH_CYCLES and CRASH_SEED reproduce or extend a run;
 * CRASH_REPORT names a file to which each passing run appends its figures (bench/crash.bench.ts).
 */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 1e9));

for (const variant of storeVariants()) {
  describe(`the collaboration server as a process (${variant.name})`, () => {
    let ts: TestStore;
    let reporter: UserRow;
    let storyId: string;
    let proc: ServerProcess | null = null;
    const started: Array<Promise<ServerProcess>> = [];
    const clients: TestClient[] = [];
    const start = (env: Record<string, string>) => {
      const p = startServerProcess(env);
      started.push(p);
      return p;
    };

    beforeEach(async () => {
      ts = await variant.create();
      reporter = await createTestUser(ts.store, "reporter");
      storyId = (
        await createTestStory(ts.store, reporter, { body: numberedBody(3) })
      ).id;
    });

    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      for (const p of started.splice(0)) {
        const server = await p.catch(() => null);
        if (
          server &&
          server.child.exitCode === null &&
          !server.child.signalCode
        ) {
          server.child.kill("SIGKILL");
          await server.exited;
        }
      }
      proc = null;
      await ts.cleanup();
    });

    it("on SIGTERM stores and acknowledges everything received, then closes sockets with 1012", async () => {
      // A long batch window: the edits are still waiting to be written when SIGTERM arrives.
      proc = await start({
        ...ts.env,
        COLLAB_BATCH_WINDOW_MS: "5000",
        COLLAB_COMMIT_BURST: "1",
      });
      const author = connectClient(
        proc.url,
        storyId,
        await tokenFor(reporter, storyId),
        { acks: true },
      );
      clients.push(author);
      await author.synced();
      const before = await readMetric(
        proc.metricsUrl,
        "newsroom_collab_updates_total",
      );
      for (let i = 0; i < 5; i++) appendParagraph(author.doc, `Line ${i}.`);
      await waitFor(
        async () =>
          (await readMetric(
            proc!.metricsUrl,
            "newsroom_collab_updates_total",
          )) >=
          before + 5,
        "the server to receive the edits",
      );
      expect(author.tracker.state).toBe("saving");
      let savedBeforeClose = false;
      author.provider.on("connection-close", () => {
        savedBeforeClose = author.tracker.state === "saved";
      });
      proc.child.kill("SIGTERM");
      expect((await author.closed()).code).toBe(CloseCode.serviceRestart);
      expect(await proc.exited).toEqual({ code: 0, signal: null });
      expect(savedBeforeClose).toBe(true);
      const stored = bodyXml(await loadStoryDoc(ts.store, storyId));
      for (let i = 0; i < 5; i++) expect(stored).toContain(`Line ${i}.`);
    });

    it(
      `loses no acknowledged edit and duplicates nothing across ${CYCLES} SIGKILLs (seed ${SEED})`,
      async () => {
        const startedAt = performance.now();
        const random = seededRandom(SEED);
        const typists: Typist[] = [];
        for (const name of ["a", "b", "c", "d"]) {
          const client = connectClient(
            "ws://127.0.0.1:9",
            storyId,
            await tokenFor(reporter, storyId),
            { acks: true, connect: false },
          );
          client.provider.maxBackoffTime = 50;
          clients.push(client);
          typists.push(new Typist(client, name, random));
        }
        // Everyone types all the time, connected or not, as people do.
        const typing = setInterval(() => {
          for (const typist of typists) if (random() < 0.6) typist.type();
        }, 8);
        let acknowledgedAtKills = 0;
        let checkedAtKills = 0;
        // Each replacement process boots while its predecessor still serves (a warm standby, as a
        // supervisor would keep): it shares nothing with it but the store, and no client reaches
        // it before the kill, so it starts exactly as a restarted server does, only sooner.
        let next = start(ts.env);
        try {
          for (let cycle = 0; cycle < CYCLES; cycle++) {
            proc = await next;
            next = start(ts.env);
            for (const { client } of typists) {
              client.provider.serverUrl = proc.url;
              if (!client.provider.shouldConnect) client.provider.connect();
            }
            // Kill at a random moment: sometimes while clients are still (re)connecting, mostly
            // after this server has stored something (on a busy machine a kill within 400 ms of
            // the first sync could otherwise come before any acknowledgement, every time).
            if (random() < 0.8) {
              const storedClock = (t: Typist) =>
                t.client.storedState().get(t.client.doc.clientID) ?? 0;
              const before = typists.map(storedClock);
              await waitFor(
                () => typists.some((t, i) => storedClock(t) > before[i]!),
                "this server to acknowledge an edit",
                30_000,
              );
            }
            await new Promise((r) => setTimeout(r, random() * 400));
            proc.child.kill("SIGKILL");
            await proc.exited;

            const stored = bodyXml(await loadStoryDoc(ts.store, storyId));
            for (const typist of typists) typist.refreshAcks();
            const problems = findProblems(stored, typists, { final: false });
            expect(problems, `after kill ${cycle + 1}`).toEqual([]);
            acknowledgedAtKills = typists.reduce(
              (n, t) => n + t.acknowledged().length,
              0,
            );
            checkedAtKills += acknowledgedAtKills;
          }
        } finally {
          clearInterval(typing);
        }
        // The run proved something only if plenty had been acknowledged along the way.
        expect(acknowledgedAtKills).toBeGreaterThan(CYCLES * 5);

        proc = await next;
        for (const { client } of typists) client.provider.serverUrl = proc.url;
        await waitFor(
          () =>
            typists.every(
              (t) =>
                t.client.provider.synced && t.client.tracker.state === "saved",
            ),
          "every client to have everything stored",
          20_000,
        );
        const stored = bodyXml(await loadStoryDoc(ts.store, storyId));
        expect(findProblems(stored, typists, { final: true })).toEqual([]);
        await waitFor(
          () => typists.every((t) => bodyXml(t.client.doc) === stored),
          "every client to converge on the stored story",
        );
        proc.child.kill("SIGTERM");
        expect((await proc.exited).code).toBe(0);
        if (process.env.CRASH_REPORT)
          fs.appendFileSync(
            process.env.CRASH_REPORT,
            JSON.stringify({
              store: variant.name,
              seed: SEED,
              kills: CYCLES,
              typists: typists.length,
              // Edits acknowledged before the last kill, each found exactly once after it.
              acknowledgedAtLastKill: acknowledgedAtKills,
              // The same check summed over every kill.
              acknowledgedChecks: checkedAtKills,
              finalEdits: typists.reduce((n, t) => n + t.live().length, 0),
              seconds: Math.round((performance.now() - startedAt) / 100) / 10,
            }) + "\n",
          );
      },
      180_000 + CYCLES * 3_000,
    );
  });
}
