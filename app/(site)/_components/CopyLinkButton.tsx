"use client";

import { useState } from "react";
import { useHydrated } from "@/app/_components/useHydrated";

/**
 * Copies the article's address. The Clipboard API needs a secure context (https or
 * localhost); elsewhere the address is selected in a field so the reader can copy it.
 */
export function CopyLinkButton({ url }: { url: string }) {
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  const hydrated = useHydrated();

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      setState("manual");
    }
  }

  return (
    <>
      <button
        type="button"
        className="share-link"
        onClick={copy}
        disabled={!hydrated}
      >
        Copy link
      </button>
      <span role="status" className="share-status">
        {state === "copied" && "Link copied"}
      </span>
      {state === "manual" && (
        <input
          className="share-manual"
          readOnly
          value={url}
          aria-label="Article address: copy it from here"
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </>
  );
}
