import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { getUploadStorage } from "@/lib/uploads/request";
import { contentTypes, isUploadName } from "@/lib/uploads/storage";

export async function GET(
  _request: Request,
  ctx: RouteContext<"/uploads/[file]">,
): Promise<Response> {
  const { file } = await ctx.params;
  if (!isUploadName(file))
    return errorResponse(new AppError("not_found", "No such file."));
  const data = await getUploadStorage().get(file);
  if (!data) return errorResponse(new AppError("not_found", "No such file."));
  const ext = file.slice(file.lastIndexOf(".") + 1);
  return new Response(new Uint8Array(data), {
    headers: {
      "content-type": contentTypes[ext] ?? "application/octet-stream",
      // Names are derived from content, so a file never changes.
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}
