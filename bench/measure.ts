/** Timing helpers of the benchmarks: warmup, repetitions, median. */

/** Timing of one task on one engine. */
export interface Timing {
  /** Median milliseconds per run. */
  readonly ms: number;
  /** The checksum the task returned. */
  readonly checksum: number;
}

/** The median of `xs` (not empty). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `f` once to warm up, then `reps` times (fewer when one run takes over `budgetMs / reps`,
 * but at least 3); returns the median and the checksum.
 */
export function time(f: () => number, reps = 7, budgetMs = 4000): Timing {
  const t0 = performance.now();
  const checksum = f();
  const first = performance.now() - t0;
  const n = Math.max(3, Math.min(reps, Math.floor(budgetMs / Math.max(first, 1e-3))));
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), checksum };
}
