"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { SIGN_IN_LIMITS, SIGN_IN_RATE_LIMITED } from "@/lib/auth/limits";
import { useHydrated } from "@/app/_components/useHydrated";

// The same words for every account, known or not: they must not tell which e-mails exist.
const messages = {
  refused: "That e-mail and password do not match an account.",
  limited: `Too many sign-in attempts. Sign-in is paused for up to ${
    SIGN_IN_LIMITS.account.windowMs / 60_000
  } minutes; try again later.`,
};

/** `notice`: what the page was sent back to say (a refused single sign-on), until the next try. */
export function LoginForm({
  callbackUrl,
  notice,
}: {
  callbackUrl: string;
  notice: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [shownNotice, setShownNotice] = useState(notice);
  const [pending, setPending] = useState(false);
  const password = useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    setShownNotice(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      // Keep the e-mail; the wrong password goes, and typing the next one starts at once (the
      // disabled button had taken the focus away).
      if (password.current) {
        password.current.value = "";
        password.current.focus();
      }
      setError(
        result?.error === SIGN_IN_RATE_LIMITED
          ? messages.limited
          : messages.refused,
      );
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form
      className="login-form"
      aria-label="Sign in"
      // Never a GET: a form sent before the script ran would put the password in the address.
      method="post"
      onSubmit={onSubmit}
      noValidate
    >
      {/* Always in the page, so screen readers hear each message that appears in it. */}
      <div
        id="login-error"
        role="alert"
        aria-live="assertive"
        aria-atomic="true"
      >
        {(error ?? shownNotice) && (
          <p className="alert alert-error">{error ?? shownNotice}</p>
        )}
      </div>
      <div className="field">
        <label htmlFor="email">E-mail</label>
        <input
          className="input"
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          className="input"
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          ref={password}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "login-error" : undefined}
          required
        />
      </div>
      <button
        className="button button-primary login-submit"
        type="submit"
        disabled={!hydrated || pending}
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
