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
});
