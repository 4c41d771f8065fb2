import { notFound } from "next/navigation";

/**
 * Any address no route takes (a mistyped `/sport`, an old link) is the site's 404 inside its
 * masthead and footer, as a reader of a news site expects, not the bare root one.
 */
export default function Missing(): never {
  notFound();
}
