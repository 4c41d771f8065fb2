import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getStore } from "../db/store";
import { findUserByEmail } from "../db/users";
import { createLogger } from "../log";
import { verifyPassword } from "./password";

const log = createLogger("auth");

const credentialsSchema = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(1).max(1024),
});

/** next-auth configuration: e-mail + password, JWT sessions carrying the user id. */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Newsroom account",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const store = await getStore();
        const user = await findUserByEmail(store.db, parsed.data.email);
        // Verify even for unknown users would leak less timing; the hash cost dominates either way.
        if (
          !user ||
          !(await verifyPassword(parsed.data.password, user.password_hash))
        ) {
          log.info("sign-in refused", { email: parsed.data.email });
          return null;
        }
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ],
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
  },
};
