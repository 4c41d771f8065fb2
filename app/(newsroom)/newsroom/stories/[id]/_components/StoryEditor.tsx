"use client";

import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type RefObject,
} from "react";
import { REFRESH_SUGGESTION_TITLES } from "@/lib/editor/suggestions/extension";
import type { StoryDetails } from "@/lib/stories/details";
import { AuthorshipView } from "./AuthorshipView";
import { insertImage } from "./imageInsertion";
import { SidePanels, useSidePanels } from "./SidePanels";
import { StoryPaper } from "./StoryPaper";
import { Toolbar } from "./Toolbar";
import { useCollabSession, type CollabHandle } from "./useCollabSession";
import { useOfflineSupport } from "./useOfflineSupport";
import { useStoryDetails } from "./useStoryDetails";
import { useStaff } from "./useStaff";
import { useStoryEditors } from "./useStoryEditors";
import {
  ErrorToasts,
  ReadOnlyNotice,
  WorkspaceAlerts,
} from "./WorkspaceAlerts";
import { WorkspaceBar } from "./WorkspaceBar";
import "./StoryEditor.css";

function withoutRights(story: StoryDetails): StoryDetails {
  return {
    ...story,
    permissions: {
      edit: false,
      publish: false,
      manageAuthors: false,
      changeSlug: false,
      spike: false,
      plan: false,
      editSearchSocial: false,
      decideAllSuggestions: false,
      suggestByDefault: false,
      suggestOnly: false,
      transitions: [],
    },
  };
}

/**
 * Where a sticky element ends, in px from the top of the window, as its height changes (the
 * notice under the bar wraps at phone widths): the toolbar sticks below it.
 */
function useStickyBottom(): [RefObject<HTMLDivElement | null>, number | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [bottom, setBottom] = useState<number | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () =>
      setBottom(
        parseFloat(getComputedStyle(element).top) + element.offsetHeight,
      );
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, bottom];
}

/** The story workspace: headline, deck and body edited together live, with details, comments and history beside them. */
export function StoryEditor({
  story: initial,
  sections,
}: {
  story: StoryDetails;
  sections: string[];
}) {
  const { story: details, replace, refresh } = useStoryDetails(initial);
  const {
    handle,
    connection,
    save,
    kept,
    problem,
    reconnect,
    serverReadOnly,
    serverSuggestOnly,
    loaded,
  } = useCollabSession(details.id);
  useOfflineSupport();
  // Refused for good (a deactivated account, a refused change): nothing done here could be
  // saved or sent, so the story shows with nothing to change until a reload.
  const refused = connection === "refused";
  const story = useMemo(
    () => (refused ? withoutRights(details) : details),
    [refused, details],
  );
  // The server decides what the socket may do; the story's details say why.
  const suggestOnly = story.permissions.suggestOnly || serverSuggestOnly;
  const readOnly =
    !(story.permissions.edit || story.permissions.suggestOnly) ||
    serverReadOnly;

  // The server announced an access change (the story was submitted, returned…): show it now.
  useEffect(() => {
    void refresh();
  }, [serverReadOnly, serverSuggestOnly, refresh]);

  // Allowed to edit again, but the socket was opened read-only (its token says so): reconnect
  // with a fresh token.
  const editable = story.permissions.edit;
  useEffect(() => {
    if (editable && serverReadOnly && handle) reconnect();
  }, [editable, serverReadOnly, handle, reconnect]);

  const [headRef, headBottom] = useStickyBottom();
  return (
    <main
      className="workspace"
      style={
        headBottom === null
          ? undefined
          : ({ "--workspace-head-bottom": `${headBottom}px` } as CSSProperties)
      }
    >
      {/* Sticky under the site's bar: the moves, the save state and why the story is read-only
          stay in view however far the story is scrolled. */}
      <div className="workspace-head" ref={headRef}>
        <WorkspaceBar
          story={story}
          handle={handle}
          connection={connection}
          save={save}
          kept={kept}
          readOnly={readOnly}
          onChanged={replace}
          latest={refresh}
        />
        {(readOnly || suggestOnly) && !refused && (
          <ReadOnlyNotice story={story} suggestOnly={!readOnly} />
        )}
      </div>
      <WorkspaceAlerts story={story} problem={problem} />
      {handle && loaded ? (
        <Workspace
          handle={handle}
          readOnly={readOnly}
          suggestOnly={suggestOnly}
          story={story}
          sections={sections}
          onStoryChanged={replace}
        />
      ) : (
        <div className="workspace-grid">
          {/* In the paper's column: alone in the grid, the paper shrank to its padding. */}
          <div className="workspace-main">
            <div className="paper">
              <div className="paper-loading" aria-hidden="true" />
            </div>
          </div>
        </div>
      )}
    </main>
  );
}

/**
 * The paper with its toolbar, and the side panels, once the collaboration session is open.
 * Memoised: the save state above it changes with every keystroke, and rendering the editors
 * again each time cost several milliseconds a key.
 */
const Workspace = memo(function Workspace({
  handle,
  readOnly,
  suggestOnly,
  story,
  sections,
  onStoryChanged,
}: {
  handle: CollabHandle;
  readOnly: boolean;
  /** May change the text only by suggesting (an author in review). */
  suggestOnly: boolean;
  story: StoryDetails;
  sections: string[];
  onStoryChanged: (next: StoryDetails) => void;
}) {
  const side = useSidePanels();
  const [linkOpen, setLinkOpen] = useState(false);
  const openLink = useCallback(() => setLinkOpen(true), []);
  const [errors, setErrors] = useState<string[]>([]);
  const reportError = useCallback(
    (message: string) => setErrors((list) => [...list.slice(-2), message]),
    [],
  );
  // The desk reviewing a story suggests by default; the default follows the story's moves.
  const suggestByDefault = story.permissions.suggestByDefault || suggestOnly;
  const [chosenMode, setChosenMode] = useState<
    "editing" | "suggesting" | "viewing"
  >(suggestByDefault ? "suggesting" : "editing");
  const [modeDefault, setModeDefault] = useState(suggestByDefault);
  if (modeDefault !== suggestByDefault) {
    setModeDefault(suggestByDefault);
    setChosenMode(suggestByDefault ? "suggesting" : "editing");
  }
  const mode = readOnly
    ? "read-only"
    : suggestOnly && chosenMode === "editing"
      ? "suggesting"
      : chosenMode;
  const staff = useStaff();
  const staffRef = useRef(staff);
  const nameOf = useCallback((id: string) => staffRef.current.name(id), []);
  const { headline, deck, body, headlineText } = useStoryEditors(handle, mode, {
    suggestOnly,
    onActivateThread: side.activateThread,
    onCommentShortcut: side.commentOnSelection,
    onLinkShortcut: openLink,
    reportError,
    nameOf,
  });
  // Names arrive after the editors are made: their suggestions' tooltips are rebuilt then.
  useEffect(() => {
    staffRef.current = staff;
    for (const editor of [headline, deck, body])
      editor?.view.dispatch(
        editor.state.tr.setMeta(REFRESH_SUGGESTION_TITLES, true),
      );
  }, [staff, headline, deck, body]);

  return (
    <div className="workspace-grid">
      {/* The page's title for assistive technology; the headline field shows it on screen. */}
      <h1 className="visually-hidden">{headlineText || "Untitled story"}</h1>
      <div className="workspace-main">
        {body && !readOnly && (
          <Toolbar
            editor={body}
            linkOpen={linkOpen}
            setLinkOpen={setLinkOpen}
            onComment={() => void side.commentOnSelection(body)}
            mode={mode === "read-only" ? "viewing" : mode}
            onModeChange={setChosenMode}
            suggestOnly={suggestOnly}
            onInsertImages={(files) =>
              files.forEach((f) => void insertImage(body, f, reportError))
            }
          />
        )}
        <ErrorToasts
          errors={errors}
          onDismiss={(i) => setErrors((list) => list.filter((_, j) => j !== i))}
        />
        <AuthorshipView
          storyId={story.id}
          editor={body}
          doc={handle.doc}
          me={handle.user}
          nameOf={nameOf}
        />
        <StoryPaper headline={headline} deck={deck} body={body} />
      </div>
      <SidePanels
        state={side}
        doc={handle.doc}
        body={body}
        suggestionFields={[
          ["Headline", headline],
          ["Deck", deck],
          ["Story text", body],
        ]}
        canChangeText={mode === "editing" || mode === "suggesting"}
        staff={staff}
        story={story}
        sections={sections}
        readOnly={readOnly}
        suggestOnly={suggestOnly}
        headline={headlineText}
        author={{ id: handle.user.id, name: handle.user.name }}
        onStoryChanged={onStoryChanged}
      />
    </div>
  );
});
