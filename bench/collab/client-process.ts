/**
 * A process of benchmark clients, apart from the servers: opens the clients it is given, types
 * and observes on request, reports latencies. Several may share a load.
 */
import fs from "node:fs";
import "./trace";
import { processOptions } from "./ipc";
import {
  openMany,
  typeAndObserve,
  type Client,
  type ClientSpec,
  type Target,
} from "./clients";

export type ClientCommand =
  | { type: "open"; target: Target; specs: ClientSpec[] }
  | { type: "type"; intervalMs: number }
  | { type: "stop"; from: number; to: number }
  | { type: "close" };

export type ClientReply =
  | { type: "opened" }
  | { type: "samples"; propagation: number[]; acks: number[] }
  | { type: "closed" };

// Every y-websocket provider adds a process "exit" listener.
process.setMaxListeners(0);
const { raw } = processOptions();
let clients: Client[] = [];
let run: ReturnType<typeof typeAndObserve> | null = null;
const reply = (message: ClientReply) => process.send!(message);

process.on("message", (command: ClientCommand) => {
  void (async () => {
    switch (command.type) {
      case "open":
        clients = await openMany(command.target, command.specs);
        // Else the first full collection of what opening left falls in the timed window, and its
        // pause reads as the server's (bench/README.md).
        global.gc?.();
        reply({ type: "opened" });
        break;
      case "type":
        run = typeAndObserve(clients, command.intervalMs);
        break;
      case "stop":
        run?.stop();
        // Edits made before the end of the window may still be on their way.
        await new Promise((r) => setTimeout(r, 1000));
        if (raw)
          fs.writeFileSync(
            `${raw}.client.${process.pid}.json`,
            JSON.stringify(run!.raw(command.from, command.to)),
          );
        reply({ type: "samples", ...run!.samples(command.from, command.to) });
        break;
      case "close":
        for (const c of clients) c.destroy();
        clients = [];
        reply({ type: "closed" });
        break;
    }
  })();
});
process.on("disconnect", () => process.exit(0));
