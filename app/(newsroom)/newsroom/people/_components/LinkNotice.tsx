"use client";

import { useState } from "react";
import type { MailOutcome } from "@/lib/mail/mailer";
import { newsroomTime } from "@/lib/newsroom-time";

/** A one-time link just made, shown to the admin who made it (and never again). */
export interface IssuedLink {
  name: string;
  email: string;
  purpose: "invite" | "reset";
  url: string;
  expiresAt: string;
  mail: MailOutcome;
}

/**
 * The link, with a copy button, and what became of its e-mail: sent to its owner only when the
 * SMTP server took it; otherwise the admin hands the link over themselves.
 */
export function LinkNotice({
  link,
  onDismiss,
}: {
  link: IssuedLink;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const until = newsroomTime(link.expiresAt);
  const what =
    link.purpose === "invite" ? "Sign-up link" : "Password reset link";
  return (
    <section className="alert alert-info link-notice" aria-label={what}>
      <p>
        <strong>
          {what} for {link.name}.
        </strong>{" "}
        {link.mail === "sent" ? (
          <>
            Sent to <strong>{link.email}</strong>.
          </>
        ) : link.mail === "failed" ? (
          <>
            The e-mail to {link.email} could not be sent: pass the link on
            yourself.
          </>
        ) : (
          "Pass it on yourself (the newsroom sends no e-mail)."
        )}{" "}
        It works once, until {until}.
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
