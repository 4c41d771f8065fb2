import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Store } from "@/lib/db/client";
import { storeVariants, type TestStore } from "@/lib/db/testing";
import { insertUser, type UserRow } from "@/lib/db/users";
import { flatPng } from "@/lib/uploads/testing";

// The one thing not real here: who is signed in (next-auth needs a request context).
const session = vi.hoisted(() => ({ user: null as UserRow | null }));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new Error("no user in this test");
    return session.user;
  },
}));

const ORIGIN = "http://newsroom.test";

function upload(
  file: Buffer,
  headers: Record<string, string> = { origin: ORIGIN },
): Request {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file)]), "photo.png");
  return new Request(`${ORIGIN}/api/uploads`, {
    method: "POST",
    body: form,
    headers,
  });
}

for (const variant of storeVariants()) {
  describe(`POST /api/uploads (${variant.name})`, () => {
    let ts: TestStore;
    let dataDir: string;
    let POST: (request: Request) => Promise<Response>;
    let countUpload: (store: Store, userId: string) => Promise<void>;
    let appStore: Store;
    let mina: UserRow;
    let daniel: UserRow;

    beforeAll(async () => {
      ts = await variant.create();
      dataDir =
        variant.name === "sqlite"
          ? ts.env.DATA_DIR!
          : fs.mkdtempSync(path.join(os.tmpdir(), "uploads-route-"));
      Object.assign(process.env, ts.env, {
        DATA_DIR: dataDir,
        NEXTAUTH_SECRET: "s".repeat(32),
        NEXTAUTH_URL: ORIGIN,
      });
      // A fresh module graph reads this variant's environment and opens its store.
      vi.resetModules();
      delete (globalThis as { newsroomStore?: unknown }).newsroomStore;
      ({ POST } = await import("./route"));
      ({ countUpload } = await import("@/lib/uploads/limits"));
      appStore = await (await import("@/lib/db/store")).getStore();
      const account = (name: string) =>
        insertUser(ts.store.db, {
          email: `${name}@example.com`,
          name,
          role: "reporter",
          passwordHash: "unused",
        });
      mina = await account("mina");
      daniel = await account("daniel");
    });
    afterAll(async () => {
      await appStore.destroy();
      delete (globalThis as { newsroomStore?: unknown }).newsroomStore;
      await ts.cleanup();
      if (variant.name !== "sqlite")
        fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("stores a photo", async () => {
      session.user = mina;
      const png = await sharp({
        create: { width: 640, height: 480, channels: 3, background: "#09f" },
      })
        .png()
        .toBuffer();
      const response = await POST(upload(png));
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ width: 640, height: 480 });
    });

    it("refuses a 30000 × 30000 decompression bomb at once with 413 and a clear message", async () => {
      session.user = mina;
      const bomb = flatPng(30_000, 30_000);
      const start = performance.now();
      const response = await POST(upload(bomb));
      const ms = performance.now() - start;
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        error: {
          code: "payload_too_large",
          message:
            "The image is 30000 × 30000 pixels (900 megapixels); images of at most 50 megapixels can be uploaded.",
        },
      });
      expect(ms, `refused in ${ms.toFixed(0)} ms`).toBeLessThan(1500);
    });

    it("refuses a cross-site upload with 403 before reading it", async () => {
      session.user = mina;
      const hostile: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { "sec-fetch-site": "cross-site" },
      ];
      for (const headers of hostile) {
        const response = await POST(upload(flatPng(10, 10), headers));
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({
          error: { code: "forbidden_origin" },
        });
      }
    });

    it("limits each user to 100 uploads in 15 minutes: 429 with Retry-After", async () => {
      session.user = daniel;
      // Daniel's 100 uploads this quarter of an hour (counted as the route counts them).
      for (let i = 0; i < 100; i++) await countUpload(ts.store, daniel.id);
      const response = await POST(upload(flatPng(10, 10)));
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(800);
      expect(retryAfter).toBeLessThanOrEqual(900);
      expect(await response.json()).toEqual({
        error: {
          code: "rate_limited",
          message:
            "You have uploaded 100 images in 15 minutes, the most allowed; try again in 15 minutes.",
        },
      });
      // Mina's uploads are her own.
      session.user = mina;
      expect((await POST(upload(flatPng(10, 10)))).status).toBe(201);
    });
  });
}
