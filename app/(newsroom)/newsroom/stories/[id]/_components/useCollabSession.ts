"use client";

import * as decoding from "lib0/decoding";
import { useEffect, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  CloseCode,
  MESSAGE_STORED,
  PARAM_ACK,
  PARAM_TOKEN,
} from "@/lib/collab/protocol";
import { SaveTracker, type SaveState } from "@/lib/collab/save-tracker";
import { trackingWebSocket } from "@/lib/collab/tracking-socket";
import type { CollabSession } from "@/lib/stories";

export type ConnectionState =
  "connecting" | "connected" | "reconnecting" | "refused";

export interface CollabHandle {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: CollabSession["user"];
  readOnly: boolean;
}

export interface CollabSessionState {
  handle: CollabHandle | null;
  connection: ConnectionState;
  save: SaveState;
  /** Why the session could not start or was refused. */
  problem: string | null;
}

async function fetchSession(storyId: string): Promise<CollabSession> {
  const response = await fetch(`/api/stories/${storyId}/collab`, {
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new Error(
      body?.error?.message ??
        `The story could not be opened (${response.status}).`,
    );
  }
  return (await response.json()) as CollabSession;
}

/**
 * Joins a story's Y.Doc over the stock y-websocket provider, with stored-acknowledgements so
 * that "All changes saved" means the server committed every local edit. Keeps the token fresh
 * and reports the connection truthfully.
 */
export function useCollabSession(storyId: string): CollabSessionState {
  const [state, setState] = useState<CollabSessionState>({
    handle: null,
    connection: "connecting",
    save: "saved",
    problem: null,
  });

  useEffect(() => {
    let disposed = false;
    let teardown = () => {};

    void (async () => {
      let session: CollabSession;
      try {
        session = await fetchSession(storyId);
      } catch (error) {
        if (!disposed)
          setState((s) => ({
            ...s,
            connection: "refused",
            problem: (error as Error).message,
          }));
        return;
      }
      if (disposed) return;

      const doc = new Y.Doc();
      const tracker = new SaveTracker();
      const provider = new WebsocketProvider(
        session.url,
        session.docName,
        doc,
        {
          params: { [PARAM_TOKEN]: session.token, [PARAM_ACK]: "1" },
          WebSocketPolyfill: trackingWebSocket(WebSocket, tracker),
          // Every edit goes through the server, which enforces permissions.
          disableBc: true,
        },
      );
      provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
        tracker.acknowledge(decoding.readVarUint(decoder));
      };
      doc.on("update", (_update: Uint8Array, origin: unknown) => {
        if (origin === provider) return;
        tracker.localEdit(
          provider.wsconnected && provider.ws?.readyState === WebSocket.OPEN,
        );
      });

      let everConnected = false;
      const update = (patch: Partial<CollabSessionState>) => {
        if (!disposed) setState((s) => ({ ...s, ...patch }));
      };
      provider.on("status", ({ status }) => {
        if (status === "connected") everConnected = true;
        update({
          connection:
            status === "connected"
              ? "connected"
              : everConnected
                ? "reconnecting"
                : "connecting",
        });
      });
      tracker.onChange((save) => update({ save }));

      const refreshToken = async () => {
        const fresh = await fetchSession(storyId);
        provider.params = { ...provider.params, [PARAM_TOKEN]: fresh.token };
        return fresh;
      };
      provider.on("closed", ({ code, reason }) => {
        if (code === CloseCode.unauthorized) {
          // Most likely an expired token after a long time offline: fetch a new one and carry on.
          void refreshToken()
            .then(() => provider.connect())
            .catch((error: Error) =>
              update({ connection: "refused", problem: error.message }),
            );
          return;
        }
        update({
          connection: "refused",
          problem: reason || "The server closed the connection.",
        });
      });
      const refreshTimer = setInterval(
        () => void refreshToken().catch(() => undefined),
        (session.expiresIn * 1000) / 2,
      );

      const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
        if (tracker.state !== "saved") event.preventDefault();
      };
      // The browser knows about a lost network long before a silent socket times out.
      const goOffline = () => provider.disconnect();
      const goOnline = () => provider.connect();
      window.addEventListener("beforeunload", warnBeforeLeaving);
      window.addEventListener("offline", goOffline);
      window.addEventListener("online", goOnline);

      update({
        handle: {
          doc,
          provider,
          user: session.user,
          readOnly: session.readOnly,
        },
        problem: null,
      });
      teardown = () => {
        clearInterval(refreshTimer);
        window.removeEventListener("beforeunload", warnBeforeLeaving);
        window.removeEventListener("offline", goOffline);
        window.removeEventListener("online", goOnline);
        provider.destroy();
        doc.destroy();
      };
    })();

    return () => {
      disposed = true;
      teardown();
    };
  }, [storyId]);

  return state;
}
