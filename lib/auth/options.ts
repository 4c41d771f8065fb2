import { announce } from "../collab/announce";
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getStore } from "../db/store";
import { findUserById, type UserRow } from "../db/users";
import { serverEnv } from "../env";
import { oidcSettings } from "./oidc-settings";
import { appOrigin } from "../http";
import { createLogger } from "../log";
import { clientAddress } from "../client-address";
import { safeRedirectPath } from "../safe-redirect";
import { SIGN_IN_RATE_LIMITED } from "./limits";
import { oidcProvider, ssoIdentityFrom } from "./oidc";
import { signInWithPassword } from "./sign-in";
import { signInWithSso, ssoAccountId } from "./sso";
import { SSO_PROVIDER_ID, SSO_REFUSAL_CODES } from "./sso-messages";
import { recordSignOut } from "./sign-out";

const log = createLogger("auth");

const credentialsSchema = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(1).max(1024),
});

function headersOf(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {}))
    if (typeof value === "string") headers.set(name, value);
  return headers;
}

const credentials = CredentialsProvider({
  name: "Newsroom account",
  credentials: {
    email: { label: "E-mail", type: "email" },
    password: { label: "Password", type: "password" },
  },
  async authorize(raw, request) {
    const parsed = credentialsSchema.safeParse(raw);
    if (!parsed.success) return null;
    const address = clientAddress(headersOf(request?.headers));
    const outcome = await signInWithPassword(
      await getStore(),
      parsed.data.email,
      parsed.data.password,
      address,
    );
    switch (outcome.kind) {
      case "signed-in": {
        const { id, name, email } = outcome.user;
        return { id, name, email };
      }
      case "refused":
        log.info("sign-in refused", { address });
        return null;
      case "rate-limited":
        log.warn("sign-in attempts limited", { address });
        // next-auth passes a thrown error's message to the form as `error`.
        throw new Error(SIGN_IN_RATE_LIMITED);
    }
  },
});

let providers: Provider[] | undefined;

/** The OpenID Connect provider when OIDC_* configure one. */
function ssoProviders(): Provider[] {
  const settings = oidcSettings();
  return settings ? [oidcProvider(settings)] : [];
}

/**
 * Whether a single sign-on may go on: true once the identity is linked to an active account
 * (lib/auth/sso), else the login page's address saying why not.
 */
async function allowSso(claims: unknown): Promise<true | string> {
  const settings = oidcSettings();
  const identity = ssoIdentityFrom(claims);
  if (!settings || !identity) return loginError("OAuthCallback");
  const outcome = await signInWithSso(
    await getStore(),
    identity,
    settings.signup,
  );
  if (outcome.kind === "signed-in") {
    if (outcome.created)
      log.info("account created by single sign-on", {
        userId: outcome.user.id,
      });
    return true;
  }
  log.info("single sign-on refused", { reason: outcome.reason });
  return loginError(SSO_REFUSAL_CODES[outcome.reason]);
}

function loginError(code: string): string {
  return `${appOrigin()}/login?error=${encodeURIComponent(code)}`;
}

/** The account a single sign-on that signIn allowed signs in to; throws if there is none. */
async function ssoAccount(claims: unknown): Promise<UserRow> {
  const identity = ssoIdentityFrom(claims);
  const store = await getStore();
  const id =
    identity && (await ssoAccountId(store, identity.issuer, identity.subject));
  const user = id ? await findUserById(store.db, id) : undefined;
  if (!user) throw new Error("single sign-on: no linked account");
  return user;
}

/**
 * next-auth configuration: e-mail + password with attempts limited per account and address
 * (lib/auth/sign-in), single sign-on with an OpenID Connect provider when configured
 * (lib/auth/oidc, lib/auth/sso), JWT sessions carrying the newsroom user id, redirects only to
 * this site.
 */
export const authOptions: NextAuthOptions = {
  // Explicit, from the one validated environment, rather than next-auth reading process.env on
  // its own. A getter: the environment is read when next-auth needs it, never during a build.
  get secret() {
    return serverEnv().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // next-auth's errors (a refused single sign-on among them) are shown by the login page.
  pages: { signIn: "/login", error: "/login" },
  // A getter, like the secret's: whether single sign-on is on is read from the environment.
  get providers() {
    providers ??= [credentials, ...ssoProviders()];
    return providers;
  },
  events: {
    // Collaboration sockets and tokens of this user end here (next-auth logs a failure).
    async signOut({ token }) {
      await recordSignOut(await getStore(), token);
      if (typeof token?.uid === "string")
        announce({ type: "user", userId: token.uid });
    },
  },
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      return allowSso(profile);
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === SSO_PROVIDER_ID) {
        // signIn linked the identity: the session is the newsroom account's, as with a password.
        const linked = await ssoAccount(profile);
        token.uid = linked.id;
        token.sub = linked.id;
        token.name = linked.name;
        token.email = linked.email;
      } else if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string")
        session.user.id = token.uid;
      return session;
    },
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, baseUrl), baseUrl).href;
    },
  },
  // next-auth's own log lines can carry what a visitor sent: keep codes and messages only.
  logger: {
    error(code, metadata) {
      const error = metadata instanceof Error ? metadata : metadata?.error;
      log.error("next-auth", { code, error: error?.message });
    },
    warn(code) {
      log.warn("next-auth", { code });
    },
    debug() {},
  },
};
