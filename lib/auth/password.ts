import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
} from "node:crypto";

/** scrypt's cost parameters: CPU/memory cost N (a power of two), block size r, parallelism p. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * The cost of every new hash: OWASP's scrypt recommendation (N=2^17, r=8, p=1), which takes
 * 128 MiB and, on the 2-core test machine, about 0.6-1 s per hash. Hashes stored with another
 * cost are replaced at their next successful sign-in.
 */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEY_LENGTH = 32;

function isSaneCost({ N, r, p }: ScryptCost): boolean {
  // Bounds a stored hash cannot push past (a corrupt row must not cost gigabytes).
  return (
    Number.isInteger(N) &&
    N >= 2 &&
    N <= 2 ** 20 &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16
  );
}

function scrypt(
  password: string,
  salt: Buffer,
  { N, r, p }: ScryptCost,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(
      password.normalize("NFKC"),
      salt,
      KEY_LENGTH,
      // scrypt needs about 128·r·(N+p) bytes; Node refuses more than 32 MiB unless told.
      { N, r, p, maxmem: 128 * r * (N + p) + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [, n, r, p, salt, hash] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!isSaneCost(cost)) return null;
  return {
    cost,
    salt: Buffer.from(salt, "base64"),
    hash: Buffer.from(hash, "base64"),
  };
}

function format(cost: ScryptCost, salt: Buffer, hash: Buffer): string {
  return [
    "scrypt",
    cost.N,
    cost.r,
    cost.p,
    salt.toString("base64"),
    hash.toString("base64"),
  ].join("$");
}

/** Hashes a password with scrypt at `cost` (default PASSWORD_COST): `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(
  password: string,
  cost: ScryptCost = PASSWORD_COST,
): Promise<string> {
  const salt = randomBytes(16);
  return format(cost, salt, await scrypt(password, salt, cost));
}

/** Checks a password against a stored hash in constant time; false for malformed hashes. */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.cost);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** Whether `stored` was hashed at another cost than PASSWORD_COST (or cannot be read). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return (
    !parsed ||
    parsed.cost.N !== PASSWORD_COST.N ||
    parsed.cost.r !== PASSWORD_COST.r ||
    parsed.cost.p !== PASSWORD_COST.p
  );
}

/**
 * A well-formed hash at PASSWORD_COST that no password matches in practice (its key is zeros):
 * checking an unknown account's password against it costs what checking a real one does.
 */
export const UNMATCHABLE_HASH = format(
  PASSWORD_COST,
  Buffer.alloc(16),
  Buffer.alloc(KEY_LENGTH),
);
