"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SaveState } from "@/lib/collab/save-tracker";

/** Publishes the stored document. Waits for pending edits to be saved first, so nothing typed is left out. */
export function PublishButton({
  storyId,
  save,
  onPublished,
}: {
  storyId: string;
  save: SaveState;
  onPublished: (url: string) => void;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function publish() {
    setPending(true);
    setError(null);
    const response = await fetch(`/api/stories/${storyId}/transitions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: "published" }),
    });
    const body = (await response.json().catch(() => null)) as {
      liveUrl?: string;
      error?: { message?: string };
    } | null;
    setPending(false);
    if (!response.ok || !body?.liveUrl) {
      setError(body?.error?.message ?? "The story could not be published.");
      return;
    }
    onPublished(body.liveUrl);
    router.refresh();
  }

  return (
    <div className="publish">
      <button
        type="button"
        className="button button-primary"
        onClick={() => void publish()}
        disabled={pending || save !== "saved"}
        title={
          save !== "saved" ? "Waiting for your changes to be saved" : undefined
        }
      >
        {pending ? "Publishing…" : "Publish"}
      </button>
      {error && (
        <p className="alert alert-error publish-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
