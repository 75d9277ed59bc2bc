/**
 * Timing helpers of the benchmarks: warmup, repetitions, minimum. The benchmarks share their
 * machine with other work, so a run is only ever slowed down by it: the fastest of several runs
 * is the least noisy estimate of a task's own time.
 */

/** Timing of one task on one engine. */
export interface Timing {
  /** Minimum milliseconds per run. */
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
 * but at least 5); returns the fastest run's time and the checksum.
 */
export function time(f: () => number, reps = 11, budgetMs = 4000): Timing {
  const t0 = performance.now();
  const checksum = f();
  const first = performance.now() - t0;
  const n = Math.max(5, Math.min(reps, Math.floor(budgetMs / Math.max(first, 1e-3))));
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return { ms: Math.min(...ms), checksum };
}
