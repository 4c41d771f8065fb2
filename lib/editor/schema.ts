import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { bodyExtensions, singleLineExtensions } from "./extensions";

let body: Schema | undefined;
let singleLine: Schema | undefined;

/** The ProseMirror schema of the story body (built once from the shared extension list). */
export function bodySchema(): Schema {
  body ??= getSchema(bodyExtensions());
  return body;
}

/** The ProseMirror schema of the headline and deck. */
export function singleLineSchema(): Schema {
  singleLine ??= getSchema(singleLineExtensions());
  return singleLine;
}
