import { isIPv4, isIPv6 } from "node:net";

/** IP addresses as headers, sockets and TRUSTED_PROXIES write them. */

/** A proxy address or network from TRUSTED_PROXIES. */
export interface ProxyRange {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/**
 * Parses TRUSTED_PROXIES, "10.0.0.1, 10.1.0.0/16, fd00::/8": each entry an IPv4 or IPv6
 * address or CIDR network. Throws with the offending entry.
 */
export function parseProxyRanges(raw: string): ProxyRange[] {
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [address = "", prefixText, extra] = entry.split("/");
      const ip = normaliseIp(address);
      if (!ip || extra !== undefined || ip.ip !== address.toLowerCase())
        throw new Error(`"${entry}" is not an IP address or CIDR network`);
      const max = ip.family === "ipv4" ? 32 : 128;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (!/^\d{1,3}$/.test(prefixText ?? `${max}`) || prefix > max)
        throw new Error(`"${entry}" has no valid prefix length (0-${max})`);
      return { address: ip.ip, prefix, family: ip.family };
    });
}

/**
 * An address as written in a header or by a socket: brackets, a port and a zone dropped, an
 * IPv4-mapped IPv6 address read as IPv4. Null when it is no IP address.
 */
export function normaliseIp(
  raw: string | undefined,
): { ip: string; family: "ipv4" | "ipv6" } | null {
  if (!raw) return null;
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.indexOf(":"));
  text = text.replace(/%.*$/, "").toLowerCase();
  if (text.startsWith("::ffff:") && isIPv4(text.slice(7)))
    return { ip: text.slice(7), family: "ipv4" };
  if (isIPv4(text)) return { ip: text, family: "ipv4" };
  if (isIPv6(text)) return { ip: text, family: "ipv6" };
  return null;
}
