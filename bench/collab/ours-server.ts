/**
 * Our collaboration server as the benchmark runs it: exactly what server/main.ts starts
 * (store from the environment, durability and auth on), plus memory reports over IPC.
 */
import "./trace";
import { openStoreFromEnv } from "../../lib/db/store";
import { parseCollabEnv } from "../../lib/env";
import { startCollabServer } from "../../server/collab-server";
import { collabConfigFromEnv } from "../../server/config";
import { warmUpDocumentCode } from "../../server/warm-up";
import { answerRequests, processOptions, type ServerReport } from "./ipc";

const env = parseCollabEnv();
const store = await openStoreFromEnv(env);
const server = await startCollabServer({
  store,
  config: collabConfigFromEnv(env, { host: "127.0.0.1" }),
});
// In the background, as server/main.ts does (BENCH_WARM=0 leaves it out, to compare).
if (processOptions().warm) void warmUpDocumentCode();
answerRequests(() => server.registry.size);
process.send!({ type: "ready", port: server.port } satisfies ServerReport);
