import { EDITOR_IMAGE_WIDTH } from "./names";
import type { UploadStorage } from "./storage";

/** What `/uploads/<name>` answers: the bytes, and whether they are the file asked for. */
export interface ServedUpload {
  data: Buffer;
  /** False while a copy is still being made and a stand-in is served. */
  exact: boolean;
}

/**
 * The file `name`, or while its copies are still being made after an upload (storeImage
 * answers before the original and the smaller widths are written), the nearest copy that
 * exists: the original, then the editor's copy. A page published seconds after an upload
 * shows the photo instead of a broken image.
 */
export async function readUpload(
  storage: UploadStorage,
  name: string,
): Promise<ServedUpload | null> {
  const exact = await storage.get(name);
  if (exact) return { data: exact, exact: true };
  const match = /^([a-f0-9]{32})(?:-\d{2,4})?\.(\w+)$/.exec(name);
  if (!match) return null;
  const [, key, ext] = match;
  for (const standIn of [
    `${key}.${ext}`,
    `${key}-${EDITOR_IMAGE_WIDTH}.${ext}`,
  ]) {
    if (standIn === name) continue;
    const data = await storage.get(standIn);
    if (data) return { data, exact: false };
  }
  return null;
}
