"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { SSO_PROVIDER_ID } from "@/lib/auth/sso-messages";
import { useHydrated } from "@/app/_components/useHydrated";

/** Starts single sign-on: the browser goes to the provider and comes back signed in (or told why not). */
export function SsoButton({
  name,
  callbackUrl,
}: {
  name: string;
  callbackUrl: string;
}) {
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      className="button login-sso"
      type="button"
      disabled={!hydrated || pending}
      onClick={() => {
        setPending(true);
        void signIn(SSO_PROVIDER_ID, { callbackUrl });
      }}
    >
      {pending ? `Going to ${name}…` : `Sign in with ${name}`}
    </button>
  );
}
