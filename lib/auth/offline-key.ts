import { hkdfSync } from "node:crypto";

/** Bytes of the AES-GCM key that encrypts a user's offline copies in the browser (AES-256). */
export const OFFLINE_KEY_BYTES = 32;

/**
 * The key that encrypts one user's offline story copies in the browser. Derived (HKDF-SHA256)
 * from the app secret and the user's id, so it is stable across devices and restarts, differs
 * per user, and is useless without the server: the browser gets it only from
 * `GET /api/offline-key`, while signed in. Changing NEXTAUTH_SECRET makes old copies unreadable
 * (they are then dropped).
 */
export function offlineCopyKey(secret: string, userId: string): Uint8Array {
  return new Uint8Array(
    hkdfSync(
      "sha256",
      secret,
      "newsroom offline copies",
      `offline-copy-key:v1:${userId}`,
      OFFLINE_KEY_BYTES,
    ),
  );
}
