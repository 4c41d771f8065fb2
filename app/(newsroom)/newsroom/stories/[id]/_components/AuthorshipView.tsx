"use client";

import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { colorForUser, freePresenceColor } from "@/lib/collab/identity";
import { countWordsByWriter, type WriterClaims } from "@/lib/editor/authorship";
import type { StoryAuthorship } from "@/lib/stories/authorship";
import type * as Y from "yjs";
import { authorshipKey, authorshipPlugin } from "./authorshipDecorations";
import "./AuthorshipView.css";

/** New writers are looked up at most this often while the view is on. */
const REFETCH_MS = 3000;
/**
 * An unclaimed client id stops being looked up after this many answers without it: earlier text
 * (the seed's, a restored version's) is never claimed, while a claim the server writes a moment
 * after someone's first keystroke arrives in the next answer.
 */
const LOOKUPS_PER_ID = 2;

interface LegendEntry {
  userId: string | null;
  name: string;
  words: number;
  color: string | null;
}

/**
 * The "who wrote what" toggle: while pressed, the body's text is tinted by who wrote it and a
 * legend gives each person's words (for "additional reporting by"). Writers come from the
 * server's record (GET /api/stories/:id/authorship); the counts follow the text live.
 */
export function AuthorshipView({
  storyId,
  editor,
  doc,
  me,
  nameOf,
}: {
  storyId: string;
  editor: Editor | null;
  doc: Y.Doc;
  me: { id: string; name: string };
  nameOf: (userId: string) => string;
}) {
  const [on, setOn] = useState(false);
  const [legend, setLegend] = useState<LegendEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  const known = useRef<{
    claims: Map<number, string>;
    names: Map<string, string>;
  }>({ claims: new Map(), names: new Map() });
  const colors = useRef(new Map<string, string>());
  const redraw = useRef<(() => void) | null>(null);
  const fetchedAt = useRef(0);
  /** Client id → answers that came back without its writer. */
  const misses = useRef(new Map<number, number>());
  const nextLoad = useRef<number | null>(null);

  const claims = useCallback((): WriterClaims => {
    // Our own typing is ours before the server's record of it comes back.
    const mine = new Map(known.current.claims);
    if (!mine.has(doc.clientID)) mine.set(doc.clientID, me.id);
    return mine;
  }, [doc, me.id]);

  const colorOf = useCallback((userId: string) => {
    let color = colors.current.get(userId);
    if (!color) {
      // The person's own colour unless someone in the legend already shows it.
      color = freePresenceColor(
        colorForUser(userId),
        new Set(colors.current.values()),
      );
      colors.current.set(userId, color);
    }
    return color;
  }, []);

  const load = useCallback(async () => {
    fetchedAt.current = Date.now();
    const asked = [...doc.store.clients.keys()];
    try {
      const response = await fetch(`/api/stories/${storyId}/authorship`, {
        cache: "no-store",
      });
      if (!response.ok) throw new Error(String(response.status));
      const data = (await response.json()) as StoryAuthorship;
      known.current = {
        claims: new Map(data.clients.map((c) => [c.clientId, c.userId])),
        names: new Map(data.people.map((p) => [p.userId, p.name])),
      };
      for (const id of asked)
        if (!known.current.claims.has(id))
          misses.current.set(id, (misses.current.get(id) ?? 0) + 1);
      setFailed(false);
      redraw.current?.();
    } catch {
      setFailed(true);
    }
  }, [storyId, doc]);

  const writerName = useCallback(
    (userId: string) =>
      userId === me.id
        ? me.name
        : (known.current.names.get(userId) ?? nameOf(userId)),
    [me.id, me.name, nameOf],
  );

  const recount = useCallback(() => {
    const writers = claims();
    const counted = countWordsByWriter(doc, writers);
    const entries: LegendEntry[] = [...counted.words]
      .map(([userId, words]) => ({
        userId,
        words,
        name: writerName(userId),
        color: colorOf(userId),
      }))
      .sort((a, b) => b.words - a.words);
    if (counted.unattributed > 0)
      entries.push({
        userId: null,
        name: "Earlier text",
        words: counted.unattributed,
        color: null,
      });
    setLegend(entries);
    // Someone new is typing: learn who, now and then.
    const unknown = [...doc.store.clients.keys()].some(
      (c) => !writers.has(c) && (misses.current.get(c) ?? 0) < LOOKUPS_PER_ID,
    );
    if (unknown && nextLoad.current === null)
      nextLoad.current = window.setTimeout(
        () => {
          nextLoad.current = null;
          void load();
        },
        Math.max(0, fetchedAt.current + REFETCH_MS - Date.now()),
      );
  }, [claims, colorOf, doc, load, writerName]);

  useEffect(() => {
    if (!on || !editor || editor.isDestroyed) return;
    editor.registerPlugin(
      authorshipPlugin({
        doc,
        claims,
        colorOf,
        nameOf: writerName,
        onRedraw: recount,
        bindRedraw: (fn) => {
          redraw.current = fn;
        },
      }),
    );
    return () => {
      if (!editor.isDestroyed) editor.unregisterPlugin(authorshipKey);
      if (nextLoad.current !== null) window.clearTimeout(nextLoad.current);
      nextLoad.current = null;
      setLegend(null);
    };
  }, [on, editor, doc, claims, colorOf, writerName, recount]);

  return (
    <div className="authorship">
      <button
        type="button"
        className="authorship-toggle"
        aria-pressed={on}
        onClick={() => {
          if (!on) void load();
          setOn(!on);
        }}
        disabled={!editor}
      >
        Who wrote what
      </button>
      {on && legend && (
        <ul className="authorship-legend" aria-label="Words by person">
          {legend.map((entry) => (
            <li key={entry.userId ?? "earlier"}>
              <span
                className={`authorship-swatch${entry.color ? "" : " is-earlier"}`}
                style={entry.color ? { background: entry.color } : undefined}
                aria-hidden="true"
              />
              <span className="authorship-name">{entry.name}</span>{" "}
              <span className="authorship-words">
                {entry.words} {entry.words === 1 ? "word" : "words"}
              </span>
            </li>
          ))}
          {legend.length === 0 && <li>No words yet</li>}
        </ul>
      )}
      {on && failed && (
        <p className="authorship-problem" role="status">
          Could not load who wrote what; only your own words are shown.
        </p>
      )}
    </div>
  );
}
