"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { Placeholder } from "@tiptap/extensions";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { bodyExtensions, singleLineExtensions } from "@/lib/editor/extensions";
import { Y_BODY, Y_HEADLINE } from "@/lib/editor/names";
import type { StoryDetails } from "@/lib/stories";
import { StatusBadge } from "../../../_components/StatusBadge";
import { PublishButton } from "./PublishButton";
import { SaveStatus } from "./SaveStatus";
import { useCollabSession, type CollabHandle } from "./useCollabSession";

/** The story workspace: the collaborative headline and body, with connection state and publishing. */
export function StoryEditor({ story }: { story: StoryDetails }) {
  const { handle, connection, save, problem } = useCollabSession(story.id);
  const [liveUrl, setLiveUrl] = useState(story.liveUrl);
  const readOnly = handle?.readOnly ?? !story.permissions.edit;

  return (
    <div className="workspace">
      <div className="workspace-bar">
        <Link href="/newsroom" className="button button-ghost">
          ← Stories
        </Link>
        <StatusBadge status={liveUrl ? "published" : story.status} />
        <SaveStatus connection={connection} save={save} readOnly={readOnly} />
        <div className="workspace-actions">
          {liveUrl && (
            <a
              className="button"
              href={liveUrl}
              target="_blank"
              rel="noreferrer"
            >
              View live
            </a>
          )}
          {story.permissions.publish && (
            <PublishButton
              storyId={story.id}
              save={save}
              onPublished={setLiveUrl}
            />
          )}
        </div>
      </div>
      {problem && (
        <p className="alert alert-error workspace-problem" role="alert">
          {problem}
        </p>
      )}
      {readOnly && handle && (
        <p className="alert alert-info workspace-problem">
          You can read this story; only its authors and editors can change it.
        </p>
      )}
      <article className="paper" aria-label="Story">
        {handle ? (
          <Editors handle={handle} readOnly={readOnly} />
        ) : (
          <div className="paper-loading" aria-hidden="true" />
        )}
        <footer className="paper-byline">
          By {story.authors.map((a) => a.name).join(", ")}
        </footer>
      </article>
    </div>
  );
}

function collaborationExtensions(handle: CollabHandle, field: string) {
  return [
    Collaboration.configure({ document: handle.doc, field }),
    CollaborationCaret.configure({
      provider: handle.provider,
      user: { name: handle.user.name, color: handle.user.color },
    }),
  ];
}

function Editors({
  handle,
  readOnly,
}: {
  handle: CollabHandle;
  readOnly: boolean;
}) {
  const bodyRef = useRef<Editor | null>(null);

  const headline = useEditor({
    immediatelyRender: false,
    editable: !readOnly,
    extensions: [
      ...singleLineExtensions(),
      ...collaborationExtensions(handle, Y_HEADLINE),
      Placeholder.configure({ placeholder: "Headline" }),
    ],
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-label": "Headline",
        "aria-multiline": "false",
        class: "headline-input",
      },
      handleKeyDown: (_view, event) => {
        // A headline is one line: Enter moves on to the story text.
        if (event.key === "Enter") {
          bodyRef.current?.commands.focus("start");
          return true;
        }
        return false;
      },
    },
  });

  const body = useEditor({
    immediatelyRender: false,
    editable: !readOnly,
    extensions: [
      ...bodyExtensions(),
      ...collaborationExtensions(handle, Y_BODY),
      Placeholder.configure({ placeholder: "Write your story…" }),
    ],
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-label": "Story text",
        "aria-multiline": "true",
        class: "body-input",
      },
    },
  });

  useEffect(() => {
    bodyRef.current = body;
  }, [body]);

  useEffect(() => {
    headline?.setEditable(!readOnly);
    body?.setEditable(!readOnly);
  }, [headline, body, readOnly]);

  return (
    <>
      <EditorContent editor={headline} className="headline-field" />
      <EditorContent editor={body} className="body-field" />
    </>
  );
}
