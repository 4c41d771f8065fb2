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
import { attributeSuggestions } from "./attribution";
import { newSuggestionId, parseSuggestionId } from "./id";
import { INSERTION, DELETION } from "./marks";

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
          title: `${nameOf(author.userId)} suggested ${what} this, ${author.at.toLocaleString()}`,
        }),
      );
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
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

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggestChanges: {
      /** Turns suggesting on or off in this editor. */
      setSuggesting: (on: boolean) => ReturnType;
    };
  }
}

/**
 * Suggesting mode for one editor (`@handlewithcare/prosemirror-suggest-changes` through
 * Tiptap's dispatch chain): when on, every local change becomes a suggestion in `userId`'s name,
 * which the collaboration server checks against the socket's account.
 */
export const SuggestChanges = Extension.create<{
  userId: string;
  /** A person's name from their user id (names are never read from the document). */
  nameOf: (userId: string) => string;
}>({
  name: "suggestChanges",
  addOptions: () => ({ userId: "", nameOf: () => "Someone" }),
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
  addCommands: () => ({
    setSuggesting:
      (on) =>
      ({ tr, dispatch }) => {
        dispatch?.(tr.setMeta(suggestChangesKey, { enabled: on }));
        return true;
      },
  }),
  dispatchTransaction({ transaction, next }) {
    const state = this.editor.state;
    if (!suggests(transaction, state)) {
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
    next(suggested);
  },
});
