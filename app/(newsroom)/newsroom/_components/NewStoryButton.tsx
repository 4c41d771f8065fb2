"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/app/_components/useHydrated";
import "./NewStoryButton.css";

/** Creates an empty story and opens its editor, as a new document does in a word processor. */
export function NewStoryButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  async function create() {
    setPending(true);
    setError(null);
    const response = await fetch("/api/stories", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ headline: "" }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { message?: string };
      } | null;
      setError(body?.error?.message ?? "The story could not be created.");
      setPending(false);
      return;
    }
    const { id } = (await response.json()) as { id: string };
    router.push(`/newsroom/stories/${id}`);
  }

  return (
    <div className="new-story">
      <button
        type="button"
        className="button button-primary"
        onClick={() => void create()}
        disabled={!hydrated || pending}
      >
        <svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14">
          <path
            d="M7 1v12M1 7h12"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        New story
      </button>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
