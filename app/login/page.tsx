import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { LoginForm } from "./LoginForm";
import "./login.css";

export const metadata: Metadata = { title: "Sign in" };

function safeCallback(value: string | string[] | undefined): string {
  const target = typeof value === "string" ? value : "/newsroom";
  // Only same-site paths: never redirect a signed-in user to another origin.
  return target.startsWith("/") && !target.startsWith("//")
    ? target
    : "/newsroom";
}

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const callbackUrl = safeCallback((await searchParams).callbackUrl);
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
