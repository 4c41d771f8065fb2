import { decodeJwt } from "jose";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import type { OidcSettings } from "./oidc-settings";
import type { SsoIdentity } from "./sso";
import { SSO_PROVIDER_ID } from "./sso-messages";

/** The claims single sign-on reads: the ID token's, completed by the userinfo endpoint's. */
const claimsSchema = z.looseObject({
  iss: z.string().min(1),
  sub: z.string().min(1).max(255),
  email: z.string().email().max(320).optional(),
  // Only a JSON true counts (some providers send the string "true"; it is not taken as one).
  email_verified: z.unknown().optional(),
  name: z.string().max(200).optional(),
});

export type OidcClaims = z.infer<typeof claimsSchema>;

/** The identity the provider's claims vouch for, or null when they are not usable. */
export function ssoIdentityFrom(claims: unknown): SsoIdentity | null {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const { iss, sub, email, email_verified, name } = parsed.data;
  return {
    issuer: iss,
    subject: sub,
    email,
    emailVerified: email_verified === true,
    name,
  };
}

/**
 * next-auth's provider for the configured OpenID Connect issuer: discovery, the code flow with
 * PKCE and state, and the ID token checked by openid-client (signature, issuer, audience).
 */
export function oidcProvider(settings: OidcSettings): OAuthConfig<OidcClaims> {
  return {
    id: SSO_PROVIDER_ID,
    name: settings.name,
    type: "oauth",
    wellKnown: `${settings.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    userinfo: {
      // A conforming provider may keep e-mail claims out of a code flow's ID token: they come
      // from the userinfo endpoint then, about the same `sub`.
      async request({ tokens, client }) {
        if (!tokens.id_token) throw new Error("the provider sent no ID token");
        // Already checked by openid-client in the callback (signature, issuer, audience).
        const claims = decodeJwt(tokens.id_token);
        if (
          (claims.email !== undefined && claims.email_verified !== undefined) ||
          !tokens.access_token
        )
          return claims;
        const info = await client.userinfo(tokens.access_token);
        if (info.sub !== claims.sub)
          throw new Error("the userinfo endpoint answered about someone else");
        return {
          ...claims,
          email: info.email ?? claims.email,
          email_verified: info.email_verified ?? claims.email_verified,
          name: info.name ?? claims.name,
        };
      },
    },
    profile(claims) {
      const identity = ssoIdentityFrom(claims);
      if (!identity) throw new Error("the provider's claims are not usable");
      return {
        id: identity.subject,
        name: identity.name ?? null,
        email: identity.email ?? null,
      };
    },
  };
}
