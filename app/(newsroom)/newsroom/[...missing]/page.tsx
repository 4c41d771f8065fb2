import { notFound } from "next/navigation";

/** A newsroom address no page takes is the newsroom's own 404, inside its top bar. */
export default function MissingInNewsroom(): never {
  notFound();
}
