import { announce } from "../collab/announce";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getStore } from "../db/store";
import { serverEnv } from "../env";
import { createLogger } from "../log";
import { clientAddress } from "../client-address";
import { safeRedirectPath } from "../safe-redirect";
import { SIGN_IN_RATE_LIMITED } from "./limits";
import { signInWithPassword } from "./sign-in";
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

/**
 * next-auth configuration: e-mail + password with attempts limited per account and address
 * (lib/auth/sign-in), JWT sessions carrying the user id, redirects only to this site.
 */
export const authOptions: NextAuthOptions = {
  // Explicit, from the one validated environment, rather than next-auth reading process.env on
  // its own. A getter: the environment is read when next-auth needs it, never during a build.
  get secret() {
    return serverEnv().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
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
    }),
  ],
  events: {
    // Collaboration sockets and tokens of this user end here (next-auth logs a failure).
    async signOut({ token }) {
      await recordSignOut(await getStore(), token);
      if (typeof token?.uid === "string")
        announce({ type: "user", userId: token.uid });
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
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
