import zlib from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid black greyscale PNG of `width` × `height` made without ever holding its pixels: the
 * zlib stream repeats one compressed, fully flushed run of zero bytes, so 30000 × 30000 (900
 * megapixels) takes under a megabyte — a decompression bomb for upload tests.
 */
export function flatPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  // Every row: filter byte 0, then one zero byte per pixel.
  const total = height * (width + 1);
  const run = 1 << 20;
  const fullRun = zlib.deflateRawSync(Buffer.alloc(run), {
    finishFlush: zlib.constants.Z_FULL_FLUSH,
  });
  const parts: Buffer[] = [Buffer.from([0x78, 0xda])];
  for (let i = 0; i < Math.floor(total / run); i++) parts.push(fullRun);
  parts.push(zlib.deflateRawSync(Buffer.alloc(total % run)));
  // Adler-32 of `total` zero bytes: the first sum stays 1, the second adds 1 per byte.
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  parts.push(adler);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", Buffer.concat(parts)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A valid animated GIF whose `frames` frames each cover a `width` × `height` screen while
 * holding one pixel of data: a decoder renders width × height × frames pixels from a few bytes.
 */
export function sparseAnimatedGif(
  width: number,
  height: number,
  frames: number,
): Buffer {
  const screen = Buffer.alloc(7);
  screen.writeUInt16LE(width, 0);
  screen.writeUInt16LE(height, 2);
  screen[4] = 0x80; // a global colour table of two colours
  const parts = [
    Buffer.from("GIF89a", "latin1"),
    screen,
    Buffer.from([0, 0, 0, 255, 255, 255]),
    // NETSCAPE2.0: loop forever.
    Buffer.from([0x21, 0xff, 0x0b]),
    Buffer.from("NETSCAPE2.0", "latin1"),
    Buffer.from([0x03, 0x01, 0x00, 0x00, 0x00]),
  ];
  for (let i = 0; i < frames; i++)
    parts.push(
      // Graphic control: 10 ms a frame.
      Buffer.from([0x21, 0xf9, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00]),
      // A 1 × 1 image at the top left, then its LZW data (clear, colour i % 2, end).
      Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]),
      Buffer.from([0x02, 0x02, i % 2 === 0 ? 0x44 : 0x4c, 0x01, 0x00]),
    );
  parts.push(Buffer.from([0x3b]));
  return Buffer.concat(parts);
}
