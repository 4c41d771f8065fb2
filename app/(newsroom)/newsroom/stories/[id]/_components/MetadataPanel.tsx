"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { addTag, removeTag, setDateline, setSection } from "@/lib/editor/meta";
import { Y_META } from "@/lib/editor/names";
import { readMeta, type StoryMeta } from "@/lib/editor/story-document";
import type { StoryDetails } from "@/lib/stories/details";
import { AddressField } from "./AddressField";
import { AuthorsField } from "./AuthorsField";
import { BylinesField } from "./BylinesField";
import { PlanningField } from "./PlanningField";
import { EmbargoField } from "./EmbargoField";
import { SearchSocialField } from "./SearchSocialField";
import "./MetadataPanel.css";

function useMeta(doc: Y.Doc): StoryMeta {
  const [meta, setMeta] = useState(() => readMeta(doc));
  useEffect(() => {
    const map = doc.getMap(Y_META);
    const update = () => setMeta(readMeta(doc));
    update();
    map.observeDeep(update);
    return () => map.unobserveDeep(update);
  }, [doc]);
  return meta;
}

interface MetadataPanelProps {
  doc: Y.Doc;
  story: StoryDetails;
  sections: string[];
  readOnly: boolean;
  headline: string;
  onStoryChanged: (next: StoryDetails) => void;
}

/**
 * Section, tags, authors, bylines, dateline, web address, embargo, search and social texts: the
 * document's metadata, edited live by everyone, and the authors, address, embargo and search
 * texts, changed through the API.
 */
export function MetadataPanel({
  doc,
  story,
  sections,
  readOnly,
  headline,
  onStoryChanged,
}: MetadataPanelProps) {
  const meta = useMeta(doc);
  return (
    <section className="panel" aria-labelledby="meta-heading">
      <h2 id="meta-heading" className="panel-title">
        Story details
      </h2>

      <div className="panel-field">
        <label htmlFor="meta-section">Section</label>
        <select
          id="meta-section"
          className="input"
          value={meta.section ?? ""}
          disabled={readOnly}
          onChange={(e) => setSection(doc, e.target.value || null)}
        >
          <option value="">No section</option>
          {[
            ...new Set([...sections, ...(meta.section ? [meta.section] : [])]),
          ].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>

      <TagsField doc={doc} tags={meta.tags} readOnly={readOnly} />
      <AuthorsField story={story} onChanged={onStoryChanged} />
      <PlanningField story={story} onChanged={onStoryChanged} />
      <BylinesField doc={doc} meta={meta} story={story} readOnly={readOnly} />
      <DatelineField doc={doc} dateline={meta.dateline} readOnly={readOnly} />
      <AddressField
        story={story}
        headline={headline}
        onChanged={onStoryChanged}
      />
      <EmbargoField story={story} onChanged={onStoryChanged} />
      <SearchSocialField
        story={story}
        headline={headline}
        onChanged={onStoryChanged}
      />
    </section>
  );
}

function TagsField({
  doc,
  tags,
  readOnly,
}: {
  doc: Y.Doc;
  tags: string[];
  readOnly: boolean;
}) {
  const [draft, setDraft] = useState("");
  const commit = () => {
    for (const part of draft.split(",")) addTag(doc, part);
    setDraft("");
  };
  return (
    <div className="panel-field">
      {readOnly ? (
        <span className="panel-label">Tags</span>
      ) : (
        <label htmlFor="meta-tag">Tags</label>
      )}
      {readOnly && tags.length === 0 && <p className="panel-hint">None.</p>}
      {tags.length > 0 && (
        <ul className="chips" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
              {!readOnly && (
                <button
                  type="button"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => removeTag(doc, tag)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <input
          id="meta-tag"
          className="input"
          value={draft}
          placeholder="Add a tag and press Enter"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault();
              commit();
            }
          }}
          onBlur={() => draft.trim() && commit()}
        />
      )}
    </div>
  );
}

function DatelineField({
  doc,
  dateline,
  readOnly,
}: {
  doc: Y.Doc;
  dateline: string | null;
  readOnly: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  // Show colleagues' changes unless this person is typing in the field.
  const value = draft ?? dateline ?? "";
  const commit = () => {
    if (draft !== null && draft.trim() !== (dateline ?? ""))
      setDateline(doc, draft.trim());
    setDraft(null);
  };
  return (
    <div className="panel-field">
      <label htmlFor="meta-dateline">Dateline</label>
      <input
        id="meta-dateline"
        className="input"
        value={value}
        placeholder="SEOUL"
        disabled={readOnly}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
      />
    </div>
  );
}
