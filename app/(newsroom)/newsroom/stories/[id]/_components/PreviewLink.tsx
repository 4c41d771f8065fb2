"use client";

import { useState } from "react";
import { useHydrated } from "@/app/_components/useHydrated";
import type { PreviewLink as Link } from "@/lib/stories/preview";
import "./PreviewLink.css";
import { newsroomTime } from "@/lib/newsroom-time";

/**
 * "Preview link": makes a signed link to the draft as readers will see it
 * (`POST /api/stories/:id/preview`), for someone without an account, and shows it in a dialog
 * with a button that copies it.
 */
export function PreviewLink({ storyId }: { storyId: string }) {
  const [link, setLink] = useState<Link | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function make() {
    setPending(true);
    setError(null);
    setCopied(false);
    const response = await fetch(`/api/stories/${storyId}/preview`, {
      method: "POST",
    });
    const body = (await response.json().catch(() => null)) as
      (Link & { error?: { message?: string } }) | null;
    setPending(false);
    if (!response.ok || !body || body.error || typeof body.url !== "string") {
      setError(body?.error?.message ?? "No preview link could be made.");
      return;
    }
    setLink({ url: body.url, expiresAt: body.expiresAt });
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard (not a secure context): the link stays selected in its field.
      setCopied(false);
    }
  }

  const close = () => setLink(null);
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        disabled={!hydrated || pending}
        onClick={() => void make()}
      >
        Preview link
      </button>
      {error && (
        <p className="alert alert-error workflow-error" role="alert">
          {error}
        </p>
      )}
      {link && (
        <div
          className="dialog-backdrop"
          role="presentation"
          onMouseDown={(e) => e.target === e.currentTarget && close()}
        >
          <div
            className="dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="preview-dialog-title"
            aria-describedby="preview-dialog-lede"
            onKeyDown={(e) => e.key === "Escape" && close()}
          >
            <h2 id="preview-dialog-title">Preview link</h2>
            <p id="preview-dialog-lede" className="dialog-lede">
              Anyone with this link can read the draft as it stands, without
              signing in, until{" "}
              <time dateTime={link.expiresAt}>
                {newsroomTime(link.expiresAt)}
              </time>{" "}
              or until the story is published.
            </p>
            <div className="field">
              <label htmlFor="preview-url">Link</label>
              <input
                id="preview-url"
                className="input preview-url"
                readOnly
                value={link.url}
                autoFocus
                onFocus={(e) => e.currentTarget.select()}
              />
            </div>
            <p role="status" className="preview-copied">
              {copied ? "Link copied" : ""}
            </p>
            <div className="dialog-actions">
              <a
                className="button button-ghost"
                href={link.url}
                target="_blank"
                rel="noreferrer"
              >
                Open preview
              </a>
              <button type="button" className="button" onClick={close}>
                Close
              </button>
              <button
                type="button"
                className="button button-primary"
                onClick={() => void copy(link.url)}
              >
                Copy link
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
