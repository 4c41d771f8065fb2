"use client";

import { adoptAssignedUser } from "@/lib/collab/assigned-presence";
import { useCallback, useEffect, useRef, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  ACCESS_NEW_TOKEN,
  SUGGEST_ONLY,
  CloseCode,
  MESSAGE_ACCESS,
  MESSAGE_HEARTBEAT,
  MESSAGE_STORED,
  MESSAGE_SYNC,
  PARAM_ACK,
  PARAM_TOKEN,
  docNameForStory,
} from "@/lib/collab/protocol";
import { closeMessage } from "@/lib/collab/close-messages";
import { SaveTracker, type SaveState } from "@/lib/collab/save-tracker";
import { trackingWebSocket } from "@/lib/collab/tracking-socket";
import { watchLiveness } from "@/lib/collab/liveness";
import { readAccess, readStored, renewMessage } from "@/lib/collab/wire";
import { Y_BODY, Y_DECK, Y_HEADLINE } from "@/lib/editor/names";
import { keepTextChildren } from "@/lib/editor/text-children";
import { OfflineCopy } from "@/lib/offline/copy";
import type { CollabSession } from "@/lib/stories/collab-session";
import {
  fetchSession,
  rememberedSession,
  rememberSession,
  SessionRefused,
  type RememberedSession,
} from "./storySession";

export type ConnectionState =
  "connecting" | "connected" | "offline" | "refused";

export interface CollabHandle {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Run before each colleague's change is applied (editors flush pending DOM input there). */
  beforeRemoteChange: Set<() => void>;
  user: CollabSession["user"];
  readOnly: boolean;
}

export interface CollabSessionState {
  handle: CollabHandle | null;
  connection: ConnectionState;
  save: SaveState;
  /** Every local edit is committed to this browser's (encrypted) IndexedDB copy. */
  kept: boolean;
  /** The server's word on this socket: may it write now? Changes while connected. */
  serverReadOnly: boolean;
  /** The server takes only suggestions and comments from this socket (an author in review). */
  serverSuggestOnly: boolean;
  /** Why the session could not start or was refused. */
  problem: string | null;
  /**
   * The story's text is here to be edited: the server's state arrived, or this browser's copy
   * of it (or, with no server to be had, whatever is here). Typing into the empty document
   * before that would write a first paragraph of one's own beside the story's.
   */
  loaded: boolean;
}

/**
 * Opens a story's Y.Doc: first from this browser's IndexedDB copy (so it works offline and
 * survives reloads), then over the stock y-websocket provider with stored-acknowledgements, so
 * that "All changes saved" means the server committed every local edit.
 */
export function useCollabSession(
  storyId: string,
): CollabSessionState & { reconnect: () => void } {
  // Reconnecting fetches a new token: the server decides read-only at connection time.
  const reconnectRef = useRef<() => void>(() => {});
  const [state, setState] = useState<CollabSessionState>({
    handle: null,
    connection: "connecting",
    save: "saved",
    kept: true,
    serverReadOnly: false,
    serverSuggestOnly: false,
    problem: null,
    loaded: false,
  });

  useEffect(() => {
    let disposed = false;
    const cleanups: Array<() => void> = [];
    // Loaded once the server's state or this browser's copy of the story is in the document.
    let synced = false;
    let copyRead = false;
    let unreachable = !navigator.onLine;
    const doc = new Y.Doc();
    let loaded = false;
    const checkLoaded = () => {
      const copyHeld = copyRead && (doc.store.clients.size > 0 || unreachable);
      if (loaded || !(synced || copyHeld)) return;
      loaded = true;
      update({ loaded: true });
    };
    const update = (patch: Partial<CollabSessionState>) => {
      if (!disposed) setState((s) => ({ ...s, ...patch }));
      if (patch.connection === "offline" || patch.connection === "refused") {
        unreachable = true;
        checkLoaded();
      }
    };

    for (const field of [Y_HEADLINE, Y_DECK, Y_BODY]) {
      cleanups.push(keepTextChildren(doc.getXmlFragment(field)));
    }
    const tracker = new SaveTracker();
    const beforeRemoteChange = new Set<() => void>();
    let provider: WebsocketProvider | null = null;
    // The connection went silent: say Offline until the server is heard from again (an open
    // socket alone proves nothing on a network that drops everything).
    let linkLost = false;
    const heard = () => {
      if (!linkLost) return;
      linkLost = false;
      if (provider?.wsconnected) update({ connection: "connected" });
    };
    const sentNow = () =>
      Boolean(
        provider?.wsconnected && provider.ws?.readyState === WebSocket.OPEN,
      );

    // This user's encrypted copy (lib/offline): kept until the server holds every edit in it.
    let unkept = false;
    const local = new OfflineCopy(doc, docNameForStory(storyId), storyId, {
      // Edits a previous visit made offline: sent again, and unsaved until acknowledged.
      onLoaded: (dirty) => dirty && tracker.localEdit(sentNow()),
      onKept: (kept) => {
        unkept = !kept;
        update({ kept });
      },
    });
    tracker.onChange((save) => {
      update({ save });
      if (save === "saved") local.markSaved();
    });
    // Edits acknowledged before the copy was read: their "saved" was not recorded then.
    void local.whenLoaded.then(() => {
      if (tracker.state === "saved") local.markSaved();
    });
    const copyDone = () => {
      copyRead = true;
      checkLoaded();
    };
    local.whenLoaded.then(copyDone, copyDone);

    doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || local.isOrigin(origin)) return;
      local.markDirty();
      tracker.localEdit(sentNow());
    });
    cleanups.push(() => {
      void local.close();
      doc.destroy();
    });

    const open = (session: RememberedSession, token: string | null) => {
      const p = new WebsocketProvider(session.url, session.docName, doc, {
        params: { [PARAM_TOKEN]: token ?? "", [PARAM_ACK]: "1" },
        WebSocketPolyfill: trackingWebSocket(WebSocket, tracker),
        // Every edit goes through the server, which enforces permissions.
        disableBc: true,
        connect: token !== null && navigator.onLine,
      });
      provider = p;
      p.on("sync", (isSynced: boolean) => {
        synced ||= isSynced;
        checkLoaded();
      });
      const applySync = p.messageHandlers[MESSAGE_SYNC]!;
      p.messageHandlers[MESSAGE_SYNC] = (...args) => {
        heard();
        for (const prepare of beforeRemoteChange) prepare();
        applySync(...args);
      };
      // Its arrival is the point (y-websocket notes when each message arrives).
      p.messageHandlers[MESSAGE_HEARTBEAT] = () => heard();
      // The story was submitted, returned…: the server says what this socket may do now. A
      // reader added as a co-author may write, but only with a fresh token.
      p.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
        const access = readAccess(decoder);
        if (access.readOnly && access.reason === ACCESS_NEW_TOKEN)
          reconnectRef.current();
        else
          update({
            serverReadOnly: access.readOnly,
            serverSuggestOnly: access.reason.startsWith(SUGGEST_ONLY),
          });
      };
      p.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) =>
        tracker.acknowledge(readStored(decoder).storedMessages);
      // Show what the server shows (account, assigned colour): our carets then need no echo.
      adoptAssignedUser(p);
      p.on("status", ({ status }) =>
        update({
          connection: linkLost
            ? "offline"
            : status === "connected"
              ? "connected"
              : status === "connecting"
                ? "connecting"
                : "offline",
        }),
      );
      p.on("closed", ({ code, reason }) => {
        if (code === CloseCode.unauthorized) {
          // Most likely a token that expired while offline: fetch a new one and carry on.
          void connectWithFreshToken();
          return;
        }
        update({
          connection: "refused",
          problem: closeMessage(code, reason),
        });
      });
      cleanups.push(() => p.destroy());
      update({
        handle: {
          doc,
          provider: p,
          beforeRemoteChange,
          user: session.user,
          readOnly: session.readOnly,
        },
        serverReadOnly: session.readOnly,
        serverSuggestOnly: session.suggestOnly,
        problem: null,
      });
      return p;
    };

    /** Gets a token and connects; while the network is away the editor keeps working on local data. */
    const connectWithFreshToken = async (): Promise<void> => {
      let session: CollabSession;
      try {
        session = await fetchSession(storyId);
      } catch (error) {
        if (disposed) return;
        if (error instanceof SessionRefused)
          update({ connection: "refused", problem: error.message });
        else update({ connection: "offline" });
        return;
      }
      if (disposed) return;
      const rest = rememberSession(storyId, session);
      update({
        serverReadOnly: rest.readOnly,
        serverSuggestOnly: rest.suggestOnly,
      });
      const p = provider ?? open(rest, session.token);
      p.params = { ...p.params, [PARAM_TOKEN]: session.token };
      if (navigator.onLine) p.connect();
    };

    reconnectRef.current = () => {
      provider?.disconnect();
      void connectWithFreshToken();
    };

    // Offline, the remembered session opens the copy, if it is this user's.
    void local.whenUser.then((userId) => {
      const cached = rememberedSession(storyId);
      if (!disposed && !provider && cached && cached.user.id === userId)
        open(cached, null);
      else if (!disposed && userId === null && !navigator.onLine)
        update({
          problem:
            "You are offline. This device's copy of the story opens only in a tab where you signed in, or once you are back online.",
        });
    });
    if (navigator.onLine) void connectWithFreshToken();
    else update({ connection: "offline" });

    // Tokens are short-lived: keep a fresh one for reconnections, and hand it to the server so
    // that the open socket outlives its first token (else it is closed with 4401 at expiry,
    // and the handler above reconnects with a fresh token).
    const refresh = setInterval(() => {
      if (navigator.onLine && provider)
        void fetchSession(storyId).then(
          (s) => {
            const p = provider;
            if (!p) return;
            p.params = { ...p.params, [PARAM_TOKEN]: s.token };
            if (p.wsconnected && p.ws?.readyState === WebSocket.OPEN)
              p.ws.send(renewMessage(s.token));
          },
          () => undefined,
        );
    }, 4 * 60_000);
    const stopWatching = watchLiveness(
      () => provider,
      () => {
        linkLost = true;
        update({ connection: "offline" });
      },
    );
    // The browser knows about a lost network long before a silent socket times out.
    const goOffline = () => {
      provider?.disconnect();
      update({ connection: "offline" });
    };
    const goOnline = () => void connectWithFreshToken();
    const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
      // Safe to leave once this browser holds every edit; they reach the server next time.
      if (unkept) event.preventDefault();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    window.addEventListener("beforeunload", warnBeforeLeaving);
    cleanups.push(() => {
      clearInterval(refresh);
      stopWatching();
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      window.removeEventListener("beforeunload", warnBeforeLeaving);
    });

    return () => {
      disposed = true;
      for (const cleanup of cleanups.reverse()) cleanup();
    };
  }, [storyId]);

  const reconnect = useCallback(() => reconnectRef.current(), []);
  return { ...state, reconnect };
}
