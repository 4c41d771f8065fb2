import type * as Y from "yjs";
import { Y_BODY, Y_COMMENTS, Y_HEADLINE, Y_META } from "./names";
import type { Random } from "./story-fuzz";
import {
  craftUpdate,
  craftedLength,
  type CraftedContent,
  type CraftedStruct,
} from "./update-crafting";

/** Hostile values of every type lib0 encodes, and structs made byte by byte. */

export const names = [
  "script",
  "img",
  "iframe",
  "paragraph",
  "listItem",
  "doc",
  "text",
  "figure",
  "heading",
  "bulletList",
  "blockquote",
  "figureCredit",
  "x".repeat(90),
];
export const keys = [
  "level",
  "src",
  "credit",
  "alt",
  "width",
  "start",
  "type",
  "href",
  "onclick",
  "style",
  "__proto__",
  "constructor",
  "",
];
export const strings = [
  "",
  "x",
  "2",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  " java\tscript:x",
  "/uploads/0123456789abcdef0123456789abcdef.jpg",
  "https://evil.example/a.png",
  "/uploads/../../etc/passwd",
  "x".repeat(400),
];

/** A value of any type lib0 encodes, nested up to a few levels. */
export function randomValue(random: Random, depth = 0): unknown {
  switch (random.int(depth > 2 ? 7 : 12)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.int(2e9) - 1e9;
    case 3:
      return random.pick([NaN, Infinity, -0, 1.5, 2 ** 53, 2, 3]);
    case 4:
    case 5:
      return random.pick(strings);
    case 6:
      return undefined;
    case 7:
      return new Uint8Array(random.int(40));
    case 8:
      return ["script", {}, "alert(1)"];
    case 9:
      return Array.from({ length: random.int(4) }, () =>
        randomValue(random, depth + 1),
      );
    case 10:
      return Object.fromEntries(
        Array.from({ length: random.int(4) }, () => [
          random.pick([...keys, "name", "email", "author", "text", "id", "at"]),
          randomValue(random, depth + 1),
        ]),
      );
    default:
      return {
        id: "m",
        author: { id: "someone-else", name: "Eve" },
        text: "hi",
        at: "2026-01-01T00:00:00.000Z",
      };
  }
}

/** Structs crafted byte by byte, hung on random structs of `server` (collected ones too). */
export function craftedStructs(server: Y.Doc, random: Random): Uint8Array {
  const ids: { client: number; clock: number }[] = [];
  for (const [client, structs] of server.store.clients) {
    const last = structs[structs.length - 1]!;
    const end = last.id.clock + last.length;
    for (let i = 0; i < 4; i++)
      ids.push({ client, clock: random.int(end + 2) });
  }
  const client = 1 + random.int(2 ** 30);
  const structs: CraftedStruct[] = [];
  let clock = 0;
  for (let i = 0, n = 1 + random.int(3); i < n; i++) {
    const content = randomContent(random);
    const id = () =>
      random.chance(0.2)
        ? { client, clock: random.int(clock + 2) }
        : random.pick(ids.length ? ids : [{ client: 7, clock: 0 }]);
    const struct: CraftedStruct = { content };
    const how = random.int(4);
    if (how === 0) struct.origin = id();
    else if (how === 1) struct.rightOrigin = id();
    else if (how === 2) struct.parent = id();
    else
      struct.parent = random.pick([
        Y_BODY,
        Y_META,
        Y_HEADLINE,
        Y_COMMENTS,
        "evil",
      ]);
    if (how >= 2 && random.chance(0.4))
      struct.parentSub = random.pick([...keys, "section", "tags"]);
    structs.push(struct);
    clock += craftedLength(content);
  }
  return craftUpdate([{ client, clock: 0, structs }]);
}

function randomContent(random: Random): CraftedContent {
  switch (random.int(11)) {
    case 0:
      return { string: random.pick(strings) || "s" };
    case 1:
      return { any: [randomValue(random)] };
    case 2:
      return {
        format: random.pick(["bold", "link", "x"]),
        value: random.pick([{}, null, { href: "javascript:x" }, 1]),
      };
    case 3:
      return { type: random.int(7), name: random.pick(names) };
    case 4:
      return { deleted: 1 + random.int(3) };
    case 5:
      return { json: [randomValue(random) ?? 1] };
    case 6:
      return { embed: { x: 1 } };
    case 7:
      return { binary: new Uint8Array(3) };
    case 8:
      return { doc: "guid" };
    case 9:
      return { gc: 1 + random.int(2) };
    default:
      return { skip: 1 };
  }
}

/** `update` with a few bytes flipped, cut or inserted. */
export function mutate(update: Uint8Array, random: Random): Uint8Array {
  const bytes = Array.from(update);
  for (let i = 0, n = 1 + random.int(3); i < n && bytes.length; i++) {
    const at = random.int(bytes.length);
    const roll = random.int(3);
    if (roll === 0) bytes[at] = random.int(256);
    else if (roll === 1) bytes.splice(at, 1);
    else bytes.splice(at, 0, random.int(256));
  }
  return Uint8Array.from(bytes);
}
