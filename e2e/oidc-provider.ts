/**
 * The OpenID Connect provider of the e2e run (playwright.config.ts starts it beside the app):
 * oidc-provider on E2E_OIDC_PORT, knowing the people below, sending codes back to the newsrooms
 * on E2E_APP_PORTS (one per worker, comma-separated). Runs until Playwright stops it.
 */
import { startTestOidcProvider } from "../lib/auth/testing-oidc";
import { SSO_PEOPLE, SSO_CLIENT } from "./sso-people";

const port = Number(process.env.E2E_OIDC_PORT);
const appPorts = (process.env.E2E_APP_PORTS ?? "")
  .split(",")
  .filter(Boolean)
  .map(Number);
if (!port || appPorts.length === 0 || appPorts.some((p) => !p))
  throw new Error("E2E_OIDC_PORT and E2E_APP_PORTS are required");

const provider = await startTestOidcProvider({
  port,
  ...SSO_CLIENT,
  redirectUris: appPorts.map(
    (appPort) => `http://localhost:${appPort}/api/auth/callback/oidc`,
  ),
  people: Object.values(SSO_PEOPLE),
});
console.log(`test OpenID Connect provider at ${provider.issuer}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void provider.close().then(() => process.exit(0)));
