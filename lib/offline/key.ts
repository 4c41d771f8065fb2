/**
 * The signed-in user's key for the offline copies this browser keeps (browser only). It comes
 * from `GET /api/offline-key` and lives as a non-extractable AES-GCM CryptoKey in memory. So that
 * a story reloaded in this tab without a network can still be opened, the raw key is also kept
 * in this tab's sessionStorage (gone when the tab closes) — never in localStorage or IndexedDB,
 * which outlive the session. Signing out forgets it in every tab (docs/security.md).
 */
import { z } from "zod";

export interface OfflineKey {
  userId: string;
  key: CryptoKey;
}

const TAB_KEY = "newsroom:offline-key";
const CHANNEL = "newsroom-offline";
const keyResponse = z.object({
  userId: z.string().min(1).max(100),
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
type KeyResponse = z.infer<typeof keyResponse>;

let current: Promise<OfflineKey | null> | null = null;
const forgetListeners = new Set<(userId: string | null) => void>();

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function imported(body: KeyResponse): Promise<OfflineKey> {
  const key = await crypto.subtle.importKey(
    "raw",
    fromBase64Url(body.key),
    "AES-GCM",
    false,
    ["encrypt", "decrypt"],
  );
  return { userId: body.userId, key };
}

function tabStorage(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

async function load(): Promise<OfflineKey | null> {
  let response: Response;
  try {
    response = await fetch("/api/offline-key", {
      cache: "no-store",
      credentials: "same-origin",
    });
  } catch {
    // No network: the key this tab was given while signed in, if any.
    const saved = keyResponse.safeParse(
      JSON.parse(tabStorage()?.getItem(TAB_KEY) ?? "null"),
    );
    return saved.success ? imported(saved.data) : null;
  }
  if (response.status === 401) {
    forgetHere(null);
    return null;
  }
  if (!response.ok) return null;
  const body = keyResponse.parse(await response.json());
  tabStorage()?.setItem(TAB_KEY, JSON.stringify(body));
  return imported(body);
}

/** The signed-in user's offline key, or null (signed out, or offline in a tab never given one). */
export function offlineKey(): Promise<OfflineKey | null> {
  // A failure is not remembered: the next call asks again.
  current ??= load()
    .catch(() => null)
    .then((key) => {
      if (!key) current = null;
      return key;
    });
  return current;
}

function forgetHere(userId: string | null): void {
  current = null;
  tabStorage()?.removeItem(TAB_KEY);
  for (const listener of forgetListeners) listener(userId);
}

let channel: BroadcastChannel | null = null;
function broadcast(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === "undefined") return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; userId?: unknown } | null;
    if (data?.type === "signed-out")
      forgetHere(typeof data.userId === "string" ? data.userId : null);
  };
  return channel;
}

/** Signing out: this tab and every other tab of the site drop the key (and close their copies). */
export function forgetOfflineKey(userId: string): void {
  forgetHere(userId);
  broadcast()?.postMessage({ type: "signed-out", userId });
}

/** Runs `listener` when the key is forgotten here or in another tab (null: whoever's it was). */
export function onOfflineKeyForgotten(
  listener: (userId: string | null) => void,
): () => void {
  broadcast();
  forgetListeners.add(listener);
  return () => forgetListeners.delete(listener);
}
