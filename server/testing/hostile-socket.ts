import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import WebSocket from "ws";
import * as Y from "yjs";
import { MESSAGE_AWARENESS } from "../../lib/collab/protocol";
import {
  awarenessMessage,
  queryAwarenessMessage,
  syncUpdateMessage,
} from "../../lib/collab/wire";

const newPresence = () =>
  new awarenessProtocol.Awareness(new Y.Doc({ guid: "presence" }));

/** The presence state a hostile socket numbers its probes with. */
type Probe = { cursor?: { anchor?: { assoc?: number } } } | null;

/**
 * A socket of a hostile writer with write access: sends one update at a time and learns what
 * became of it. After the update it sets a presence state of its own and asks for everyone's:
 * the answer holding that state comes once the update was handled (a socket's messages are
 * handled in order). A refused update closes the socket; a new one is opened at once, in the
 * background.
 */
export class HostileSocket {
  private socket: Promise<WebSocket> | null = null;
  private waiting: ((closed: number | null) => void) | null = null;
  /** Each socket's own: a new socket's states start where the room holds none of its id. */
  private presence = newPresence();
  private probe = 0;

  constructor(
    private readonly url: () => Promise<string>,
    private readonly closes: Map<number, number>,
  ) {}

  /** Sends `update`; resolves with the close code when it was refused, else null. */
  async send(update: Uint8Array): Promise<number | null> {
    const ws = await (this.socket ??= this.open());
    const probe = ++this.probe;
    // A caret (the server checks presence against the editor's schema) numbered by the probe.
    this.presence.setLocalState({
      cursor: { anchor: { assoc: probe }, head: { assoc: 0 } },
    });
    const state = awarenessProtocol.encodeAwarenessUpdate(this.presence, [
      this.presence.clientID,
    ]);
    return new Promise((resolve) => {
      this.waiting = resolve;
      ws.send(syncUpdateMessage(update));
      ws.send(awarenessMessage(state));
      ws.send(queryAwarenessMessage());
    });
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.waiting = null;
    const ws = await socket?.catch(() => null);
    ws?.removeAllListeners("close");
    ws?.close();
    this.presence.destroy();
  }

  private open(): Promise<WebSocket> {
    return this.url().then(
      (url) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url);
          ws.on("message", (data: Buffer) => this.receive(data));
          ws.on("error", () => undefined);
          ws.once("open", () => {
            this.presence.destroy();
            this.presence = newPresence();
            resolve(ws);
          });
          ws.on("close", (code) => {
            reject(new Error(`closed at open: ${code}`));
            this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
            this.socket = this.open();
            // A rejection nobody awaits yet must not fail the run; send() sees it.
            this.socket.catch(() => undefined);
            const done = this.waiting;
            this.waiting = null;
            done?.(code);
          });
        }),
    );
  }

  private receive(data: Buffer): void {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS || !this.waiting)
      return;
    // Only the answer to the query holds this socket's own state: others' changes are relayed
    // to it, its own are not. Read by hand (y-protocols' reader needs an Awareness and a Doc,
    // whose random ids cost more than the rest of a step here).
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    let own: Probe | undefined;
    for (let n = decoding.readVarUint(update); n > 0; n--) {
      const clientId = decoding.readVarUint(update);
      decoding.readVarUint(update);
      const state = decoding.readVarString(update);
      if (clientId === this.presence.clientID) own = JSON.parse(state) as Probe;
    }
    if (own?.cursor?.anchor?.assoc === this.probe) {
      const done = this.waiting;
      this.waiting = null;
      done(null);
    }
  }
}
