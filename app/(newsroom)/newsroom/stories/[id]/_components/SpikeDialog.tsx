"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import "./SpikeDialog.css";

/**
 * Asks before spiking a draft, naming it and saying what happens: it leaves the lists, the desk
 * can restore it for 30 days, then it is deleted. Spiked, the page goes back to the list.
 */
export function SpikeDialog({
  storyId,
  headline,
  onCancel,
}: {
  storyId: string;
  headline: string;
  onCancel: () => void;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => dialog.current?.showModal(), []);

  async function spike() {
    setBusy(true);
    setError(null);
    const response = await fetch(`/api/stories/${storyId}/spike`, {
      method: "POST",
    });
    if (response.ok) {
      router.push("/newsroom");
      return;
    }
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    setError(body?.error?.message ?? "The story could not be spiked.");
    setBusy(false);
  }

  return (
    <dialog
      ref={dialog}
      className="spike-dialog"
      aria-labelledby="spike-title"
      onClose={onCancel}
    >
      <h2 id="spike-title">Spike “{headline || "Untitled story"}”?</h2>
      <p>
        It leaves the story lists. The desk can restore it for 30 days; after
        that it is deleted.
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="spike-actions">
        <button
          type="button"
          className="button button-ghost"
          onClick={() => dialog.current?.close()}
        >
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => void spike()}
        >
          Spike story
        </button>
      </div>
    </dialog>
  );
}
