import fs from "node:fs/promises";
import path from "node:path";
import { isUploadName } from "./names";

/** Where uploaded files live. The local-disk implementation can be swapped for an object store. */
export interface UploadStorage {
  /** Stores `data` under `name`, replacing nothing that exists (names are content-derived). */
  put(name: string, data: Uint8Array): Promise<void>;
  /** The bytes stored under `name`, or null. */
  get(name: string): Promise<Buffer | null>;
}

export { isUploadName };

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
