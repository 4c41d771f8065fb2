import { Extension } from "@tiptap/core";
import {
  Fragment,
  Slice,
  type Mark,
  type Node as PMNode,
} from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import {
  AddMarkStep,
  AttrStep,
  ReplaceAroundStep,
  ReplaceStep,
} from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { hasTypedAttributes, typedAttributesOf } from "./attribute-types";

/**
 * Keeps this editor from writing an attribute of the wrong type, which the collaboration server
 * would refuse (see attribute-types.ts): pasted and dropped content is typed first (a pasted
 * link's title "2024" is parsed as a number, an <ol start="x"> as NaN: they get their fallback),
 * and a local change that would still set one (a figure credit past its length) is not made.
 */
export function schemaGuardPlugin(): Plugin {
  return new Plugin({
    key: new PluginKey("schemaGuard"),
    props: {
      transformPasted: (slice) =>
        new Slice(typedFragment(slice.content), slice.openStart, slice.openEnd),
    },
    // Changes from other people arrive through the binding, already checked by the server.
    filterTransaction: (tr) =>
      tr.getMeta(ySyncPluginKey) !== undefined || writesTypedAttributes(tr),
  });
}

/** The editor extension of schemaGuardPlugin, in the shared extension lists. */
export const SchemaGuard = Extension.create({
  name: "schemaGuard",
  addProseMirrorPlugins: () => [schemaGuardPlugin()],
});

function typedMarks(marks: readonly Mark[]): Mark[] {
  return marks.flatMap((mark) => {
    const attrs = typedAttributesOf(mark);
    return attrs ? [mark.type.create(attrs)] : [];
  });
}

/** `fragment` with every attribute typed; a node that cannot be (a foreign image) is dropped. */
function typedFragment(fragment: Fragment): Fragment {
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    if (node.isText) {
      nodes.push(node.type.schema.text(node.text!, typedMarks(node.marks)));
      return;
    }
    const attrs = typedAttributesOf(node);
    if (attrs)
      nodes.push(
        node.type.create(
          attrs,
          typedFragment(node.content),
          typedMarks(node.marks),
        ),
      );
  });
  return Fragment.fromArray(nodes);
}

function fragmentIsTyped(fragment: Fragment): boolean {
  let typed = true;
  fragment.descendants((node) => {
    if (!typed) return false;
    typed =
      hasTypedAttributes(node) &&
      node.marks.every((m) => hasTypedAttributes(m));
    return typed;
  });
  return typed;
}

function writesTypedAttributes(tr: Transaction): boolean {
  return tr.steps.every((step, i) => {
    if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep)
      return fragmentIsTyped(step.slice.content);
    if (step instanceof AddMarkStep) return hasTypedAttributes(step.mark);
    if (step instanceof AttrStep) {
      const node = tr.docs[i]!.nodeAt(step.pos);
      return (
        !node ||
        hasTypedAttributes(
          node.type.create({
            ...node.attrs,
            [step.attr]: step.value as unknown,
          }),
        )
      );
    }
    return true;
  });
}
