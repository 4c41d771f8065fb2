import { notFound } from "next/navigation";

/**
 * Where proxy.ts sends an address that does not decode (`/tag/%ZZ`): the site's 404 in its
 * frame. A static route, as the catch-all is not: Next.js would decode the address for its params.
 */
export default function AddressNotFound(): never {
  notFound();
}
