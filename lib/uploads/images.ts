import { createHash } from "node:crypto";
import sharp, { type Sharp } from "sharp";
import { AppError } from "../errors";
import { createLogger, describeError } from "../log";
import { EDITOR_IMAGE_WIDTH, editorImageUrl, variantWidths } from "./names";
import type { UploadStorage } from "./storage";

export { IMAGE_WIDTHS, variantUrl, variantWidths } from "./names";

/** Largest accepted upload: 15 MB. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/**
 * Most pixels an upload may have, every frame of an animation counted: 50 megapixels, a 45 MP
 * camera's full frame. A few kilobytes of PNG can claim billions of pixels that would take
 * minutes and gigabytes to decode; the header says so before anything is decoded.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;
export type ImageFormat = "jpg" | "png" | "webp" | "gif";

/** The image type from the file's first bytes (never its name or declared type). */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)
    return "jpg";
  if (
    b.length >= 8 &&
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)
  )
    return "png";
  if (b.length >= 6) {
    const head = Buffer.from(b.subarray(0, 6)).toString("latin1");
    if (head === "GIF87a" || head === "GIF89a") return "gif";
  }
  if (
    b.length >= 12 &&
    Buffer.from(b.subarray(0, 4)).toString("latin1") === "RIFF" &&
    Buffer.from(b.subarray(8, 12)).toString("latin1") === "WEBP"
  ) {
    return "webp";
  }
  return null;
}

export interface StoredImage {
  /** URL of the original (metadata removed). */
  url: string;
  width: number;
  height: number;
  /** URL of the copy the editor shows (see editorImageUrl): stored before the answer. */
  previewUrl: string;
}

/** Encoders: originals keep more quality; resized copies favour speed (no mozjpeg, which costs 5×). */
function encode(
  pipeline: Sharp,
  format: ImageFormat,
  original: boolean,
): Sharp {
  switch (format) {
    case "jpg":
      return pipeline.jpeg({ quality: original ? 86 : 82 });
    case "png":
      return pipeline.png({ compressionLevel: original ? 9 : 6 });
    case "webp":
      return pipeline.webp({ quality: original ? 84 : 80 });
    case "gif":
      return pipeline.gif();
  }
}

const log = createLogger("uploads");

/**
 * Work left after an upload's answer (the original and the small copies), one job at a time so
 * that it never competes with the next upload for more than one core.
 */
let background: Promise<void> = Promise.resolve();

function later(job: () => Promise<void>): void {
  background = background.then(job).catch((error: unknown) => {
    log.error("an uploaded image's copies could not be stored", {
      error: describeError(error),
    });
  });
}

/** Resolves when every image stored so far has all its copies (tests, benches, shutdown). */
export function imagesSettled(): Promise<void> {
  return background;
}

/** At most two uploads decode at once: a 12-megapixel photo takes ~100 MB while decoding. */
const decoding = { active: 0, waiting: [] as Array<() => void> };

async function withDecodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (decoding.active >= 2)
    await new Promise<void>((resolve) => decoding.waiting.push(resolve));
  decoding.active += 1;
  try {
    return await work();
  } finally {
    decoding.active -= 1;
    decoding.waiting.shift()?.();
  }
}

function unreadable(): AppError {
  return new AppError(
    "validation_failed",
    "The file could not be read as an image.",
  );
}

/**
 * Checks and stores an uploaded image: real type from its bytes (JPEG, PNG, WebP, GIF),
 * at most 15 MB and MAX_IMAGE_PIXELS (checked in the header, before decoding), EXIF/GPS and
 * other metadata removed (orientation applied first). Before it returns, the copy the editor
 * shows is stored (at most EDITOR_IMAGE_WIDTH wide, decoded with JPEG shrink-on-load); the
 * original and the smaller copies follow in the background (imagesSettled). Throws AppError
 * (413, 415, 422) on refusal.
 */
export async function storeImage(
  storage: UploadStorage,
  bytes: Uint8Array,
): Promise<StoredImage> {
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The image is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
    );
  }
  const format = detectImageFormat(bytes);
  if (!format)
    throw new AppError(
      "unsupported_media_type",
      "Only JPEG, PNG, WebP and GIF images can be uploaded.",
    );

  const animated = format === "gif" || format === "webp";
  const header = await refuseTooManyPixels(bytes, animated);
  // sharp drops all metadata (EXIF, GPS, XMP) unless asked to keep it; rotate() applies orientation first.
  const decode = () =>
    sharp(bytes, {
      animated,
      failOn: "error",
      limitInputPixels: MAX_IMAGE_PIXELS,
      sequentialRead: true,
    }).rotate();
  const key = createHash("sha256").update(bytes).digest("hex").slice(0, 32);
  const url = `/uploads/${key}.${format}`;
  const { width, height } = header;

  const storeOriginal = async () => {
    const data = await encode(decode(), format, true).toBuffer();
    await storage.put(`${key}.${format}`, data);
    return data;
  };
  const storeCopies = async (source: Buffer, widths: number[]) => {
    for (const w of widths) {
      const resized = await encode(
        sharp(source, { animated }).resize({ width: w }),
        format,
        false,
      ).toBuffer();
      await storage.put(`${key}-${w}.${format}`, resized);
    }
  };

  const smaller = variantWidths(width);
  if (width > EDITOR_IMAGE_WIDTH) {
    const preview = await withDecodeSlot(() =>
      encode(
        decode().resize({ width: EDITOR_IMAGE_WIDTH, fastShrinkOnLoad: true }),
        format,
        false,
      ).toBuffer(),
    ).catch(() => {
      throw unreadable();
    });
    await storage.put(`${key}-${EDITOR_IMAGE_WIDTH}.${format}`, preview);
    later(async () => {
      await storeOriginal();
      await storeCopies(
        preview,
        smaller.filter((w) => w < EDITOR_IMAGE_WIDTH),
      );
    });
  } else {
    const original = await withDecodeSlot(storeOriginal).catch(() => {
      throw unreadable();
    });
    later(() => storeCopies(original, smaller));
  }
  return { url, width, height, previewUrl: editorImageUrl(url, width) };
}

/**
 * Reads the image's dimensions from its header alone (for an animation, the height of all its
 * frames) and throws AppError payload_too_large (413) past MAX_IMAGE_PIXELS, or
 * validation_failed (422) when there is no readable header.
 */
async function refuseTooManyPixels(
  bytes: Uint8Array,
  animated: boolean,
): Promise<{ width: number; height: number }> {
  let width: number | undefined;
  let height: number | undefined;
  let pageHeight: number | undefined;
  let orientation: number | undefined;
  try {
    ({ width, height, pageHeight, orientation } = await sharp(bytes, {
      animated,
      limitInputPixels: false,
    }).metadata());
  } catch {
    throw new AppError(
      "validation_failed",
      "The file could not be read as an image.",
    );
  }
  if (!width || !height)
    throw new AppError(
      "validation_failed",
      "The file could not be read as an image.",
    );
  if (width * height > MAX_IMAGE_PIXELS) {
    const megapixels = Math.round((width * height) / 1_000_000);
    throw new AppError(
      "payload_too_large",
      `The image is ${width} × ${height} pixels (${megapixels} megapixels); ` +
        `images of at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels can be uploaded.`,
    );
  }
  const frameHeight = pageHeight ?? height;
  // EXIF orientations 5–8 turn the picture a quarter: rotate() swaps its sides.
  return (orientation ?? 1) >= 5
    ? { width: frameHeight, height: width }
    : { width, height: frameHeight };
}

/**
 * A placeholder photo (a landscape glyph on a tinted gradient) for sample figures whose
 * image files are not part of the sample. Uses shapes only, so it renders without fonts.
 */
export async function placeholderJpeg(
  seed: number,
  width = 1600,
  height = 1000,
): Promise<Buffer> {
  const hues = [210, 24, 160, 280, 350];
  const hue = hues[seed % hues.length]!;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 160 100">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue},28%,38%)"/><stop offset="1" stop-color="hsl(${hue + 30},32%,18%)"/>
  </linearGradient></defs>
  <rect width="160" height="100" fill="url(#g)"/>
  <g fill="none" stroke="rgba(255,255,255,0.55)" stroke-width="1.4" stroke-linejoin="round">
    <rect x="62" y="35" width="36" height="28" rx="2"/>
    <polyline points="64,60 74,48 81,55 86,50 96,60"/>
  </g>
  <circle cx="89" cy="42" r="3" fill="rgba(255,255,255,0.55)"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}
