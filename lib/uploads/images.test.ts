import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import {
  detectImageFormat,
  imagesSettled,
  MAX_IMAGE_PIXELS,
  MAX_UPLOAD_BYTES,
  storeImage,
  variantUrl,
} from "./images";
import { storeUploadedImage } from "./request";
import { localUploadStorage, type UploadStorage } from "./storage";
import { flatPng, sparseAnimatedGif } from "./testing";

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "stored";
  } catch (error) {
    return error instanceof AppError
      ? `${error.status} ${error.code}`
      : `unexpected ${String(error)}`;
  }
}

/** A real camera-like JPEG carrying EXIF with a GPS position. */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({
    create: { width: 2000, height: 1200, channels: 3, background: "#3b82f6" },
  })
    .jpeg()
    .withExif({
      IFD0: { Make: "NewsCam", Model: "X100" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "37/1 33/1 59/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "126/1 58/1 41/1",
      },
    })
    .toBuffer();
}

describe("image uploads", () => {
  let dir: string;
  let storage: UploadStorage;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-test-"));
    storage = localUploadStorage(dir);
  });
  afterEach(async () => {
    await imagesSettled();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stores a JPEG without its EXIF/GPS metadata, plus resized copies", async () => {
    const input = await jpegWithGps();
    const before = await sharp(input).metadata();
    expect(before.exif?.toString("latin1")).toContain("NewsCam");

    const stored = await storeImage(storage, input);
    expect(stored).toMatchObject({ width: 2000, height: 1200 });
    expect(stored.url).toMatch(/^\/uploads\/[0-9a-f]{32}\.jpg$/);
    await imagesSettled();
    const original = await storage.get(path.basename(stored.url));
    const after = await sharp(original!).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(original!.includes(Buffer.from("NewsCam"))).toBe(false);
    for (const w of [480, 960, 1600]) {
      const variant = await storage.get(
        path.basename(variantUrl(stored.url, w)),
      );
      expect((await sharp(variant!).metadata()).width).toBe(w);
      expect((await sharp(variant!).metadata()).exif).toBeUndefined();
    }
  });

  it("stores the editor's copy (at most 1600 px wide) before it answers, the rest after", async () => {
    const input = await sharp({
      create: { width: 4000, height: 3000, channels: 3, background: "#345" },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const stored = await storeImage(storage, input);
    // Orientation 6 turns the photo a quarter: the stored image is portrait.
    expect(stored).toMatchObject({ width: 3000, height: 4000 });
    expect(stored.previewUrl).toBe(variantUrl(stored.url, 1600));
    const preview = await storage.get(path.basename(stored.previewUrl));
    expect(await sharp(preview!).metadata()).toMatchObject({
      width: 1600,
      height: 2133,
      format: "jpeg",
    });
    await imagesSettled();
    const original = await storage.get(path.basename(stored.url));
    expect(await sharp(original!).metadata()).toMatchObject({
      width: 3000,
      height: 4000,
    });
    expect(fs.readdirSync(dir).sort()).toHaveLength(4);

    const small = await storeImage(
      storage,
      await jpegWithGps().then((b) => sharp(b).resize(800).toBuffer()),
    );
    expect(small.previewUrl).toBe(small.url);
    expect(await storage.get(path.basename(small.url))).not.toBeNull();
  });

  it("recognises images by their bytes, not their names", async () => {
    const png = await sharp({
      create: { width: 4, height: 4, channels: 4, background: "#fff" },
    })
      .png()
      .toBuffer();
    const webp = await sharp({
      create: { width: 4, height: 4, channels: 3, background: "#fff" },
    })
      .webp()
      .toBuffer();
    const gif = await sharp({
      create: { width: 4, height: 4, channels: 3, background: "#fff" },
    })
      .gif()
      .toBuffer();
    expect(detectImageFormat(png)).toBe("png");
    expect(detectImageFormat(webp)).toBe("webp");
    expect(detectImageFormat(gif)).toBe("gif");
    expect(detectImageFormat(await jpegWithGps())).toBe("jpg");
    expect((await storeImage(storage, png)).url).toMatch(/\.png$/);
  });

  it("refuses SVG, a text file renamed .jpg, a truncated JPEG and an oversized file", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    expect(await refusal(storeImage(storage, svg))).toBe(
      "415 unsupported_media_type",
    );
    expect(
      await refusal(
        storeImage(storage, Buffer.from("just some text, named photo.jpg")),
      ),
    ).toBe("415 unsupported_media_type");
    const truncated = (await jpegWithGps()).subarray(0, 200);
    expect(await refusal(storeImage(storage, truncated))).toBe(
      "422 validation_failed",
    );
    expect(
      await refusal(
        storeImage(storage, Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0xff)),
      ),
    ).toBe("413 payload_too_large");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuses a decompression bomb from its header, at once, with a clear 413", async () => {
    const bomb = flatPng(30_000, 30_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const start = performance.now();
    const error = await storeImage(storage, bomb).catch((e: unknown) => e);
    const ms = performance.now() - start;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 413,
      code: "payload_too_large",
      message:
        "The image is 30000 × 30000 pixels (900 megapixels); images of at most 50 megapixels can be uploaded.",
    });
    expect(ms).toBeLessThan(1000);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuses images past 50 megapixels that the decoder's own limit lets through", async () => {
    // 100 megapixels: under sharp's default limit (268), so it would be decoded in full.
    expect(await refusal(storeImage(storage, flatPng(10_000, 10_000)))).toBe(
      "413 payload_too_large",
    );
    expect(MAX_IMAGE_PIXELS).toBe(50_000_000);
    // At the limit: stored.
    expect(await storeImage(storage, flatPng(1000, 600))).toMatchObject({
      width: 1000,
      height: 600,
    });
  });

  it("counts every frame of an animation against the pixel limit", async () => {
    // 15 frames of 2000 × 2000 (60 megapixels in all) from a few hundred bytes.
    const gif = sparseAnimatedGif(2000, 2000, 15);
    expect(await refusal(storeImage(storage, gif))).toBe(
      "413 payload_too_large",
    );
    const start = performance.now();
    expect(
      await refusal(storeImage(storage, sparseAnimatedGif(2000, 2000, 500))),
    ).toBe("413 payload_too_large");
    expect(performance.now() - start).toBeLessThan(1000);
    expect(
      await storeImage(storage, sparseAnimatedGif(200, 100, 3)),
    ).toMatchObject({ width: 200, height: 100 });
  });

  it("reads multipart uploads within the limit, and refuses others clearly", async () => {
    const form = (body: Blob, field = "file") => {
      const data = new FormData();
      data.append(field, body, "photo.jpg");
      return new Request("http://x/api/uploads", {
        method: "POST",
        body: data,
      });
    };
    const stored = await storeUploadedImage(
      form(new Blob([new Uint8Array(await jpegWithGps())])),
      storage,
    );
    expect(stored.width).toBe(2000);
    expect(
      await refusal(
        storeUploadedImage(
          form(new Blob([new Uint8Array(Buffer.from("hi"))]), "image"),
          storage,
        ),
      ),
    ).toBe("422 validation_failed");
    expect(
      await refusal(
        storeUploadedImage(
          new Request("http://x", {
            method: "POST",
            body: "{}",
            headers: { "content-type": "application/json" },
          }),
          storage,
        ),
      ),
    ).toBe("415 unsupported_media_type");
    const huge = form(new Blob([new Uint8Array(MAX_UPLOAD_BYTES + 200_000)]));
    expect(await refusal(storeUploadedImage(huge, storage))).toBe(
      "413 payload_too_large",
    );
  });
});
