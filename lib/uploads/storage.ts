import fs from "node:fs/promises";
import path from "node:path";

/** Where uploaded files live. The local-disk implementation can be swapped for an object store. */
export interface UploadStorage {
  /** Stores `data` under `name`, replacing nothing that exists (names are content-derived). */
  put(name: string, data: Uint8Array): Promise<void>;
  /** The bytes stored under `name`, or null. */
  get(name: string): Promise<Buffer | null>;
}

const namePattern = /^[a-f0-9]{32}(?:-\d{2,4})?\.(?:jpg|png|webp|gif)$/;

/** Whether `name` is a name this storage could have produced (guards URL parameters). */
export function isUploadName(name: string): boolean {
  return namePattern.test(name);
}

/** Uploads as files under `dir` (default `DATA_DIR/uploads`). */
export function localUploadStorage(dir: string): UploadStorage {
  return {
    async put(name, data) {
      if (!isUploadName(name)) throw new Error(`Invalid upload name: ${name}`);
      await fs.mkdir(dir, { recursive: true });
      const target = path.join(dir, name);
      // Write then rename so a reader never sees a half-written file.
      const temp = `${target}.${process.pid}.tmp`;
      await fs.writeFile(temp, data);
      await fs.rename(temp, target);
    },
    async get(name) {
      if (!isUploadName(name)) return null;
      try {
        return await fs.readFile(path.join(dir, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}

export const contentTypes: Record<string, string> = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
};
