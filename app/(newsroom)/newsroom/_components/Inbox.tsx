"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useDismiss } from "@/app/_components/useDismiss";
import { useHydrated } from "@/app/_components/useHydrated";
import type { Inbox as InboxData } from "@/lib/notifications/inbox";
import { useFeed } from "./FeedProvider";
import { TimeAgo } from "./TimeAgo";
import "./Inbox.css";

/**
 * The top bar's inbox: an unread count kept live by the feed, and a panel of the newest
 * notifications, each leading to its story. Opening one marks it read. A page opened at
 * `#inbox` (the e-mail digest's link) opens the panel.
 */
export function Inbox() {
  const { listen } = useFeed();
  const [inbox, setInbox] = useState<InboxData | null>(null);
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const closePanel = useCallback(() => setOpen(false), []);

  // Bumped to re-read the inbox after marking some read.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    const read = () =>
      fetch("/api/notifications", { cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<InboxData>) : null))
        .then((data) => {
          if (live && data) setInbox(data);
        })
        .catch(() => undefined);
    void read();
    const stop = listen((event) => {
      if (event !== "story") void read();
    });
    return () => {
      live = false;
      stop();
    };
  }, [listen, version]);

  useEffect(() => {
    const openOnHash = () => {
      if (window.location.hash === "#inbox") setOpen(true);
    };
    openOnHash();
    window.addEventListener("hashchange", openOnHash);
    return () => window.removeEventListener("hashchange", openOnHash);
  }, []);

  useDismiss(open, root, closePanel);

  const markRead = async (ids: string[]) => {
    if (ids.length === 0) return;
    const response = await fetch("/api/notifications/read", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ids }),
    });
    if (response.ok) setVersion((v) => v + 1);
  };

  const unread = inbox?.unread ?? 0;
  const unreadIds = (inbox?.items ?? [])
    .filter((n) => !n.readAt)
    .map((n) => n.id);
  return (
    <div className="inbox" ref={root}>
      <button
        type="button"
        className="inbox-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Inbox, ${unread} unread` : "Inbox"}
        disabled={!hydrated}
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm0 18a2.5 2.5 0 0 0 2.4-2h-4.8A2.5 2.5 0 0 0 12 21Z"
            fill="currentColor"
          />
        </svg>
        {unread > 0 && (
          <span className="inbox-count" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <section
          id={panelId}
          className="inbox-panel"
          aria-label="Notifications"
        >
          <div className="inbox-head">
            <h2>Notifications</h2>
            <button
              type="button"
              className="button button-ghost"
              disabled={unreadIds.length === 0}
              onClick={() => void markRead(unreadIds)}
            >
              Mark all read
            </button>
          </div>
          {inbox && inbox.items.length > 0 ? (
            <ul>
              {inbox.items.map((n) => (
                <li key={n.id} className={n.readAt ? "" : "inbox-unread"}>
                  {n.storyId ? (
                    <Link
                      href={`/newsroom/stories/${n.storyId}`}
                      onClick={() => {
                        setOpen(false);
                        if (!n.readAt) void markRead([n.id]);
                      }}
                    >
                      {n.text}
                    </Link>
                  ) : (
                    <span>{n.text}</span>
                  )}
                  <TimeAgo iso={n.createdAt} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="inbox-empty">Nothing yet.</p>
          )}
        </section>
      )}
    </div>
  );
}
