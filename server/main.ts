import { openStoreFromEnv } from "../lib/db/store";
import { EnvError, parseCollabEnv } from "../lib/env";
import { createLogger, describeError } from "../lib/log";
import { startCollabServer } from "./collab-server";
import { collabConfigFromEnv } from "./config";
import { warmUpDocumentCode } from "./warm-up";

const log = createLogger("collab-main");

/** The collaboration server process: store → migrations → server; SIGTERM/SIGINT flush and close. */
async function main(): Promise<void> {
  const env = parseCollabEnv();
  const store = await openStoreFromEnv(env);
  const server = await startCollabServer({
    store,
    config: collabConfigFromEnv(env),
  });
  void warmUpDocumentCode().then(
    (ms) => log.info("document code warmed up", { ms: Math.round(ms) }),
    (error: unknown) =>
      log.error("warm-up failed", { error: describeError(error) }),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    try {
      await server.close();
      await store.destroy();
      process.exit(0);
    } catch (error) {
      log.error("shutdown failed", { error: describeError(error) });
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  // Every problem on a line of its own, for a person to read, rather than a JSON stack.
  if (error instanceof EnvError) console.error(error.message);
  else
    log.error("collaboration server failed to start", {
      error: describeError(error),
    });
  process.exit(1);
});
