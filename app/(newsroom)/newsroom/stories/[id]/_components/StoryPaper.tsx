"use client";

import { EditorContent, type Editor } from "@tiptap/react";
import {
  DECK_RECOMMENDED_MAX,
  HEADLINE_RECOMMENDED_MAX,
} from "@/lib/editor/fields";
import { CharacterCount } from "./Counters";
import "./StoryPaper.css";

/** The story as it is written: headline and deck with their lengths, then the body. */
export function StoryPaper({
  headline,
  deck,
  body,
}: {
  headline: Editor | null;
  deck: Editor | null;
  body: Editor | null;
}) {
  return (
    <article className="paper" aria-label="Story">
      <EditorContent editor={headline} className="headline-field" />
      {headline && (
        <CharacterCount
          editor={headline}
          max={HEADLINE_RECOMMENDED_MAX}
          label="Headline length"
        />
      )}
      <EditorContent editor={deck} className="deck-field" />
      {deck && (
        <CharacterCount
          editor={deck}
          max={DECK_RECOMMENDED_MAX}
          label="Deck length"
        />
      )}
      <EditorContent editor={body} className="body-field" />
    </article>
  );
}
