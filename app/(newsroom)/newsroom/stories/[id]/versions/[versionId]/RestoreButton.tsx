"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/app/_components/useHydrated";

/** Restores the version as a new change everyone in the story sees; the current state is saved first. */
export function RestoreButton({
  storyId,
  versionId,
  name,
}: {
  storyId: string;
  versionId: string;
  name: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function restore() {
    if (
      !window.confirm(
        `Restore “${name}”? The story as it is now is saved as a version first.`,
      )
    )
      return;
    setPending(true);
    setError(null);
    const response = await fetch(
      `/api/stories/${storyId}/versions/${versionId}/restore`,
      { method: "POST" },
    );
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { message?: string };
      } | null;
      setError(body?.error?.message ?? "The version could not be restored.");
      setPending(false);
      return;
    }
    router.push(`/newsroom/stories/${storyId}`);
  }

  return (
    <div className="restore">
      <button
        type="button"
        className="button button-primary"
        onClick={() => void restore()}
        disabled={!hydrated || pending}
      >
        {pending ? "Restoring…" : "Restore this version"}
      </button>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
