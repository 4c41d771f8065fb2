import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listStories } from "../db/story-rows";
import { storeVariants } from "../db/testing";
import { countUsers } from "../db/users";
import { findArticle } from "../site/articles";
import { localUploadStorage } from "../uploads/storage";
import { seedDemo } from "./seed";

for (const variant of storeVariants()) {
  describe(`demo seed (${variant.name})`, () => {
    it("seeds the demo newsroom once", async () => {
      const fresh = await variant.create();
      const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-"));
      try {
        const sample = fs.readFileSync(
          path.join(import.meta.dirname, "../../content/sample-article.md"),
          "utf8",
        );
        const first = await seedDemo(
          fresh.store,
          localUploadStorage(uploadDir),
          sample,
        );
        expect(first.seeded).toBe(true);
        expect(await countUsers(fresh.store.db)).toBe(4);
        const hashes = await fresh.store.db
          .selectFrom("users")
          .select("password_hash")
          .execute();
        expect(new Set(hashes.map((h) => h.password_hash)).size).toBe(4);
        const article = await findArticle(fresh.store.db, first.sampleSlug!);
        expect(article?.headline).toBe(
          "North Korea sends troops to support Russia in Ukraine war: NIS",
        );
        expect(article?.bodyHtml.match(/<figure/g)).toHaveLength(2);
        expect(article?.image?.src).toMatch(/^\/uploads\/[0-9a-f]{32}\.jpg$/);
        expect(
          fs.existsSync(
            path.join(uploadDir, path.basename(article!.image!.src)),
          ),
        ).toBe(true);
        expect(
          (await seedDemo(fresh.store, localUploadStorage(uploadDir), sample))
            .seeded,
        ).toBe(false);
        expect(await countUsers(fresh.store.db)).toBe(4);
        expect(await listStories(fresh.store.db)).toHaveLength(1);
      } finally {
        await fresh.cleanup();
        fs.rmSync(uploadDir, { recursive: true, force: true });
      }
    });
  });
}
