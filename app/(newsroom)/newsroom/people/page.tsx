import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { listAccounts } from "@/lib/people/accounts";
import { canManageAccounts } from "@/lib/workflow/permissions";
import { PeopleManager } from "./_components/PeopleManager";
import "./people.css";

export const metadata: Metadata = { title: "People" };

/** Admins manage the newsroom's accounts: invitations, roles, deactivation, password links. */
export default async function PeoplePage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (!canManageAccounts(user))
    return (
      <main className="nr-page">
        <h1>People</h1>
        <p className="nr-empty">Only admins manage the newsroom’s accounts.</p>
      </main>
    );
  const accounts = await listAccounts(await getStore(), user);
  return (
    <main className="nr-page">
      <div className="nr-page-head">
        <div>
          <h1>People</h1>
          <p className="nr-muted">
            Invite colleagues, change their roles, deactivate accounts and hand
            out password links.
          </p>
        </div>
      </div>
      <PeopleManager accounts={accounts} selfId={user.id} />
    </main>
  );
}
