import { requireUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { handler, json } from "@/lib/http";
import { countUpload } from "@/lib/uploads/limits";
import { getUploadStorage, storeUploadedImage } from "@/lib/uploads/request";
import { otherMethods } from "@/lib/http-methods";

/**
 * `POST /api/uploads` (multipart, the image in `file`) → 201 `{url, width, height}`; 413 for
 * too many bytes or pixels, 415 not an image, 422 unreadable, 429 (Retry-After) past the
 * per-user upload limit.
 */
export const POST = handler(async (request: Request) => {
  const user = await requireUser();
  await countUpload(await getStore(), user.id);
  const image = await storeUploadedImage(request, getUploadStorage());
  return json(image, 201);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
