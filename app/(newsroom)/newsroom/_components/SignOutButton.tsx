"use client";

import { signOut } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { offlineKey } from "@/lib/offline/key";
import { signOutOfflineCopies, unsavedCopies } from "@/lib/offline/sign-out";
import { useHydrated } from "@/app/_components/useHydrated";
import "./SignOutButton.css";

interface Unsaved {
  userId: string;
  stories: { id: string; headline: string }[];
}

async function headlineOf(id: string): Promise<string> {
  const response = await fetch(`/api/stories/${id}`, { cache: "no-store" });
  const story = response.ok
    ? ((await response.json()) as { headline?: unknown })
    : null;
  return typeof story?.headline === "string" && story.headline
    ? story.headline
    : "Untitled story";
}

/**
 * Signs out: this user's offline copies that the server holds entirely are deleted and the key
 * that opens them is forgotten (lib/offline/sign-out.ts); the story pages kept for offline use
 * go too. Copies with edits the server has not stored yet stay, encrypted: the user is told so
 * first, and may stay signed in to send them.
 */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const [unsaved, setUnsaved] = useState<Unsaved | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const hydrated = useHydrated();

  useEffect(() => {
    if (unsaved) dialog.current?.showModal();
  }, [unsaved]);

  async function finish(userId: string | null) {
    setBusy(true);
    if (userId) await signOutOfflineCopies(userId).catch(() => []);
    if ("caches" in window)
      await caches.delete("newsroom-pages-v1").catch(() => false);
    await signOut({ callbackUrl: "/login" });
  }

  async function start() {
    setBusy(true);
    const key = await offlineKey();
    const ids = key ? await unsavedCopies(key.userId).catch(() => []) : [];
    if (key && ids.length > 0) {
      const stories = await Promise.all(
        ids.map(async (id) => ({
          id,
          headline: await headlineOf(id).catch(() => "Untitled story"),
        })),
      );
      setUnsaved({ userId: key.userId, stories });
      setBusy(false);
      return;
    }
    await finish(key?.userId ?? null);
  }

  return (
    <>
      <button
        type="button"
        className="button button-ghost"
        onClick={() => void start()}
        disabled={!hydrated || busy}
      >
        Sign out
      </button>
      {unsaved && (
        <dialog
          ref={dialog}
          className="signout-dialog"
          aria-labelledby="signout-title"
          onClose={() => setUnsaved(null)}
        >
          <h2 id="signout-title">Changes not yet on the server</h2>
          <p>
            {unsaved.stories.length === 1
              ? "This story has changes"
              : "These stories have changes"}{" "}
            that are only on this device:
          </p>
          <ul>
            {unsaved.stories.map((story) => (
              <li key={story.id}>
                <a href={`/newsroom/stories/${story.id}`}>{story.headline}</a>
              </li>
            ))}
          </ul>
          <p>
            If you sign out, they stay here, encrypted so that only you can read
            them, and are sent the next time you sign in on this device and open
            the story. To send them now, stay signed in and open the story while
            online.
          </p>
          <div className="signout-actions">
            <button
              type="button"
              className="button"
              onClick={() => dialog.current?.close()}
            >
              Stay signed in
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => void finish(unsaved.userId)}
            >
              Sign out and keep them here
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
