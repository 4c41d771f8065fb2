import Link from "next/link";
import { getStore } from "@/lib/db/store";
import {
  describeAccountLink,
  type LinkPurpose,
  type LinkState,
} from "@/lib/people/links";
import { SetPasswordForm } from "./SetPasswordForm";
import "../../login/login.css";

const tokenPattern = /^[A-Za-z0-9_-]{20,200}$/;

const closed: Record<Exclude<LinkState["state"], "valid">, string> = {
  used: "This link has been used already. Sign in with the password chosen then, or ask an admin for a new link.",
  expired: "This link has expired. Ask an admin for a new one.",
  unknown:
    "This link is not valid. Check that it was copied whole, or ask an admin for a new one.",
};

/** The page a one-time link opens: choose a password, or why the link no longer works. */
export async function PasswordLinkPage({
  token,
  purpose,
}: {
  token: string;
  purpose: LinkPurpose;
}) {
  const link: LinkState = tokenPattern.test(token)
    ? await describeAccountLink(await getStore(), token, purpose)
    : { state: "unknown" };
  const invite = purpose === "invite";
  return (
    <main className="login">
      <div className="login-card">
        <div className="login-brand" aria-hidden="true">
          N
        </div>
        {link.state === "valid" ? (
          <>
            <h1>
              {invite
                ? `Welcome to the Newsroom, ${link.name}`
                : "Choose a new password"}
            </h1>
            <p className="login-lede">
              {invite
                ? `Choose a password to sign up as ${link.email}.`
                : `For ${link.email}. The old password stops working.`}
            </p>
            <SetPasswordForm
              token={token}
              email={link.email}
              submitLabel={invite ? "Sign up" : "Set the password"}
            />
          </>
        ) : (
          <>
            <h1>{invite ? "Sign up" : "Reset password"}</h1>
            <p className="alert alert-error" role="alert">
              {closed[link.state]}
            </p>
            <p>
              <Link href="/login">Go to sign-in</Link>
            </p>
          </>
        )}
      </div>
    </main>
  );
}
