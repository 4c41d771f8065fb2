import { notFound } from "next/navigation";

/**
 * Where proxy.ts sends a newsroom address that does not decode: the newsroom's 404 in its top
 * bar. A static route, as the catch-all is not: Next.js would decode the address for its params.
 */
export default function AddressNotFoundInNewsroom(): never {
  notFound();
}
