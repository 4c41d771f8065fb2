/** Upload file names: a content hash, an optional width, an image extension. Browser-safe. */
const namePattern = /^[a-f0-9]{32}(?:-\d{2,4})?\.(?:jpg|png|webp|gif)$/;

/** Whether `name` is a name the upload storage could have produced (guards URL parameters). */
export function isUploadName(name: string): boolean {
  return namePattern.test(name);
}

/** Whether `src` is the URL of one of our uploaded images (`/uploads/<name>`). */
export function isUploadUrl(src: unknown): src is string {
  return (
    typeof src === "string" &&
    src.startsWith("/uploads/") &&
    isUploadName(src.slice("/uploads/".length))
  );
}
