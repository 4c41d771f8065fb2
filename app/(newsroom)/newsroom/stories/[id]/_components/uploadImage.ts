"use client";

export interface UploadedImage {
  url: string;
  width: number;
  height: number;
  /** The resized copy the editor shows. */
  previewUrl: string;
}

const ACCEPTED = ["image/jpeg", "image/png", "image/webp", "image/gif"];
const MAX_BYTES = 15 * 1024 * 1024;

/** Types the file picker offers. The server checks the real type from the bytes anyway. */
export const ACCEPTED_IMAGE_TYPES = ACCEPTED.join(",");

/** A reason to refuse `file` before uploading it, or null. */
export function precheckImage(file: File): string | null {
  if (!ACCEPTED.includes(file.type))
    return `${file.name} is not a JPEG, PNG, WebP or GIF image.`;
  if (file.size > MAX_BYTES) return `${file.name} is larger than 15 MB.`;
  return null;
}

/** What an upload's progress label says: the share sent, then "Processing…" while the server works. */
export function uploadProgressLabel(fraction: number): string {
  return fraction >= 1
    ? "Processing…"
    : `Uploading… ${Math.round(fraction * 100)}%`;
}

/**
 * Loads and decodes `url` so that the image shows at once when it enters the page; never
 * rejects (a failure shows as a broken image instead).
 */
export async function preloadImage(url: string): Promise<void> {
  const img = new Image();
  img.src = url;
  await img.decode().catch(() => undefined);
}

/**
 * Uploads an image to POST /api/uploads, reporting progress (0–1; 1 once every byte is sent,
 * while the server resizes the photo). XMLHttpRequest because fetch cannot report upload
 * progress. Rejects with the server's message.
 */
export function uploadImage(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<UploadedImage> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable)
        onProgress(Math.min(event.loaded / event.total, 0.99));
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      const body = xhr.response as
        (UploadedImage & { error?: { message?: string } }) | null;
      if (xhr.status === 201 && body?.url)
        resolve({
          url: body.url,
          width: body.width,
          height: body.height,
          previewUrl: body.previewUrl ?? body.url,
        });
      else
        reject(
          new Error(
            body?.error?.message ?? `The upload failed (${xhr.status}).`,
          ),
        );
    };
    xhr.onerror = () =>
      reject(new Error("The upload failed: no connection to the server."));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}
