"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PASSWORD_MIN } from "@/lib/people/limits";
import { sendJson } from "@/app/_components/sendJson";
import { useHydrated } from "@/app/_components/useHydrated";

/** Chooses the password with the link's token, then signs in with it and opens the newsroom. */
export function SetPasswordForm({
  token,
  email,
  submitLabel,
}: {
  token: string;
  email: string;
  submitLabel: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password.length < PASSWORD_MIN)
      return setError(`Choose at least ${PASSWORD_MIN} characters.`);
    if (password !== form.get("repeat"))
      return setError("The two passwords are not the same.");
    setPending(true);
    setError(null);
    try {
      await sendJson(
        "/api/account/password",
        "POST",
        { token, password },
        "The password could not be set",
      );
    } catch (e) {
      setPending(false);
      return setError((e as Error).message);
    }
    const result = await signIn("credentials", {
      email,
      password,
      redirect: false,
    });
    router.replace(result?.ok ? "/newsroom" : "/login");
    router.refresh();
  }

  return (
    <form
      className="login-form"
      aria-label={submitLabel}
      // Never a GET: a form sent before the script ran would put the password in the address.
      method="post"
      onSubmit={submit}
    >
      <div id="login-error" role="alert" aria-live="assertive">
        {error && <p className="alert alert-error">{error}</p>}
      </div>
      {/* For password managers: the account the password belongs to. */}
      <input
        type="email"
        name="email"
        autoComplete="username"
        value={email}
        readOnly
        hidden
      />
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          className="input"
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          required
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor="repeat">Repeat the password</label>
        <input
          className="input"
          id="repeat"
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
        />
      </div>
      <p className="login-hint">At least {PASSWORD_MIN} characters.</p>
      <button
        className="button button-primary login-submit"
        type="submit"
        disabled={!hydrated || pending}
      >
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
