import { noSuchAddress } from "@/lib/http";

/** An API address no route takes is a 404 in JSON, as every API error is (not the site's page). */
export {
  noSuchAddress as GET,
  noSuchAddress as POST,
  noSuchAddress as PUT,
  noSuchAddress as PATCH,
  noSuchAddress as DELETE,
};
