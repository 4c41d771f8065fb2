import { describe, expect, it } from "vitest";
import {
  baseSecurityHeaders,
  collabConnectSources,
  contentSecurityPolicy,
  newNonce,
  nonceOf,
} from "./security-headers";

const directives = (policy: string) =>
  new Map(
    policy.split("; ").map((d) => {
      const [name = "", ...values] = d.split(" ");
      return [name, values] as const;
    }),
  );

describe("the Content-Security-Policy", () => {
  const nonce = newNonce();
  const policy = contentSecurityPolicy({
    nonce,
    connectSources: collabConnectSources("news.example:3000", 1234),
  });
  const d = directives(policy);

  it("runs only scripts with this response's nonce, and what they load", () => {
    expect(d.get("script-src")).toEqual([
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
    ]);
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(nonceOf(policy)).toBe(nonce);
  });

  it("lets no page be framed", () => {
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("connects only to this origin and the collaboration server", () => {
    expect(d.get("connect-src")).toEqual([
      "'self'",
      "ws://news.example:1234",
      "wss://news.example:1234",
    ]);
    expect(
      collabConnectSources("news.example", 1234, "wss://collab.example/ws"),
    ).toEqual(["wss://collab.example"]);
    expect(collabConnectSources("[::1]:3000", 1234)).toEqual([
      "ws://[::1]:1234",
      "wss://[::1]:1234",
    ]);
    for (const host of ["evil.example/x", "a b", "x@evil.example", null, ""])
      expect(collabConnectSources(host, 1234)).toEqual([]);
  });

  it("allows eval only in development and upgrades requests over https", () => {
    const dev = contentSecurityPolicy({
      nonce,
      connectSources: [],
      development: true,
      https: true,
    });
    expect(directives(dev).get("script-src")).toContain("'unsafe-eval'");
    expect(dev).toContain("upgrade-insecure-requests");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("makes a new nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});

describe("the other headers", () => {
  it("send nosniff, a referrer policy and no framing everywhere", () => {
    const site = baseSecurityHeaders({ path: "/news/x", https: false });
    expect(site).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
    for (const path of ["/newsroom", "/newsroom/stories/1", "/login"])
      expect(baseSecurityHeaders({ path, https: false })).toMatchObject({
        "referrer-policy": "same-origin",
      });
    for (const path of ["/signup/abc", "/reset-password/abc", "/preview/a.b.c"])
      expect(baseSecurityHeaders({ path, https: false })).toMatchObject({
        "referrer-policy": "no-referrer",
      });
  });

  it("keep a previewed draft out of search engines and shared caches, and nothing else", () => {
    expect(
      baseSecurityHeaders({ path: "/preview/a.b.c", https: false }),
    ).toMatchObject({
      "x-robots-tag": "noindex, nofollow",
      "cache-control": "private, no-store",
    });
    for (const path of ["/news/preview", "/", "/previews"])
      expect(baseSecurityHeaders({ path, https: false })).not.toHaveProperty(
        "x-robots-tag",
      );
  });

  it("send HSTS only over https", () => {
    expect(baseSecurityHeaders({ path: "/", https: false })).not.toHaveProperty(
      "strict-transport-security",
    );
    expect(baseSecurityHeaders({ path: "/", https: true })).toMatchObject({
      "strict-transport-security": "max-age=31536000",
    });
  });
});
