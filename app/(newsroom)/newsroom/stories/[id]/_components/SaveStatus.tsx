"use client";

import type { SaveState } from "@/lib/collab/save-tracker";
import type { ConnectionState } from "./useCollabSession";
import "./SaveStatus.css";

interface StatusProps {
  connection: ConnectionState;
  /** Whether the server has stored every local edit. */
  save: SaveState;
  /** Whether this browser's IndexedDB copy holds every local edit. */
  kept: boolean;
  readOnly: boolean;
}

function describe({ connection, save, kept, readOnly }: StatusProps): {
  text: string;
  tone: string;
} {
  if (connection === "refused") return { text: "Not connected", tone: "error" };
  if (readOnly)
    return connection === "connected"
      ? { text: "Connected · read-only", tone: "ok" }
      : { text: "Read-only · connecting…", tone: "busy" };
  if (connection === "connected")
    return save === "saved"
      ? { text: "All changes saved", tone: "ok" }
      : { text: "Saving…", tone: "busy" };
  const offline = connection === "offline" ? "Offline" : "Connecting";
  if (save === "saved")
    return {
      text:
        connection === "offline" ? "Offline — reconnecting…" : "Connecting…",
      tone: connection === "offline" ? "warn" : "busy",
    };
  return kept
    ? { text: `${offline} — changes kept on this device`, tone: "warn" }
    : { text: `${offline} — keeping changes on this device…`, tone: "warn" };
}

/**
 * The truthful connection and save state: "All changes saved" only once the server stored every
 * local edit; "kept on this device" only once IndexedDB committed them.
 */
export function SaveStatus(props: StatusProps) {
  const { text, tone } = describe(props);
  return (
    <p className={`save-status save-${tone}`} role="status" aria-live="polite">
      <span className="save-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
