import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { appOrigin } from "@/lib/http";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { LoginForm } from "./LoginForm";
import "./login.css";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const callbackUrl = safeRedirectPath(
    (await searchParams).callbackUrl,
    appOrigin(),
  );
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <main className="login">
      <div className="login-card">
        <div className="login-brand" aria-hidden="true">
          N
        </div>
        <h1>Sign in to the Newsroom</h1>
        <p className="login-lede">Write, edit and publish together.</p>
        <LoginForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
