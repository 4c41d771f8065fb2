/**
 * Core Web Vitals of a page as Chromium reports them: cumulative layout shift (CLS) and largest
 * contentful paint (LCP), read with PerformanceObservers installed before the page's own
 * scripts. Used by the site journeys (CLS budget) and by bench/vitals.bench.ts (figures).
 */
import type { BrowserContext, Page } from "@playwright/test";

/** What a page measured so far. */
export interface Vitals {
  /** The largest session window of layout shifts without recent input (web-vitals' CLS). */
  cls: number;
  /** Start time of the last largest-contentful-paint entry, ms after navigation start. */
  lcp: number;
  /** Each counted shift, with the elements that moved (for finding a cause). */
  shifts: Array<{ value: number; at: number; sources: string[] }>;
}

/**
 * The observers, as script text: a function would be serialised from the test's compiled code,
 * which (under tsx) calls helpers that do not exist in the page.
 */
const OBSERVERS = `(() => {
  const state = { cls: 0, lcp: 0, shifts: [] };
  let windowValue = 0, windowStart = 0, windowLast = 0;
  window.__vitals = state;
  const describe = (node) => {
    if (!(node instanceof Element)) return String(node && node.nodeName);
    const cls = [...node.classList].join(".");
    return node.tagName.toLowerCase() + (cls ? "." + cls : "");
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      // Session windows: shifts less than 1 s apart, at most 5 s long.
      if (entry.startTime - windowLast < 1000 && entry.startTime - windowStart < 5000)
        windowValue += entry.value;
      else {
        windowValue = entry.value;
        windowStart = entry.startTime;
      }
      windowLast = entry.startTime;
      state.cls = Math.max(state.cls, windowValue);
      state.shifts.push({
        value: entry.value,
        at: Math.round(entry.startTime),
        sources: (entry.sources || []).map((s) => describe(s.node)),
      });
    }
  }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((list) => {
    const last = list.getEntries().at(-1);
    if (last) state.lcp = last.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
})();`;

/** Installs the observers in every page of `target` from its next navigation on. */
export async function observeVitals(target: Page | BrowserContext) {
  await target.addInitScript({ content: OBSERVERS });
}

/** The page's vitals so far (after `observeVitals` and a navigation). */
export function readVitals(page: Page): Promise<Vitals> {
  return page.evaluate(
    () => (window as unknown as { __vitals: Vitals }).__vitals,
  );
}
