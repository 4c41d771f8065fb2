import type { Store } from "../db/client";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { paragraphUpdate } from "../db/testing";
import type { UserRow } from "../db/users";
import { AppError } from "../errors";
import { createStoryFor } from "./commands";

/** A new story by `author`, its body one paragraph of `text`, stored; returns its id. */
export async function storyWithParagraph(
  store: Store,
  author: UserRow,
  headline: string,
  text: string,
): Promise<string> {
  const { id } = await createStoryFor(store, author, headline);
  const doc = await loadStoryDoc(store, id);
  await appendDocumentUpdates(store, id, [paragraphUpdate(doc, text)]);
  return id;
}

/** "ok", or the status and message of the AppError the promise rejected with. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError
      ? `${error.status} ${error.message}`
      : String(error);
  }
}
