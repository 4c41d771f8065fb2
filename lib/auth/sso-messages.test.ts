import { describe, expect, it } from "vitest";
import { ssoIdentityFrom } from "./oidc";
import { loginErrorMessage, SSO_REFUSAL_CODES } from "./sso-messages";

describe("the login page's messages", () => {
  it("says nothing without an error", () => {
    expect(loginErrorMessage(undefined, "Herald ID")).toBeNull();
    expect(loginErrorMessage("", "Herald ID")).toBeNull();
  });

  it("names each refusal of single sign-on, and the provider", () => {
    const messages = Object.values(SSO_REFUSAL_CODES).map((code) =>
      loginErrorMessage(code, "Herald ID"),
    );
    expect(new Set(messages).size).toBe(4);
    expect(loginErrorMessage("SsoNotInvited", "Herald ID")).toBe(
      "No newsroom account has the e-mail address Herald ID gave. Ask an admin to invite you.",
    );
    expect(loginErrorMessage("SsoDeactivated", "Herald ID")).toMatch(
      /deactivated/,
    );
  });

  it("turns next-auth's own codes into one plain sentence", () => {
    expect(loginErrorMessage("OAuthCallback", "Herald ID")).toBe(
      "Signing in with Herald ID did not complete. Try again, or use your password.",
    );
    expect(loginErrorMessage("Configuration", null)).toBe(
      "Signing in did not complete. Try again.",
    );
  });
});

describe("the provider's claims", () => {
  const claims = {
    iss: "https://id.example.com",
    sub: "248289761001",
    email: "Jane@Example.com",
    email_verified: true,
    name: "Jane Doe",
  };

  it("give the identity the account is found by", () => {
    expect(ssoIdentityFrom(claims)).toEqual({
      issuer: "https://id.example.com",
      subject: "248289761001",
      email: "Jane@Example.com",
      emailVerified: true,
      name: "Jane Doe",
    });
  });

  it("count an e-mail as verified only for a JSON true", () => {
    for (const email_verified of ["true", 1, undefined, false])
      expect(
        ssoIdentityFrom({ ...claims, email_verified })?.emailVerified,
      ).toBe(false);
  });

  it("are unusable without an issuer and a subject", () => {
    expect(ssoIdentityFrom({ ...claims, sub: "" })).toBeNull();
    expect(ssoIdentityFrom({ ...claims, iss: undefined })).toBeNull();
    expect(ssoIdentityFrom("not claims")).toBeNull();
  });
});
