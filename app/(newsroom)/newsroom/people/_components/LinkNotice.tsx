"use client";

import { useState } from "react";

/** A one-time link just made, shown to the admin who made it (and never again). */
export interface IssuedLink {
  name: string;
  purpose: "invite" | "reset";
  url: string;
  expiresAt: string;
}

/**
 * The link to pass on, with a copy button. The newsroom sends no e-mail: the admin hands the
 * link over themselves.
 */
export function LinkNotice({
  link,
  onDismiss,
}: {
  link: IssuedLink;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const until = new Date(link.expiresAt).toLocaleString("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const what =
    link.purpose === "invite" ? "Sign-up link" : "Password reset link";
  return (
    <section className="alert alert-info link-notice" aria-label={what}>
      <p>
        <strong>
          {what} for {link.name}.
        </strong>{" "}
        Pass it on yourself (the newsroom sends no e-mail). It works once, until{" "}
        {until}.
      </p>
      <div className="link-notice-row">
        <input
          className="input"
          readOnly
          aria-label={what}
          value={link.url}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="button"
          onClick={() =>
            void navigator.clipboard
              ?.writeText(link.url)
              .then(() => setCopied(true))
          }
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={onDismiss}
        >
          Done
        </button>
      </div>
    </section>
  );
}
