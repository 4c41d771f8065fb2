import type { SsoRefusal } from "./sso";

/** next-auth's id of the single sign-on provider (its callback is /api/auth/callback/oidc). Browser-safe. */
export const SSO_PROVIDER_ID = "oidc";

/** The `?error=` the login page gets for each refusal of a single sign-on. */
export const SSO_REFUSAL_CODES: Record<SsoRefusal, string> = {
  unverified: "SsoUnverified",
  "not-invited": "SsoNotInvited",
  deactivated: "SsoDeactivated",
  "linked-elsewhere": "SsoLinkedElsewhere",
};

/**
 * What the login page says for next-auth's `?error=` code, naming the provider (null: single
 * sign-on is off); null for no code. Whoever reads a refusal has signed in at the provider with
 * that address, so naming why is fine.
 */
export function loginErrorMessage(
  code: string | undefined,
  provider: string | null,
): string | null {
  switch (code) {
    case undefined:
    case "":
      return null;
    case SSO_REFUSAL_CODES["not-invited"]:
      return `No newsroom account has the e-mail address ${provider ?? "the provider"} gave. Ask an admin to invite you.`;
    case SSO_REFUSAL_CODES.deactivated:
      return "This account has been deactivated. Ask an admin if you need it again.";
    case SSO_REFUSAL_CODES.unverified:
      return `${provider ?? "The provider"} did not confirm your e-mail address (it is not verified there), so no account could be found for it.`;
    case SSO_REFUSAL_CODES["linked-elsewhere"]:
      return `The newsroom account with that e-mail address is linked to another ${provider ?? "single sign-on"} identity. Ask an admin.`;
    default:
      if (provider === null) return "Signing in did not complete. Try again.";
      // next-auth's own codes (OAuthSignin, OAuthCallback, Callback, …): the provider step failed.
      return `Signing in with ${provider} did not complete. Try again, or use your password.`;
  }
}
