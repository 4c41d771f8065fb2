import { AppError, errorBody } from "@/lib/errors";
import { json } from "@/lib/http";

/** An API address no route takes is a 404 in JSON, as every API error is (not the site's page). */
function missing(): Response {
  return json(errorBody(new AppError("not_found", "No such address.")), 404);
}

export {
  missing as GET,
  missing as POST,
  missing as PUT,
  missing as PATCH,
  missing as DELETE,
};
