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

/** Widths stored besides the original, for responsive images. */
export const IMAGE_WIDTHS = [480, 960, 1600] as const;
/** Width of the copy the editor shows: a phone's 12-megapixel original is never sent to it. */
export const EDITOR_IMAGE_WIDTH = 1600;

/** The URL of the resized copy of `url` at `width`, as stored by storeImage. */
export function variantUrl(url: string, width: number): string {
  return url.replace(/\.(jpg|png|webp|gif)$/, `-${width}.$1`);
}

/** The stored widths of an image `originalWidth` wide (each smaller than the original). */
export function variantWidths(originalWidth: number): number[] {
  return IMAGE_WIDTHS.filter((w) => w < originalWidth);
}

/** The image the editor shows for an upload `width` wide: its resized copy when there is one. */
export function editorImageUrl(url: string, width: number | null): string {
  return width !== null && width > EDITOR_IMAGE_WIDTH
    ? variantUrl(url, EDITOR_IMAGE_WIDTH)
    : url;
}
