import { describe, expect, it } from "vitest";
import { CollabTokenError, signCollabToken, verifyCollabToken } from "./token";

const secret = "a-secret-long-enough-for-the-app-000000";
const grant = {
  userId: "u1",
  name: "Mina",
  color: "#000000",
  storyId: "s1",
  readOnly: false,
  generation: 3,
};

async function problem(token: string | null, key = secret): Promise<string> {
  try {
    await verifyCollabToken(token, key);
    return "valid";
  } catch (error) {
    return error instanceof CollabTokenError ? error.problem : "unexpected";
  }
}

describe("collaboration tokens", () => {
  it("round-trips a grant, with when the token expires", async () => {
    const now = Date.now();
    const token = await signCollabToken(grant, secret, 600, now);
    const verified = await verifyCollabToken(token, secret);
    expect(verified).toEqual({
      ...grant,
      expiresAt: Math.floor(now / 1000) * 1000 + 600_000,
    });
  });

  it("refuses missing, forged, tampered and expired tokens", async () => {
    const token = await signCollabToken(grant, secret);
    expect(await problem(null)).toBe("missing");
    expect(await problem(token, "another-secret-long-enough-for-the-app")).toBe(
      "invalid",
    );
    const [h, p, s] = token.split(".");
    const tampered = Buffer.from(p!, "base64url")
      .toString()
      .replace('"ro":false', '"ro":true');
    expect(
      await problem(`${h}.${Buffer.from(tampered).toString("base64url")}.${s}`),
    ).toBe("invalid");
    expect(
      await problem(
        await signCollabToken(grant, secret, 60, Date.now() - 3_600_000),
      ),
    ).toBe("expired");
    expect(await problem("not.a.token")).toBe("invalid");
  });
});
