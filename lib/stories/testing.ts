import type { Store } from "../db/client";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { paragraphUpdate } from "../db/testing";
import type { UserRow } from "../db/users";
import { AppError } from "../errors";
import { createStoryFor, transitionStory } from "./commands";

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

/** Takes a story the whole way to the live site: submitted by `reporter`, approved and published by `editor`. */
export async function publishThroughDesk(
  store: Store,
  reporter: UserRow,
  editor: UserRow,
  storyId: string,
): Promise<void> {
  await transitionStory(store, reporter, storyId, { to: "submitted" });
  await transitionStory(store, editor, storyId, { to: "approved" });
  await transitionStory(store, editor, storyId, { to: "published" });
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
