import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

/** A person the test provider knows: signing in as `login` (any password) makes `sub` that login. */
export interface TestOidcPerson {
  login: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TestOidcOptions {
  /** 0 (default): any free port. */
  port?: number;
  clientId: string;
  clientSecret: string;
  /** Where the provider may send the code: the app's /api/auth/callback/oidc. */
  redirectUris: string[];
  people: readonly TestOidcPerson[];
}

export interface TestOidcProvider {
  /** The issuer, http://localhost:PORT. */
  issuer: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) for tests, on http://localhost: one confidential
 * client, the people given, and the package's development login and consent pages.
 */
export async function startTestOidcProvider(
  options: TestOidcOptions,
): Promise<TestOidcProvider> {
  let handle: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = http.createServer((req, res) => handle(req, res));
  // Listening first: the issuer names the port, and the port may be any free one.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    alg: "RS256",
    use: "sig",
    kid: "test",
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { email: ["email", "email_verified"], profile: ["name"] },
    findAccount(_ctx, id) {
      const person = options.people.find((p) => p.login === id);
      if (!person) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: person.email,
          email_verified: person.emailVerified,
          name: person.name,
        }),
      };
    },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    jwks: { keys: [signingKey] },
    features: { devInteractions: { enabled: true } },
    // Stated, so the provider does not warn that its defaults were used.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
  });
  handle = provider.callback();

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
