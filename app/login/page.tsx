import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { loginErrorMessage } from "@/lib/auth/sso-messages";
import { oidcSettings } from "@/lib/auth/oidc-settings";
import { appOrigin } from "@/lib/http";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { LoginForm } from "./LoginForm";
import { SsoButton } from "./SsoButton";
import "./login.css";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const query = await searchParams;
  const callbackUrl = safeRedirectPath(query.callbackUrl, appOrigin());
  if (await getSessionUser()) redirect(callbackUrl);
  const sso = oidcSettings();
  // next-auth's `?error=`: a refused single sign-on, or a provider step that failed.
  const notice = loginErrorMessage(
    typeof query.error === "string" ? query.error : undefined,
    sso?.name ?? null,
  );
  return (
    <main className="login">
      <div className="login-card">
        <div className="login-brand" aria-hidden="true">
          N
        </div>
        <h1>Sign in to the Newsroom</h1>
        <p className="login-lede">Write, edit and publish together.</p>
        <LoginForm callbackUrl={callbackUrl} notice={notice} />
        {sso && (
          <>
            <p className="login-divider">
              <span>or</span>
            </p>
            <SsoButton name={sso.name} callbackUrl={callbackUrl} />
          </>
        )}
      </div>
    </main>
  );
}
