"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/app/_components/useHydrated";

/** Puts a spiked story back in the lists (the desk only; the server checks). */
export function RestoreButton({
  storyId,
  headline,
}: {
  storyId: string;
  headline: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button"
        aria-label={`Restore “${headline}”`}
        disabled={!hydrated || busy}
        onClick={async () => {
          setBusy(true);
          const response = await fetch(`/api/stories/${storyId}/spike`, {
            method: "DELETE",
          });
          setBusy(false);
          if (response.ok) router.refresh();
          else setError("It could not be restored.");
        }}
      >
        Restore
      </button>
      {error && (
        <span className="nr-muted" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
