import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "../auth/password";
import {
  importMarkdownArticle,
  type ImportedArticle,
} from "../content/markdown-article";
import { sceneFor, sceneJpeg } from "../content/sample-scenes";
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
  /** The address of the first article given (the sample article). */
  sampleSlug?: string;
  /** Every seeded article's address, in the order given. */
  slugs?: string[];
}

/**
 * The demo's articles from the content folder: the sample article first, then the further
 * sample stories of `samples/` (written for this project), in file-name order.
 */
export function readDemoArticles(contentDir: string): string[] {
  const samples = path.join(contentDir, "samples");
  return [
    fs.readFileSync(path.join(contentDir, "sample-article.md"), "utf8"),
    ...fs
      .readdirSync(samples)
      .filter((f) => f.endsWith(".md"))
      .sort()
      .map((f) => fs.readFileSync(path.join(samples, f), "utf8")),
  ];
}

/**
 * On an empty store: creates the demo accounts and publishes `articles` (Markdown, see
 * lib/content/markdown-article.ts) as the editor, each written by the reporter its first byline
 * names (else the first reporter) and dated as its front matter says. A figure gets the drawn
 * scene its file name asks for (lib/content/sample-scenes.ts), else a placeholder photo.
 * Does nothing when any account exists, so a restart never seeds twice.
 */
export async function seedDemo(
  store: Store,
  uploads: UploadStorage,
  articles: readonly string[],
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

  const imported: ImportedArticle[] = [];
  for (const markdown of articles)
    imported.push(
      await importMarkdownArticle(markdown, async (figure, index) => {
        const scene = sceneFor(figure.file);
        const bytes = scene
          ? await sceneJpeg(scene)
          : await placeholderJpeg(index);
        const image = await storeImage(uploads, bytes);
        return { src: image.url, width: image.width, height: image.height };
      }),
    );
  // The seed may run in a process that exits next: every copy is on disk first.
  await imagesSettled();

  // Oldest first, so the story list and the history read in the order the news happened.
  const order = imported
    .map((content, i) => ({ content, i }))
    .sort((a, b) =>
      (a.content.publishedAt ?? "~").localeCompare(
        b.content.publishedAt ?? "~",
      ),
    );
  const slugs: string[] = [];
  for (const { content, i } of order) {
    const byline = content.meta?.bylines?.[0]?.email;
    const named = byline ? await findUserByEmail(store.db, byline) : undefined;
    const created = await createStory(store, {
      author: named?.role === "reporter" ? named : reporter,
      headline: content.headline,
      section: content.meta?.section ?? null,
      initialDocument: encodeInitialStoryDocument(content),
      wordCount: countWords(bodyText(bodySchema().nodeFromJSON(content.body!))),
    });
    const story = (await findStoryById(store.db, created.id))!;
    const revision = await publishStory(
      store,
      story,
      editor,
      undefined,
      undefined,
      { publishedAt: content.publishedAt ?? undefined },
    );
    slugs[i] = revision.slug;
  }
  return { seeded: true, sampleSlug: slugs[0], slugs };
}
