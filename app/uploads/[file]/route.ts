import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { getUploadStorage } from "@/lib/uploads/request";
import { readUpload } from "@/lib/uploads/serve";
import { contentTypes, isUploadName } from "@/lib/uploads/storage";
import { otherMethods } from "@/lib/http-methods";

export async function GET(
  _request: Request,
  ctx: RouteContext<"/uploads/[file]">,
): Promise<Response> {
  const { file } = await ctx.params;
  if (!isUploadName(file))
    return errorResponse(new AppError("not_found", "No such file."));
  const served = await readUpload(getUploadStorage(), file);
  if (!served) return errorResponse(new AppError("not_found", "No such file."));
  const ext = file.slice(file.lastIndexOf(".") + 1);
  return new Response(new Uint8Array(served.data), {
    headers: {
      "content-type": contentTypes[ext] ?? "application/octet-stream",
      // Names are derived from content, so a file never changes; a stand-in must not be kept.
      "cache-control": served.exact
        ? "public, max-age=31536000, immutable"
        : "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
