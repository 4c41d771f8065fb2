import { requireUser } from "@/lib/auth/session";
import { handler, json } from "@/lib/http";
import { getUploadStorage, storeUploadedImage } from "@/lib/uploads/request";

export const POST = handler(async (request: Request) => {
  await requireUser();
  const image = await storeUploadedImage(request, getUploadStorage());
  return json(image, 201);
});
