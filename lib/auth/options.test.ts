import { afterEach, describe, expect, it, vi } from "vitest";

describe("authOptions", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("passes NEXTAUTH_SECRET from the validated environment as the secret", async () => {
    const secret = "s".repeat(40);
    vi.stubEnv("NEXTAUTH_SECRET", secret);
    const { authOptions } = await import("./options");
    expect(authOptions.secret).toBe(secret);
  });

  it("refuses a secret the environment schema refuses", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "short");
    const { authOptions } = await import("./options");
    expect(() => authOptions.secret).toThrow(/NEXTAUTH_SECRET/);
  });

  it("offers single sign-on only when OIDC_* configure it", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(40));
    const off = (await import("./options")).authOptions;
    expect(off.providers.map((p) => p.id)).toEqual(["credentials"]);

    vi.resetModules();
    vi.stubEnv("OIDC_ISSUER", "https://id.example.com/realms/news/");
    vi.stubEnv("OIDC_CLIENT_ID", "newsroom");
    vi.stubEnv("OIDC_CLIENT_SECRET", "client-secret");
    vi.stubEnv("OIDC_NAME", "Herald ID");
    const on = (await import("./options")).authOptions;
    expect(on.providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
    expect(on.providers[1]).toMatchObject({
      name: "Herald ID",
      type: "oauth",
      wellKnown:
        "https://id.example.com/realms/news/.well-known/openid-configuration",
      clientId: "newsroom",
      idToken: true,
      checks: ["pkce", "state"],
    });
  });
});
