import Link from "next/link";

/**
 * Links to the newer and older pages of a list, when there are any; `noun` names what the list
 * holds ("stories": "← Newer stories").
 */
export function Pagination({
  page,
  pageCount,
  pathOf,
  noun,
}: {
  page: number;
  pageCount: number;
  pathOf: (page: number) => string;
  noun?: string;
}) {
  if (pageCount <= 1) return null;
  const label = (word: string) => (noun ? `${word} ${noun}` : word);
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? (
        <Link href={pathOf(page - 1)} rel="prev">
          ← {label("Newer")}
        </Link>
      ) : (
        <span />
      )}
      {page < pageCount && (
        <Link href={pathOf(page + 1)} rel="next">
          {label("Older")} →
        </Link>
      )}
    </nav>
  );
}
