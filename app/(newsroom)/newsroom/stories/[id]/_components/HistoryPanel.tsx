"use client";

import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import type { StoryDetails } from "@/lib/stories/details";
import type { VersionView } from "@/lib/stories/version-history";
import { statusLabels, type StoryStatus } from "@/lib/workflow/states";
import "./HistoryPanel.css";
import { newsroomTime } from "@/lib/newsroom-time";

const kindLabels: Record<string, string> = {
  created: "Created",
  transition: "Moved",
  published: "Published",
  unpublished: "Unpublished",
  scheduled: "Scheduled",
  restored: "Restored a version",
  "slug-changed": "Changed the address",
  "search-social-changed": "Changed search and social",
  "preview-link": "Made a preview link",
  "embargo-set": "Set an embargo",
  "embargo-lifted": "Lifted the embargo",
  "author-added": "Added a co-author",
  "author-removed": "Removed a co-author",
  "approval-lapsed": "Changed the approved text",
};

function label(status: string | null): string {
  return status && status in statusLabels
    ? statusLabels[status as StoryStatus]
    : (status ?? "");
}

/** Versions (saved at each transition and on demand) and the story's full record. */
export function HistoryPanel({
  story,
  canSave,
}: {
  story: StoryDetails;
  canSave: boolean;
}) {
  const [versions, setVersions] = useState<VersionView[] | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  const [reloads, setReloads] = useState(0);
  // Versions follow the record: each transition or restore adds one.
  const records = story.history.length;
  useEffect(() => {
    let cancelled = false;
    fetch(`/api/stories/${story.id}/versions`, { cache: "no-store" })
      .then((response) =>
        response.ok
          ? (response.json() as Promise<{ versions: VersionView[] }>)
          : null,
      )
      .then((body) => {
        if (body && !cancelled) setVersions(body.versions);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [story.id, records, reloads]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const response = await fetch(`/api/stories/${story.id}/versions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { message?: string };
      } | null;
      setError(body?.error?.message ?? "The version could not be saved.");
      return;
    }
    setName("");
    setError(null);
    setReloads((n) => n + 1);
  }

  return (
    <>
      <section className="panel" aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="panel-title">
          Versions
        </h2>
        {canSave && (
          <form
            className="version-form"
            onSubmit={save}
            aria-label="Save a version"
          >
            <input
              className="input"
              aria-label="Version name"
              placeholder="Name this version"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="button" disabled={!name.trim()}>
              Save version
            </button>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
          </form>
        )}
        {versions === null ? (
          <p className="panel-hint">Loading…</p>
        ) : versions.length === 0 ? (
          <p className="panel-hint">
            Versions are saved at every step of the workflow, or when you name
            one.
          </p>
        ) : (
          <ul className="versions" aria-label="Versions">
            {versions.map((v) => (
              <li key={v.id}>
                <Link href={`/newsroom/stories/${story.id}/versions/${v.id}`}>
                  {v.name}
                </Link>
                <span className="version-meta">
                  {newsroomTime(v.createdAt)}
                  {v.createdBy && ` · ${v.createdBy.name}`} · {label(v.status)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="record-heading">
        <h2 id="record-heading" className="panel-title">
          Record
        </h2>
        <ol className="record" aria-label="Story record">
          {[...story.history].reverse().map((e) => (
            <li key={e.id}>
              <p className="record-line">
                <strong>{e.actor?.name ?? "System"}</strong>{" "}
                {kindLabels[e.kind]?.toLowerCase() ?? e.kind}
                {(e.kind === "transition" || e.kind === "approval-lapsed") && (
                  <>
                    {" "}
                    {label(e.from)} → {label(e.to)}
                  </>
                )}
              </p>
              <p className="record-meta">
                <time dateTime={e.at}>{newsroomTime(e.at)}</time>
              </p>
              {e.note && <p className="record-note">{e.note}</p>}
              {e.kind === "approval-lapsed" && e.versionId && (
                <p className="record-note">
                  <Link
                    href={`/newsroom/stories/${story.id}/versions/${e.versionId}`}
                  >
                    What changed since approval
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
