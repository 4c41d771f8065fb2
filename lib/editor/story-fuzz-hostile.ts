import * as Y from "yjs";
import { Y_BODY, Y_COMMENTS, Y_DECK, Y_HEADLINE, Y_META } from "./names";
import { honestEdit, type Random } from "./story-fuzz";
import {
  craftedStructs,
  keys,
  mutate,
  names,
  randomValue,
} from "./story-fuzz-crafted";
import { craftUpdate } from "./update-crafting";
import { MAX_STRUCT_BYTES } from "./update-guard";

/** A hostile update and how it was made (for the failure message of a fuzz run). */
export interface HostileUpdate {
  update: Uint8Array;
  description: string;
}

function randomType(random: Random): unknown {
  const make = random.pick([
    () => new Y.Array(),
    () => new Y.Map(),
    () => new Y.Text("t"),
    () => new Y.XmlElement(random.pick(names)),
    () => new Y.XmlText("t"),
    () => new Y.XmlFragment(),
  ]);
  return make();
}

function valueOrType(random: Random): never {
  return (
    random.chance(0.8) ? randomValue(random) : randomType(random)
  ) as never;
}

type Parent = Y.XmlFragment | Y.XmlElement;

function richParents(doc: Y.Doc): { parents: Parent[]; texts: Y.XmlText[] } {
  const parents: Parent[] = [];
  const texts: Y.XmlText[] = [];
  for (const name of [Y_HEADLINE, Y_DECK, Y_BODY]) {
    const root = doc.getXmlFragment(name);
    parents.push(root);
    for (const node of root.createTreeWalker(() => true)) {
      if (node instanceof Y.XmlElement) parents.push(node);
      else if (node instanceof Y.XmlText) texts.push(node);
    }
  }
  return { parents, texts };
}

/** One change a hostile client makes through the Yjs API; returns its description. */
function hostileChange(doc: Y.Doc, random: Random): string {
  const { parents, texts } = richParents(doc);
  const parent = random.pick(parents);
  const text = texts.length ? random.pick(texts) : null;
  const at = (length: number) => random.int(length + 1);
  const elements = parents.filter(
    (p): p is Y.XmlElement => p instanceof Y.XmlElement,
  );
  switch (random.int(9)) {
    case 0: {
      const element = elements.length ? random.pick(elements) : null;
      const key = random.pick(keys);
      element?.setAttribute(key, valueOrType(random));
      return `attribute ${key} of ${element?.nodeName}`;
    }
    case 1: {
      const name = random.pick(names);
      parent.insert(at(parent.length), [new Y.XmlElement(name)]);
      return `node ${name.slice(0, 20)} in ${parent instanceof Y.XmlElement ? parent.nodeName : "a root"}`;
    }
    case 2:
      parent.insert(at(parent.length), [new Y.XmlText("bare")]);
      return `bare text in ${parent instanceof Y.XmlElement ? parent.nodeName : "a root"}`;
    case 3: {
      const key = random.pick([
        "bold",
        "italic",
        "link",
        "code",
        "bold--abcdefgh",
        "x",
      ]);
      const value = random.pick([
        {},
        { href: "javascript:x" },
        { href: "https://ok.example" },
        null,
        randomValue(random),
      ]);
      if (text && text.length)
        text.format(random.int(text.length), 1 + random.int(3), {
          [key]: value,
        });
      return `format ${key}`;
    }
    case 4:
      text?.insertEmbed(at(text.length), valueOrType(random) ?? {});
      return "embed in text";
    case 5:
      if (random.chance(0.5))
        text?.insert(0, "x".repeat(MAX_STRUCT_BYTES + random.int(9)));
      else elements[0]?.setAttribute("alt", "y".repeat(MAX_STRUCT_BYTES + 1));
      return "huge string";
    case 6: {
      const meta = doc.getMap<unknown>(Y_META);
      const key = random.pick([
        "section",
        "dateline",
        "tags",
        "bylines",
        "x",
        "__proto__",
      ]);
      const list = meta.get(key);
      if (list instanceof Y.Array && random.chance(0.5))
        list.push([valueOrType(random)]);
      else meta.set(key, valueOrType(random));
      return `meta ${key}`;
    }
    case 7: {
      const comments = doc.getMap<unknown>(Y_COMMENTS);
      const thread = new Y.Map<unknown>();
      comments.set(
        random.pick(["t1", "bad key!", "x".repeat(80), "__proto__"]),
        thread,
      );
      const field = random.pick([
        "anchor",
        "head",
        "quote",
        "resolved",
        "createdAt",
        "messages",
        "evil",
      ]);
      thread.set(
        field,
        random.chance(0.5)
          ? Y.Array.from([randomValue(random) as never])
          : valueOrType(random),
      );
      return `comment ${field}`;
    }
    default: {
      // Top-level names, known ones as the wrong kind: only before the clone types them.
      const name = random.pick([
        "evil",
        "prosemirror",
        Y_BODY,
        Y_META,
        Y_COMMENTS,
        Y_HEADLINE,
      ]);
      const kind = random.int(4);
      if (kind === 0) doc.getMap(name).set("x", valueOrType(random));
      else if (kind === 1) doc.getArray(name).insert(0, [valueOrType(random)]);
      else if (kind === 2) doc.getText(name).insert(0, "text");
      else doc.getXmlFragment(name).insert(0, [new Y.XmlText("x")]);
      return `top-level ${name}`;
    }
  }
}

/** Each server's whole state, encoded once per change (hostile clients start from it). */
const states = new WeakMap<Y.Doc, Uint8Array | null>();

function stateOf(server: Y.Doc): Uint8Array {
  if (!states.has(server)) server.on("update", () => states.set(server, null));
  let state = states.get(server);
  if (!state) {
    state = Y.encodeStateAsUpdate(server);
    states.set(server, state);
  }
  return state;
}

/**
 * A random hostile update against a server holding `server`'s state, made by a client of its
 * own (a fresh client id; `server` is not changed): attributes of every type, unknown and
 * misplaced nodes, bare text at every level, bad marks and embeds, huge strings, meta and
 * comments of the wrong shape, unknown or misused top-level names, structs crafted byte by byte
 * onto random (also collected) structs, and mutated bytes of all of these.
 */
export function hostileUpdate(server: Y.Doc, random: Random): HostileUpdate {
  const roll = random.int(10);
  if (roll < 2)
    return {
      update: craftedStructs(server, random),
      description: "crafted structs",
    };
  const doc = new Y.Doc();
  doc.clientID = 1 + random.int(2 ** 31);
  Y.applyUpdate(doc, stateOf(server));
  let description: string;
  let update: Uint8Array;
  try {
    description =
      roll < 4
        ? `mutated ${honestEdit(doc, random, { id: "eve", name: "Eve" })}`
        : hostileChange(doc, random);
    update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server));
  } catch (error) {
    // Yjs cannot make or encode some of these (formatting with an undefined value).
    description = `nothing (${(error as Error).message})`;
    update = craftUpdate([]);
  }
  if (roll < 4 || random.chance(0.15)) {
    update = mutate(update, random);
    description = `mutated bytes of ${description}`;
  }
  return { update, description };
}
