"use client";

import { signOut } from "next-auth/react";

/** Signs out and drops the story pages kept for offline use (edits stay in IndexedDB until sent). */
async function signOutEverywhere() {
  if ("caches" in window)
    await caches.delete("newsroom-pages-v1").catch(() => false);
  await signOut({ callbackUrl: "/login" });
}

export function SignOutButton() {
  return (
    <button
      type="button"
      className="button button-ghost"
      onClick={() => void signOutEverywhere()}
    >
      Sign out
    </button>
  );
}
