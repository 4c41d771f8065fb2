import type { TestOidcPerson } from "../lib/auth/testing-oidc";

/** The app's client at the e2e run's OpenID Connect provider. */
export const SSO_CLIENT = {
  clientId: "newsroom-e2e",
  clientSecret: "newsroom-e2e-client-secret",
};

/** What the sign-in button calls the e2e run's provider. */
export const SSO_NAME = "Herald ID";

/** The people the e2e run's provider knows: one with a newsroom account, one without. */
export const SSO_PEOPLE = {
  reporter: {
    login: "mina.park",
    email: "reporter@example.com",
    emailVerified: true,
    name: "Mina at Herald ID",
  },
  stranger: {
    login: "sam.stranger",
    email: "sam@elsewhere.example",
    emailVerified: true,
    name: "Sam Stranger",
  },
} satisfies Record<string, TestOidcPerson>;
