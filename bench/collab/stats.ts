/** Latency percentiles of a round, and the figures made of several rounds. */

/** The p-th percentile of ascending `sorted` (nearest rank); NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ]!;
}

/** Percentiles of latencies (ms, to 0.01) and how many samples they come from. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The percentiles of `values`. */
export function summarize(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

/** The median of `values`, to 0.01 when it is the mean of the middle two; NaN when empty. */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[half]!
    : Math.round(((sorted[half - 1]! + sorted[half]!) / 2) * 100) / 100;
}

/** Each percentile's median over rounds (n: all samples). */
export function medianOf(rounds: Latency[]): Latency {
  return {
    n: rounds.reduce((sum, r) => sum + r.n, 0),
    p50: median(rounds.map((r) => r.p50)),
    p95: median(rounds.map((r) => r.p95)),
    p99: median(rounds.map((r) => r.p99)),
  };
}

/** Ours ÷ the reference, to 0.01. */
export function ratio(ours: number, reference: number): number {
  return Math.round((ours / reference) * 100) / 100;
}

/** Each percentile of a latency ÷ the reference's. */
export type Ratios = { p50: number; p95: number; p99: number };

/** Each percentile of `l` ÷ the reference's. */
export function ratiosTo(reference: Latency, l: Latency): Ratios {
  return {
    p50: ratio(l.p50, reference.p50),
    p95: ratio(l.p95, reference.p95),
    p99: ratio(l.p99, reference.p99),
  };
}
