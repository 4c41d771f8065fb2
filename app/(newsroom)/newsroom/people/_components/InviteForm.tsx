"use client";

import { useState, type FormEvent } from "react";
import type { AccountView } from "@/lib/db/presenters";
import { roles } from "@/lib/workflow/actors";
import { sendJson } from "@/app/_components/sendJson";
import { useHydrated } from "@/app/_components/useHydrated";
import type { IssuedLink } from "./LinkNotice";

/** Name, e-mail and role of someone to invite; the answer is their one-time sign-up link. */
export function InviteForm({
  onInvited,
}: {
  onInvited: (link: IssuedLink) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setError(null);
    try {
      const answer = await sendJson<{
        user: AccountView;
        inviteUrl: string;
        expiresAt: string;
        mail: IssuedLink["mail"];
      }>(
        "/api/users",
        "POST",
        {
          name: String(data.get("name") ?? ""),
          email: String(data.get("email") ?? ""),
          role: String(data.get("role") ?? "reporter"),
        },
        "The invitation could not be made",
      );
      form.reset();
      onInvited({
        name: answer.user.name,
        email: answer.user.email,
        purpose: "invite",
        url: answer.inviteUrl,
        expiresAt: answer.expiresAt,
        mail: answer.mail,
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="invite-form" aria-label="Invite someone" onSubmit={submit}>
      <h2 className="panel-title">Invite someone</h2>
      <div className="field">
        <label htmlFor="invite-name">Name</label>
        <input id="invite-name" name="name" className="input" required />
      </div>
      <div className="field">
        <label htmlFor="invite-email">E-mail</label>
        <input
          id="invite-email"
          name="email"
          type="email"
          className="input"
          required
        />
      </div>
      <div className="field">
        <label htmlFor="invite-role">Role</label>
        <select
          id="invite-role"
          name="role"
          className="input"
          defaultValue="reporter"
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="button button-primary"
        disabled={!hydrated || pending}
      >
        {pending ? "Inviting…" : "Invite"}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
