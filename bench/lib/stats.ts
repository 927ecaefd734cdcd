/** Small statistics helpers for the benchmarks: percentiles, medians, rounding. */

/** The p-th percentile (0–100) of `values` by nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Latency figures of one run (ms): p50, p99, mean, max, count. */
export type Latency = { p50: number; p99: number; mean: number; max: number; n: number };

export function latency(samples: readonly number[]): Latency {
  return {
    p50: round(percentile(samples, 50), 3),
    p99: round(percentile(samples, 99), 3),
    mean: round(mean(samples), 3),
    max: round(Math.max(...samples), 3),
    n: samples.length,
  };
}

/**
 * Several runs of the same sample set: each figure is the median over runs of that run's figure
 * (so a p99 is "the median run's p99", not the p99 of everything pooled).
 */
export function medianOfRuns(runs: readonly (readonly number[])[]): Latency & { runs: number } {
  const per = runs.map(latency);
  const pick = (k: keyof Latency) => round(median(per.map((l) => l[k])), 3);
  return {
    p50: pick('p50'),
    p99: pick('p99'),
    mean: pick('mean'),
    max: pick('max'),
    n: per[0]?.n ?? 0,
    runs: runs.length,
  };
}

export function round(x: number, digits = 1): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Times `fn` with performance.now(); returns [result, ms]. */
export function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

/** Runs the collector when node was started with --expose-gc (the bench children are). */
export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
}

/** process.memoryUsage() in MB, rounded. */
export function memoryMb(): {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
} {
  const m = process.memoryUsage();
  const mb = (x: number) => round(x / 1048576, 1);
  return {
    rss: mb(m.rss),
    heapUsed: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
  };
}

/** Peak RSS of this process so far, in MB (getrusage maxrss). */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}
