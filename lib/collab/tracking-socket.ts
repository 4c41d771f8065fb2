import type { SaveTracker } from "./save-tracker";

type WebSocketClass = typeof globalThis.WebSocket;

/**
 * A WebSocket class (browser's or the `ws` package's) whose sockets report every frame they
 * send to `tracker`, and their opening and closing. Passed to y-websocket as its polyfill.
 */
export function trackingWebSocket(
  Base: WebSocketClass,
  tracker: SaveTracker,
): WebSocketClass {
  class TrackingWebSocket extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("open", () => tracker.socketOpened());
      this.addEventListener("close", () => tracker.socketClosed());
    }

    override send(
      data: string | ArrayBufferLike | Blob | ArrayBufferView,
    ): void {
      super.send(data);
      if (data instanceof Uint8Array) tracker.messageSent(data);
      else if (data instanceof ArrayBuffer)
        tracker.messageSent(new Uint8Array(data));
    }
  }
  return TrackingWebSocket;
}
