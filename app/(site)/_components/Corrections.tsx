import Link from "next/link";
import type { PublicCorrection } from "@/lib/site/articles";
import { PublishedTime } from "./Teasers";

/**
 * The foot of an article: every correction and clarification, newest first, each with its
 * date, and where the site's others are listed. Nothing when there is none.
 */
export function Corrections({
  corrections,
  timeZone,
}: {
  corrections: PublicCorrection[];
  timeZone: string;
}) {
  if (corrections.length === 0) return null;
  const clarificationsOnly = corrections.every(
    (c) => c.kind === "clarification",
  );
  const title = clarificationsOnly
    ? corrections.length === 1
      ? "Clarification"
      : "Clarifications"
    : corrections.some((c) => c.kind === "clarification")
      ? "Corrections and clarifications"
      : corrections.length === 1
        ? "Correction"
        : "Corrections";
  return (
    <section className="article-corrections" aria-labelledby="corrections">
      <h2 id="corrections" className="article-corrections-title">
        {title}
      </h2>
      <ol className="article-corrections-list">
        {corrections.map((c) => (
          <li key={`${c.at}-${c.text}`} className="article-correction">
            <p className="article-correction-meta">
              <strong>{c.label}</strong>{" "}
              <PublishedTime iso={c.at} timeZone={timeZone} />
            </p>
            <p className="article-correction-text">{c.text}</p>
          </li>
        ))}
      </ol>
      <p className="article-corrections-more">
        <Link href="/corrections">All corrections and clarifications</Link>
      </p>
    </section>
  );
}
