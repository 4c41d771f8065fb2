"use client";

import { useEffect, useState } from "react";
import type { SaveState } from "@/lib/collab/save-tracker";
import type {
  LiveChanges as Changes,
  LivePart,
} from "@/lib/stories/live-changes";
import "./LiveChanges.css";

const partNames: Record<LivePart, string> = {
  headline: "headline",
  deck: "deck",
  text: "text",
  details: "bylines, section, tags or dateline",
};

/**
 * On a published story: whether its text differs from the live page ("Changes not yet live",
 * with what changed since it went live) or not. Read again whenever the story is stored (by
 * anyone: its details' time changes) and when this person's edits are saved.
 */
export function LiveChanges({
  storyId,
  updatedAt,
  status,
  save,
}: {
  storyId: string;
  updatedAt: string;
  status: string;
  save: SaveState;
}) {
  const [changes, setChanges] = useState<Changes | null>(null);
  const [open, setOpen] = useState(false);
  const saved = save === "saved";

  useEffect(() => {
    if (!saved) return;
    let cancelled = false;
    fetch(`/api/stories/${storyId}/live-changes`, { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<Changes>) : null))
      .then((body) => {
        if (body && !cancelled) setChanges(body);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [storyId, updatedAt, status, saved]);

  if (!changes?.live) return null;
  if (changes.differs.length === 0)
    return (
      <span className="live-state live-state-ok">Live page up to date</span>
    );

  const parts = listFormat.format(changes.differs.map((p) => partNames[p]));
  return (
    <>
      <button
        type="button"
        className="live-state live-state-behind"
        aria-haspopup="dialog"
        title={`The live page does not have the latest ${parts}`}
        onClick={() => setOpen(true)}
      >
        Changes not yet live
      </button>
      {open && (
        <div
          className="dialog-backdrop"
          role="presentation"
          onMouseDown={(e) => e.target === e.currentTarget && setOpen(false)}
        >
          <div
            className="dialog live-changes-dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="live-changes-title"
            aria-describedby="live-changes-lede"
            onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
          >
            <h2 id="live-changes-title">Changes not yet live</h2>
            <p id="live-changes-lede" className="dialog-lede">
              Readers still see the version published last: the {parts} changed
              since. Republish to put the changes live.
            </p>
            {changes.changes && (
              <section
                className="live-changes-diff"
                aria-label="What changed since it went live"
              >
                <p className="live-changes-key">
                  <ins>added</ins> <del>removed</del>
                </p>
                {/* Built on the server by lib/editor/diff: every piece of text escaped. */}
                {(["headline", "deck", "body"] as const).map((field) =>
                  changes.changes![field] ? (
                    <div
                      key={field}
                      className={`live-changes-${field}`}
                      dangerouslySetInnerHTML={{
                        __html: changes.changes![field],
                      }}
                    />
                  ) : null,
                )}
              </section>
            )}
            <div className="dialog-actions">
              <button
                type="button"
                className="button"
                autoFocus
                onClick={() => setOpen(false)}
              >
                Close
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

const listFormat = new Intl.ListFormat("en-GB", { type: "conjunction" });
