import {
  suggestChanges,
  suggestChangesKey,
  isSuggestChangesEnabled,
  transformToSuggestionTransaction,
} from "@handlewithcare/prosemirror-suggest-changes";
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import {
  Plugin,
  PluginKey,
  type EditorState,
  type Transaction,
} from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { newsroomTime } from "../../newsroom-time";
import { attributeSuggestions } from "./attribution";
import { newSuggestionId, parseSuggestionId } from "./id";
import { INSERTION, DELETION } from "./marks";
import { withoutPendingSuggestions } from "./view";

const titlesKey = new PluginKey<DecorationSet>("suggestionTitles");

/** A tooltip on each suggested run: who suggested adding or removing it, and when. */
function titles(
  doc: PMNode,
  nameOf: (userId: string) => string,
): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const mark = node.marks.find(
      (m) => m.type.name === INSERTION || m.type.name === DELETION,
    );
    const author = mark && parseSuggestionId(mark.attrs.id);
    if (author) {
      const what = mark.type.name === INSERTION ? "adding" : "removing";
      decorations.push(
        Decoration.inline(pos, pos + node.nodeSize, {
          title: `${nameOf(author.userId)} suggested ${what} this, ${newsroomTime(author.at)}`,
        }),
      );
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/** Meta of the transaction that turns suggest-only on or off. */
const SUGGEST_ONLY_CHANGED = "suggestOnlyChanged";

/** Whether `editor` keeps every local change to suggestions (an author in review). */
export function isSuggestOnly(editor: { storage: object }): boolean {
  const storage = editor.storage as {
    suggestChanges?: { suggestOnly?: boolean };
  };
  return storage.suggestChanges?.suggestOnly === true;
}

/** Rebuilds the tooltips (after names were loaded). */
export const REFRESH_SUGGESTION_TITLES = "refreshSuggestionTitles";

/** Whether a local transaction is to become a suggestion (the library's own rule, for Tiptap). */
function suggests(tr: Transaction, state: EditorState): boolean {
  if (!isSuggestChangesEnabled(state) || !tr.docChanged) return false;
  // A colleague's change or a Yjs undo arrives through the binding: never rewritten here, so
  // undo in suggesting mode takes back one's own suggestions as they were made.
  const sync = tr.getMeta(ySyncPluginKey) as
    { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
  if (sync?.isChangeOrigin || sync?.isUndoRedoOperation) return false;
  const own = tr.getMeta(suggestChangesKey) as object | undefined;
  return !(own && "skip" in own);
}

/** Each document as readers would get it, kept: a keystroke's "before" was the last one's "after". */
const readersViews = new WeakMap<PMNode, PMNode>();

function readersView(doc: PMNode): PMNode {
  let view = readersViews.get(doc);
  if (!view) readersViews.set(doc, (view = withoutPendingSuggestions(doc)));
  return view;
}

/** Whether a local transaction changes the text as readers would get it (suggestions rejected). */
function changesForReaders(tr: Transaction, state: EditorState): boolean {
  if (!tr.docChanged) return false;
  const sync = tr.getMeta(ySyncPluginKey) as
    { isChangeOrigin?: boolean } | undefined;
  if (sync?.isChangeOrigin) return false;
  return !readersView(tr.doc).eq(readersView(state.doc));
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggestChanges: {
      /** Turns suggesting on or off in this editor. */
      setSuggesting: (on: boolean) => ReturnType;
      /**
       * Keeps, or stops keeping, every local change to suggestions (an author while the desk
       * reviews): a change readers would see is dropped here, as the server would refuse it.
       */
      setSuggestOnly: (on: boolean) => ReturnType;
    };
  }
}

/**
 * Suggesting mode for one editor (`@handlewithcare/prosemirror-suggest-changes` through
 * Tiptap's dispatch chain): when on, every local change becomes a suggestion in `userId`'s name,
 * which the collaboration server checks against the socket's account.
 */
export const SuggestChanges = Extension.create<
  {
    userId: string;
    /** A person's name from their user id (names are never read from the document). */
    nameOf: (userId: string) => string;
  },
  { suggestOnly: boolean }
>({
  name: "suggestChanges",
  addOptions: () => ({ userId: "", nameOf: () => "Someone" }),
  addStorage: () => ({ suggestOnly: false }),
  addProseMirrorPlugins() {
    const nameOf = (id: string) => this.options.nameOf(id);
    return [
      suggestChanges(),
      new Plugin<DecorationSet>({
        key: titlesKey,
        state: {
          init: (_, state) => titles(state.doc, nameOf),
          apply: (tr, set, _old, state) =>
            tr.docChanged || tr.getMeta(REFRESH_SUGGESTION_TITLES)
              ? titles(state.doc, nameOf)
              : set,
        },
        props: { decorations: (state) => titlesKey.getState(state) },
      }),
    ];
  },
  addCommands() {
    return {
      setSuggesting:
        (on) =>
        ({ tr, dispatch }) => {
          dispatch?.(tr.setMeta(suggestChangesKey, { enabled: on }));
          return true;
        },
      setSuggestOnly:
        (on) =>
        ({ tr, dispatch }) => {
          this.storage.suggestOnly = on;
          // A transaction, so that what reads the setting (the photo tools) renders again.
          dispatch?.(tr.setMeta(SUGGEST_ONLY_CHANGED, on));
          return true;
        },
    };
  },
  dispatchTransaction({ transaction, next }) {
    const state = this.editor.state;
    const guarded = this.storage.suggestOnly;
    if (!suggests(transaction, state)) {
      if (!(guarded && changesForReaders(transaction, state)))
        next(transaction);
      return;
    }
    // One suggestion per change: every step of it takes the same id.
    const ownId = newSuggestionId(this.options.userId);
    const suggested = transformToSuggestionTransaction(
      transaction,
      state,
      () => ownId,
    );
    attributeSuggestions(suggested, state.doc, ownId);
    // A change the library does not make a suggestion of (a heading, a photo, bold).
    if (guarded && changesForReaders(suggested, state)) return;
    next(suggested);
  },
});
