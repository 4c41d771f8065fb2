"use client";

import { useId, useState, type FormEvent } from "react";
import { useHydrated } from "@/app/_components/useHydrated";

type State =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "done"; email: string }
  | { kind: "error"; message: string };

/** The e-mail form of the Subscribe box: posts to /api/subscriptions and says what happened. */
export function SubscribeForm() {
  const id = useId();
  const [state, setState] = useState<State>({ kind: "idle" });
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const email = String(new FormData(form).get("email") ?? "").trim();
    setState({ kind: "sending" });
    try {
      const response = await fetch("/api/subscriptions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, source: window.location.pathname }),
      });
      if (response.ok) {
        setState({ kind: "done", email });
        form.reset();
        return;
      }
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: string; message?: string };
      } | null;
      setState({
        kind: "error",
        message:
          body?.error?.code === "validation_failed"
            ? "Please enter a valid e-mail address."
            : (body?.error?.message ??
              "Something went wrong. Please try again."),
      });
    } catch {
      setState({
        kind: "error",
        message: "You seem to be offline. Please try again.",
      });
    }
  }

  return (
    <form className="subscribe-form" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-email`} className="subscribe-label">
        E-mail address
      </label>
      <div className="subscribe-row">
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          placeholder="you@example.com"
          className="subscribe-input"
          aria-invalid={state.kind === "error" ? true : undefined}
          aria-describedby={`${id}-message`}
        />
        <button
          type="submit"
          className="subscribe-button"
          disabled={!hydrated || state.kind === "sending"}
        >
          {state.kind === "sending" ? "Subscribing…" : "Subscribe"}
        </button>
      </div>
      <p
        id={`${id}-message`}
        className={`subscribe-message${state.kind === "error" ? " is-error" : ""}`}
        role={state.kind === "error" ? "alert" : "status"}
      >
        {state.kind === "done" &&
          `Thank you: ${state.email} is subscribed to our daily newsletter.`}
        {state.kind === "error" && state.message}
      </p>
    </form>
  );
}
