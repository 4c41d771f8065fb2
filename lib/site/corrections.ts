import type { Kysely } from "kysely";
import { countLiveCorrections, listLiveCorrections } from "../db/corrections";
import type { Database } from "../db/schema";
import { toPublicCorrection, type PublicCorrection } from "./articles";

/** Corrections on a page of /corrections. */
export const CORRECTIONS_PAGE_SIZE = 20;

/** A correction on /corrections: with the article it belongs to. */
export interface SiteCorrection extends PublicCorrection {
  id: number;
  /** The article's current address (`/news/<slug>`) and live headline. */
  slug: string;
  headline: string;
}

/** One page of /corrections. */
export interface CorrectionsPage {
  corrections: SiteCorrection[];
  total: number;
  page: number;
  /** At least 1: the first page exists, empty, before any correction. */
  pageCount: number;
}

/**
 * Page `page` (from 1) of the corrections and clarifications of live stories, newest first;
 * undefined past the last page. A story taken off the site takes its corrections with it.
 */
export async function loadCorrectionsPage(
  db: Kysely<Database>,
  page: number,
): Promise<CorrectionsPage | undefined> {
  const total = await countLiveCorrections(db);
  const pageCount = Math.max(1, Math.ceil(total / CORRECTIONS_PAGE_SIZE));
  if (page < 1 || page > pageCount) return undefined;
  const rows = await listLiveCorrections(db, {
    limit: CORRECTIONS_PAGE_SIZE,
    offset: (page - 1) * CORRECTIONS_PAGE_SIZE,
  });
  return {
    corrections: rows.map((row) => ({
      ...toPublicCorrection(row),
      id: row.id,
      slug: row.slug,
      headline: row.headline,
    })),
    total,
    page,
    pageCount,
  };
}
