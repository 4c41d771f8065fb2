import { serverEnv, type ServerEnv } from "../env";

/** Single sign-on as the environment configures it. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  signup: "invited" | "open";
}

/** The single sign-on provider, or null when none is configured. */
export function oidcSettings(
  env: Pick<
    ServerEnv,
    | "OIDC_ISSUER"
    | "OIDC_CLIENT_ID"
    | "OIDC_CLIENT_SECRET"
    | "OIDC_NAME"
    | "OIDC_SIGNUP"
  > = serverEnv(),
): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return {
    issuer: OIDC_ISSUER,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME,
    signup: env.OIDC_SIGNUP,
  };
}
