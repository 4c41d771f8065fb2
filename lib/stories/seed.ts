import { hashPassword } from "../auth/password";
import { importMarkdownArticle } from "../content/markdown-article";
import type { Store } from "../db/client";
import { createStory, findStoryById } from "../db/story-rows";
import { inTransaction } from "../db/transaction";
import { countUsers, findUserByEmail, insertUser } from "../db/users";
import { bodyText } from "../editor/render";
import { bodySchema } from "../editor/schema";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { countWords } from "../editor/word-count";
import { imagesSettled, placeholderJpeg, storeImage } from "../uploads/images";
import type { UploadStorage } from "../uploads/storage";
import type { Role } from "../workflow/actors";
import { publishStory } from "./publishing";

export const DEMO_PASSWORD = "newsroom-demo";

export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  name: string;
  role: Role;
}> = [
  { email: "reporter@example.com", name: "Mina Park", role: "reporter" },
  { email: "reporter2@example.com", name: "Daniel Cho", role: "reporter" },
  { email: "editor@example.com", name: "Grace Lee", role: "editor" },
  { email: "admin@example.com", name: "Alex Morgan", role: "admin" },
];

export interface SeedResult {
  seeded: boolean;
  sampleSlug?: string;
}

/**
 * On an empty store: creates the demo accounts and imports the sample article (figures get
 * placeholder photos) as a story by the first reporter, published by the editor.
 * Does nothing when any account exists, so a restart never seeds twice.
 */
export async function seedDemo(
  store: Store,
  uploads: UploadStorage,
  sampleMarkdown: string,
): Promise<SeedResult> {
  if ((await countUsers(store.db)) > 0) return { seeded: false };

  // One hash (and salt) per account, even though the demo password is shared.
  const hashes = await Promise.all(
    DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)),
  );
  await inTransaction(store, async (db) => {
    for (const [i, account] of DEMO_ACCOUNTS.entries())
      await insertUser(db, { ...account, passwordHash: hashes[i]! });
  });
  const reporter = (await findUserByEmail(store.db, "reporter@example.com"))!;
  const editor = (await findUserByEmail(store.db, "editor@example.com"))!;

  const content = await importMarkdownArticle(
    sampleMarkdown,
    async (_figure, index) => {
      const image = await storeImage(uploads, await placeholderJpeg(index));
      return { src: image.url, width: image.width, height: image.height };
    },
  );
  // The seed may run in a process that exits next: every copy is on disk first.
  await imagesSettled();
  const created = await createStory(store, {
    author: reporter,
    headline: content.headline,
    section: content.meta?.section ?? null,
    initialDocument: encodeInitialStoryDocument(content),
    wordCount: countWords(bodyText(bodySchema().nodeFromJSON(content.body!))),
  });
  const story = (await findStoryById(store.db, created.id))!;
  const revision = await publishStory(store, story, editor);
  return { seeded: true, sampleSlug: revision.slug };
}
