/**
 * `npx tsx scripts/icons.ts`: draws the PNG icons from app/icon.svg (the favicon) — the Apple
 * touch icon (app/apple-icon.png, 180 px) and the web app manifest's 192 and 512 px icons
 * (public/) — after the SVG changed. The PNGs are committed: nothing is drawn at start.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const svg = path.join(root, "app", "icon.svg");

for (const [size, file] of [
  [180, "app/apple-icon.png"],
  [192, "public/icon-192.png"],
  [512, "public/icon-512.png"],
] as const) {
  await sharp(svg, { density: 72 * Math.ceil(size / 64) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(path.join(root, file));
  console.log(`${file} (${size} × ${size})`);
}
