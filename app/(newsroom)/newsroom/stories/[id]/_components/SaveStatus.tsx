"use client";

import type { SaveState } from "@/lib/collab/save-tracker";
import type { ConnectionState } from "./useCollabSession";

function describe(
  connection: ConnectionState,
  save: SaveState,
  readOnly: boolean,
): { text: string; tone: string } {
  if (connection === "refused") return { text: "Not connected", tone: "error" };
  if (connection === "connecting") return { text: "Connecting…", tone: "busy" };
  if (connection === "reconnecting") {
    return save === "saved"
      ? { text: "Offline — reconnecting…", tone: "warn" }
      : { text: "Offline — unsaved changes, reconnecting…", tone: "warn" };
  }
  if (readOnly) return { text: "Connected · read-only", tone: "ok" };
  return save === "saved"
    ? { text: "All changes saved", tone: "ok" }
    : { text: "Saving…", tone: "busy" };
}

/** The truthful connection and save state: "saved" only once the server stored every local edit. */
export function SaveStatus({
  connection,
  save,
  readOnly,
}: {
  connection: ConnectionState;
  save: SaveState;
  readOnly: boolean;
}) {
  const { text, tone } = describe(connection, save, readOnly);
  return (
    <p className={`save-status save-${tone}`} role="status" aria-live="polite">
      <span className="save-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
