import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  clientAddress,
  PEER_HEADER,
  peerToken,
  requestIsHttps,
  resolveClientIp,
} from "./client-address";
import { parseServerEnv } from "./env";
import { parseProxyRanges } from "./ip";
import { recordPeers } from "./peer";

const TOKEN = "test-token";
const peer = (address: string, tls = false) =>
  `${TOKEN} ${tls ? 1 : 0} ${address}`;
const none = parseProxyRanges("");
const parseEnvForTest = (source: Record<string, string>) =>
  parseServerEnv({ NEXTAUTH_SECRET: "s".repeat(32), ...source });
const proxies = parseProxyRanges("10.0.0.0/8, 192.0.2.1, fd00::/8");

describe("TRUSTED_PROXIES", () => {
  it("reads addresses and CIDR networks of both families", () => {
    expect(parseProxyRanges(" 10.0.0.0/8, 192.0.2.1 ,fd00::/8,")).toEqual([
      { address: "10.0.0.0", prefix: 8, family: "ipv4" },
      { address: "192.0.2.1", prefix: 32, family: "ipv4" },
      { address: "fd00::", prefix: 8, family: "ipv6" },
    ]);
  });

  it.each([
    "10.0.0.0/33",
    "fd00::/129",
    "example.org",
    "10.0.0.1:80",
    "1.2.3.4/8/1",
    "10.0.0.0/x",
  ])("refuses %s", (entry) => {
    expect(() => parseProxyRanges(entry)).toThrow(entry);
    expect(() => parseEnvForTest({ TRUSTED_PROXIES: entry })).toThrow(
      /TRUSTED_PROXIES/,
    );
  });

  it("is empty when unset", () => {
    expect(parseEnvForTest({}).TRUSTED_PROXIES).toEqual([]);
  });
});

describe("resolveClientIp", () => {
  it("uses the socket peer and ignores X-Forwarded-For without trusted proxies", () => {
    expect(resolveClientIp("203.0.113.9", "198.51.100.1", none)).toBe(
      "203.0.113.9",
    );
    expect(resolveClientIp("10.0.0.5", "198.51.100.1", none)).toBe("10.0.0.5");
  });

  it("walks X-Forwarded-For from its end while the hop is a trusted proxy", () => {
    // The client wrote 1.1.1.1 itself; the proxies appended what they saw.
    expect(
      resolveClientIp("10.0.0.5", "1.1.1.1, 203.0.113.9, 10.0.0.7", proxies),
    ).toBe("203.0.113.9");
    expect(resolveClientIp("192.0.2.1", "203.0.113.9", proxies)).toBe(
      "203.0.113.9",
    );
    // An untrusted peer's X-Forwarded-For is not read at all.
    expect(resolveClientIp("203.0.113.9", "10.0.0.1", proxies)).toBe(
      "203.0.113.9",
    );
    // Every hop trusted: the first one is as far as we can see.
    expect(resolveClientIp("10.0.0.5", "10.0.0.6", proxies)).toBe("10.0.0.6");
    // Garbage stops the walk at the proxy that passed it on.
    expect(resolveClientIp("10.0.0.5", "1.1.1.1, bogus", proxies)).toBe(
      "10.0.0.5",
    );
    expect(
      resolveClientIp(
        "::ffff:10.0.0.5",
        "[fd00::1]:8080, 2001:db8::9",
        proxies,
      ),
    ).toBe("2001:db8::9");
  });

  it("knows nobody when the peer is unknown", () => {
    expect(resolveClientIp(null, "203.0.113.9", proxies)).toBeNull();
  });
});

describe("clientAddress", () => {
  const of = (headers: Record<string, string>, trusted = none) =>
    clientAddress(new Headers(headers), trusted, TOKEN);

  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:0:2::7", "2001:db8:0:2::/64"],
    ["2001:db8::7", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("the peer %s is %s", (address, expected) => {
    expect(of({ [PEER_HEADER]: peer(address) })).toBe(expected);
  });

  it("believes no forwarded header without a trusted proxy", () => {
    expect(
      of({
        [PEER_HEADER]: peer("203.0.113.9"),
        "x-forwarded-for": "198.51.100.1",
        "x-real-ip": "198.51.100.2",
      }),
    ).toBe("203.0.113.9");
    expect(
      of(
        { [PEER_HEADER]: peer("10.1.2.3"), "x-forwarded-for": "198.51.100.1" },
        proxies,
      ),
    ).toBe("198.51.100.1");
  });

  it("is unknown when the peer header is missing or not this process's", () => {
    expect(of({ "x-forwarded-for": "203.0.113.9" })).toBe("unknown");
    expect(
      of({
        [PEER_HEADER]: "forged 0 203.0.113.9",
        "x-forwarded-for": "1.1.1.1",
      }),
    ).toBe("unknown");
    expect(
      clientAddress(
        new Headers({ [PEER_HEADER]: peer("1.1.1.1") }),
        none,
        undefined,
      ),
    ).toBe("unknown");
  });
});

describe("requestIsHttps", () => {
  const https = (headers: Record<string, string>, trusted = none) =>
    requestIsHttps(new Headers(headers), trusted, TOKEN);

  it("is true on a TLS socket, or when a trusted proxy says https", () => {
    expect(https({ [PEER_HEADER]: peer("203.0.113.9", true) })).toBe(true);
    expect(
      https(
        { [PEER_HEADER]: peer("10.0.0.1"), "x-forwarded-proto": "https" },
        proxies,
      ),
    ).toBe(true);
  });

  it("ignores X-Forwarded-Proto from anyone else", () => {
    expect(
      https({
        [PEER_HEADER]: peer("203.0.113.9"),
        "x-forwarded-proto": "https",
      }),
    ).toBe(false);
    expect(
      https(
        { [PEER_HEADER]: peer("203.0.113.9"), "x-forwarded-proto": "https" },
        proxies,
      ),
    ).toBe(false);
    expect(https({ "x-forwarded-proto": "https" })).toBe(false);
  });
});

describe("the peer recorder on a real HTTP server", () => {
  it("overwrites a client's own peer header with the socket's address", async () => {
    recordPeers();
    const seen: Headers[] = [];
    const server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string") headers.set(k, v);
      seen.push(headers);
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: {
          [PEER_HEADER]: `${peerToken()} 1 198.51.100.7`,
          "x-forwarded-for": "198.51.100.8",
        },
      });
      const headers = seen[0]!;
      expect(clientAddress(headers, none)).toBe("127.0.0.1");
      expect(clientAddress(headers, parseProxyRanges("127.0.0.1"))).toBe(
        "198.51.100.8",
      );
      expect(requestIsHttps(headers, none)).toBe(false);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
