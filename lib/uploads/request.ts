import path from "node:path";
import { serverEnv } from "../env";
import { AppError } from "../errors";
import { MAX_UPLOAD_BYTES, storeImage, type StoredImage } from "./images";
import { localUploadStorage, type UploadStorage } from "./storage";

/** Room for the multipart envelope around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The upload storage of this process (files under `DATA_DIR/uploads`). */
export function getUploadStorage(): UploadStorage {
  return localUploadStorage(path.join(serverEnv().dataDir, "uploads"));
}

/**
 * Reads a multipart upload (the image in field `file`) without ever holding more than the
 * limit in memory, and stores it. Throws AppError 400/413/415/422 with a clear message.
 */
export async function storeUploadedImage(
  request: Request,
  storage: UploadStorage,
): Promise<StoredImage> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError(
      "unsupported_media_type",
      "Send the image as multipart/form-data in the field “file”.",
    );
  }
  const limit = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD;
  const tooLarge = () =>
    new AppError(
      "payload_too_large",
      `The image is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
    );
  if (Number(request.headers.get("content-length") ?? "0") > limit)
    throw tooLarge();
  if (!request.body)
    throw new AppError("bad_request", "The request has no body.");

  let received = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Request(request.url, {
      method: "POST",
      headers: { "content-type": type },
      body: limited,
      // Node's fetch needs this to send a stream body.
      duplex: "half",
    } as RequestInit).formData();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (received > limit) throw tooLarge();
    throw new AppError(
      "bad_request",
      "The upload could not be read as multipart/form-data.",
    );
  }
  const file = form.get("file");
  if (!(file instanceof File))
    throw new AppError(
      "validation_failed",
      "Attach the image in the field “file”.",
    );
  if (file.size === 0)
    throw new AppError("validation_failed", "The file is empty.");
  return storeImage(storage, new Uint8Array(await file.arrayBuffer()));
}
