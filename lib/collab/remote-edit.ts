import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { AppError } from "../errors";
import {
  MESSAGE_ACCESS,
  MESSAGE_STORED,
  PARAM_ACK,
  PARAM_TOKEN,
} from "./protocol";
import { SaveTracker } from "./save-tracker";
import { trackingWebSocket } from "./tracking-socket";
import { readStored } from "./wire";

export interface RemoteEditOptions {
  /** The collaboration server as this process reaches it (ws://…). */
  url: string;
  docName: string;
  /** A read-write collaboration token of the person making the change. */
  token: string;
  edit: (doc: Y.Doc) => void;
  timeoutMs?: number;
}

/**
 * Changes a story's document the way an editor in a browser does: joins through the
 * collaboration server with a token, syncs, makes the change in one transaction and waits until
 * the server acknowledges it as stored. Everyone in the story sees it live; nothing bypasses
 * the server's permissions or durability. Throws AppError when refused or too slow.
 */
export async function editThroughCollabServer(
  options: RemoteEditOptions,
): Promise<void> {
  const doc = new Y.Doc();
  const tracker = new SaveTracker();
  // The ws package implements the browser WebSocket API y-websocket expects.
  const Socket = WebSocket as unknown as typeof globalThis.WebSocket;
  const provider = new WebsocketProvider(options.url, options.docName, doc, {
    params: { [PARAM_TOKEN]: options.token, [PARAM_ACK]: "1" },
    WebSocketPolyfill: trackingWebSocket(Socket, tracker),
    disableBc: true,
    connect: false,
  });
  // A change made by the system is not a person in the story.
  provider.awareness.setLocalState(null);
  provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) =>
    tracker.acknowledge(readStored(decoder).storedMessages);
  // Access changes do not concern a one-off change: if it is refused, it is never acknowledged.
  provider.messageHandlers[MESSAGE_ACCESS] = () => {};
  doc.on("update", (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) tracker.localEdit(provider.wsconnected);
  });

  let refusal: string | null = null;
  provider.on("closed", ({ reason }) => {
    refusal = reason || "the collaboration server refused the change";
  });
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const until = async (condition: () => boolean, what: string) => {
    while (!condition()) {
      if (refusal)
        throw new AppError("conflict", `The change was refused: ${refusal}.`);
      if (Date.now() > deadline)
        throw new AppError(
          "internal",
          `The collaboration server did not answer (${what}).`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  try {
    provider.connect();
    await until(() => provider.synced, "sync");
    options.edit(doc);
    await until(() => tracker.state === "saved", "storing the change");
  } finally {
    provider.destroy();
    doc.destroy();
  }
}
