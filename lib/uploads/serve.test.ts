import { describe, expect, it } from "vitest";
import { readUpload } from "./serve";
import type { UploadStorage } from "./storage";

function memoryStorage(names: string[]): UploadStorage {
  const files = new Map(names.map((n) => [n, Buffer.from(n)]));
  return {
    async put(name, data) {
      files.set(name, Buffer.from(data));
    },
    async get(name) {
      return files.get(name) ?? null;
    },
  };
}

const key = "0123456789abcdef0123456789abcdef";

describe("readUpload", () => {
  it("serves the file asked for when it exists", async () => {
    const served = await readUpload(
      memoryStorage([`${key}-480.jpg`]),
      `${key}-480.jpg`,
    );
    expect(served).toEqual({
      data: Buffer.from(`${key}-480.jpg`),
      exact: true,
    });
  });

  it("stands in the original for a copy still being made, then the editor's copy", async () => {
    const both = memoryStorage([`${key}.jpg`, `${key}-1600.jpg`]);
    expect(await readUpload(both, `${key}-480.jpg`)).toEqual({
      data: Buffer.from(`${key}.jpg`),
      exact: false,
    });
    const previewOnly = memoryStorage([`${key}-1600.jpg`]);
    expect(await readUpload(previewOnly, `${key}.jpg`)).toEqual({
      data: Buffer.from(`${key}-1600.jpg`),
      exact: false,
    });
  });

  it("finds nothing for an unknown image or another format", async () => {
    const storage = memoryStorage([`${key}.jpg`]);
    expect(await readUpload(storage, `${"f".repeat(32)}-480.jpg`)).toBeNull();
    expect(await readUpload(storage, `${key}-480.png`)).toBeNull();
  });
});
