"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AccountView } from "@/lib/db/presenters";
import { roles, type Role } from "@/lib/workflow/actors";
import { sendJson } from "@/app/_components/sendJson";
import { useHydrated } from "@/app/_components/useHydrated";
import { InviteForm } from "./InviteForm";
import { LinkNotice, type IssuedLink } from "./LinkNotice";

const statusLabels: Record<AccountView["status"], string> = {
  active: "Active",
  invited: "Invited",
  deactivated: "Deactivated",
};

/**
 * The accounts table and the invitation form. Every change goes through the API (which allows
 * it to admins only) and the page is read again afterwards; a link made here is shown once.
 */
export function PeopleManager({
  accounts,
  selfId,
}: {
  accounts: AccountView[];
  selfId: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [link, setLink] = useState<IssuedLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function act(id: string, work: () => Promise<void>) {
    setBusy(id);
    setError(null);
    try {
      await work();
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const change = (a: AccountView, body: { role?: Role; active?: boolean }) =>
    act(a.id, async () => {
      await sendJson(
        `/api/users/${a.id}`,
        "PATCH",
        body,
        `${a.name}'s account could not be changed`,
      );
    });

  const issueLink = (a: AccountView) =>
    act(a.id, async () => {
      const issued = await sendJson<{
        purpose: IssuedLink["purpose"];
        url: string;
        expiresAt: string;
        mail: IssuedLink["mail"];
      }>(
        `/api/users/${a.id}/password-link`,
        "POST",
        undefined,
        `No link could be made for ${a.name}`,
      );
      setLink({ name: a.name, email: a.email, ...issued });
    });

  return (
    <div className="people">
      <InviteForm
        onInvited={(issued) => {
          setLink(issued);
          router.refresh();
        }}
      />
      {link && <LinkNotice link={link} onDismiss={() => setLink(null)} />}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <table className="people-table">
        <caption className="visually-hidden">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => {
            const self = a.id === selfId;
            return (
              <tr key={a.id} className={`people-${a.status}`}>
                <th scope="row" className="people-name">
                  {a.name}
                  {self && <span className="nr-muted"> (you)</span>}
                </th>
                <td className="people-email">{a.email}</td>
                <td>
                  <select
                    className="input people-role"
                    aria-label={`Role of ${a.name}`}
                    value={a.role}
                    disabled={self || !hydrated || busy === a.id}
                    onChange={(e) =>
                      void change(a, { role: e.target.value as Role })
                    }
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <span className={`people-status status-${a.status}`}>
                    {statusLabels[a.status]}
                  </span>
                </td>
                <td className="people-actions">
                  {a.status !== "deactivated" && (
                    <button
                      type="button"
                      className="button"
                      disabled={!hydrated || busy === a.id}
                      onClick={() => void issueLink(a)}
                    >
                      {a.status === "invited"
                        ? "New sign-up link"
                        : "Password reset link"}
                      <span className="visually-hidden"> for {a.name}</span>
                    </button>
                  )}
                  {!self && (
                    <button
                      type="button"
                      className="button"
                      disabled={!hydrated || busy === a.id}
                      onClick={() =>
                        void change(a, { active: a.status === "deactivated" })
                      }
                    >
                      {a.status === "deactivated" ? "Reactivate" : "Deactivate"}
                      <span className="visually-hidden"> {a.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
