import { BlockList, isIPv6 } from "node:net";
import { envValue } from "./env";
import { normaliseIp, type ProxyRange } from "./ip";

/**
 * The one place that decides which address a request comes from, for every rate limit and the
 * view counter. The socket peer is the client unless it is one of TRUSTED_PROXIES; only then is
 * `X-Forwarded-For` read, from its end, hop by hop, for as long as the hop is a trusted proxy.
 * A client that writes `X-Forwarded-For` itself, with no trusted proxy in front, changes nothing.
 *
 * The peer reaches the app through PEER_HEADER, which lib/peer.ts writes on every request this
 * process receives (overwriting whatever a client sent), signed with a per-process token so a
 * value it did not write is never believed.
 */

/** Header lib/peer.ts sets on every incoming request: `<token> <tls 0|1> <peer address>`. */
export const PEER_HEADER = "x-newsroom-peer";

const globalForPeer = globalThis as unknown as { newsroomPeerToken?: string };

/** The token lib/peer.ts signs PEER_HEADER with; undefined until it is installed. */
export function peerToken(): string | undefined {
  return globalForPeer.newsroomPeerToken;
}

/** Sets the per-process token (lib/peer.ts, and tests). */
export function setPeerToken(token: string | undefined): void {
  globalForPeer.newsroomPeerToken = token;
}

function blockListOf(ranges: readonly ProxyRange[]): BlockList {
  const list = new BlockList();
  for (const r of ranges) list.addSubnet(r.address, r.prefix, r.family);
  return list;
}

let trustedCache: { raw: string | undefined; ranges: ProxyRange[] } | undefined;

/** TRUSTED_PROXIES as configured (read on its own: a limit needs no other variable). */
export function trustedProxies(): ProxyRange[] {
  const raw = process.env.TRUSTED_PROXIES;
  if (!trustedCache || trustedCache.raw !== raw)
    trustedCache = { raw, ranges: envValue("TRUSTED_PROXIES") };
  return trustedCache.ranges;
}

/** What lib/peer.ts knows of the connection a request came on. */
export interface Peer {
  address: string;
  /** Whether the connection itself was TLS. */
  tls: boolean;
}

/** The peer PEER_HEADER names, when this process's lib/peer.ts wrote it. */
export function peerOf(headers: Headers, token = peerToken()): Peer | null {
  const value = headers.get(PEER_HEADER);
  if (!token || !value) return null;
  const [given, tls, address] = value.split(" ");
  if (given !== token || !address) return null;
  return { address, tls: tls === "1" };
}

/**
 * The client's IP address: the peer, or, while the address in hand is a trusted proxy, the
 * `X-Forwarded-For` entry before it (read from the end). An entry that is no IP address stops
 * the walk at the proxy that passed it. Null when the peer is unknown.
 */
export function resolveClientIp(
  peer: string | null,
  forwardedFor: string | null,
  trusted: readonly ProxyRange[],
): string | null {
  let client = normaliseIp(peer ?? undefined);
  if (!client) return null;
  if (trusted.length === 0) return client.ip;
  const list = blockListOf(trusted);
  const hops = (forwardedFor ?? "").split(",");
  while (list.check(client.ip, client.family) && hops.length > 0) {
    const next = normaliseIp(hops.pop());
    if (!next) break;
    client = next;
  }
  return client.ip;
}

/** Whether a request came over https: on a TLS socket, or a trusted proxy says so. */
export function requestIsHttps(
  headers: Headers,
  trusted: readonly ProxyRange[] = trustedProxies(),
  token = peerToken(),
): boolean {
  const peer = peerOf(headers, token);
  if (!peer) return false;
  if (peer.tls) return true;
  const ip = normaliseIp(peer.address);
  if (!ip || !blockListOf(trusted).check(ip.ip, ip.family)) return false;
  // The proxy nearest to us wrote the last value.
  const proto = headers.get("x-forwarded-proto")?.split(",").pop()?.trim();
  return proto?.toLowerCase() === "https";
}

/**
 * The client a request comes from, as one subject for limits and view counts: IPv4 as is, IPv6
 * by its /64 (one subscriber holds a whole /64), "unknown" when the peer is not known (no
 * lib/peer.ts in this process).
 */
export function clientAddress(
  headers: Headers,
  trusted: readonly ProxyRange[] = trustedProxies(),
  token = peerToken(),
): string {
  const ip = resolveClientIp(
    peerOf(headers, token)?.address ?? null,
    headers.get("x-forwarded-for"),
    trusted,
  );
  if (!ip) return "unknown";
  return isIPv6(ip) ? `${ipv6Prefix64(ip)}::/64` : ip;
}

/** The first four groups of an IPv6 address, `::` expanded and leading zeros dropped. */
function ipv6Prefix64(address: string): string {
  const [head = "", tail] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  let groups = headGroups;
  if (tail !== undefined) {
    const tailGroups = tail ? tail.split(":") : [];
    // An embedded IPv4 address (`64:ff9b::192.0.2.1`) stands for two groups.
    const tailLength = tailGroups.reduce(
      (n, g) => n + (g.includes(".") ? 2 : 1),
      0,
    );
    const zeros = Array<string>(
      Math.max(0, 8 - headGroups.length - tailLength),
    ).fill("0");
    groups = [...headGroups, ...zeros, ...tailGroups];
  }
  return groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":");
}
