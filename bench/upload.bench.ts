/**
 * Upload benchmark: a phone-sized photo (4000 × 3000 JPEG of noise, ~9 MB, which compresses as
 * badly as a real 12-megapixel photo) sent as the browser sends it, timed from the request to
 * the moment the editor could show it: the multipart body read, the image checked and its
 * editor copy stored (the API's answer), then that copy read back and decoded as the browser
 * does. The work left for the background (original without metadata, smaller copies) is timed
 * separately. BENCH_UPLOADS photos (default 4), each fresh, after one warm-up.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { imagesSettled } from "../lib/uploads/images";
import { storeUploadedImage } from "../lib/uploads/request";
import { localUploadStorage } from "../lib/uploads/storage";

const runs = Number(process.env.BENCH_UPLOADS ?? 4);
const WIDTH = 4000;
const HEIGHT = 3000;

/** A noisy 4000 × 3000 JPEG: random pixels, lightly blurred, at a phone camera's quality. */
async function phonePhoto(): Promise<Buffer> {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let i = 0; i < raw.length; i += 4)
    raw.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
  return sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .blur(0.6)
    .jpeg({ quality: 92 })
    .toBuffer();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ]!;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "upload-bench-"));
const storage = localUploadStorage(dir);
const answers: number[] = [];
const visibles: number[] = [];
const backgrounds: number[] = [];
try {
  for (let run = 0; run <= runs; run++) {
    const photo = await phonePhoto();
    const form = new FormData();
    form.append(
      "file",
      new Blob([new Uint8Array(photo)], { type: "image/jpeg" }),
      "phone.jpg",
    );
    const request = new Request("http://bench/api/uploads", {
      method: "POST",
      body: form,
    });

    const start = performance.now();
    const stored = await storeUploadedImage(request, storage);
    const answered = performance.now();
    const preview = await storage.get(path.basename(stored.previewUrl));
    await sharp(preview!).raw().toBuffer();
    const visible = performance.now();
    await imagesSettled();
    const settled = performance.now();

    const label = run === 0 ? "warm-up" : `upload ${run}`;
    console.log(
      `${label.padEnd(9)} ${(photo.length / 1e6).toFixed(1)} MB → answer ${(answered - start).toFixed(0)} ms, ` +
        `visible ${(visible - start).toFixed(0)} ms (editor copy ${(preview!.length / 1e3).toFixed(0)} kB), ` +
        `background copies ${(settled - visible).toFixed(0)} ms`,
    );
    if (run === 0) continue;
    answers.push(answered - start);
    visibles.push(visible - start);
    backgrounds.push(settled - visible);
  }
  const fmt = (v: number[]) =>
    `median ${percentile(v, 50).toFixed(0)} ms, worst ${Math.max(...v).toFixed(0)} ms`;
  console.log(`\nanswer (editor copy stored):   ${fmt(answers)}`);
  console.log(
    `upload to visible:             ${fmt(visibles)}   (target ≤ 2500 ms)`,
  );
  console.log(`background (original, copies): ${fmt(backgrounds)}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
