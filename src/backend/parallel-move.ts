/**
 * Sequentializes a parallel move (all sources read before any destination is written), as needed
 * for block parameters on control-flow edges. Cycles are broken through a temporary location the
 * caller provides per register class.
 */

/** One move of a parallel move; locations are compared by `key`. */
export interface Move<L> {
  readonly src: L;
  readonly dst: L;
}

/**
 * Orders `moves` (distinct destinations) so that performing them one after another has the effect
 * of the parallel move. A cycle is broken by moving one of its sources to `temp(loc)` first
 * (`temp` returns the scratch location for the class of `loc`; it must differ from every
 * location in the moves). `key` identifies locations.
 */
export function sequentialize<L>(
  moves: readonly Move<L>[],
  key: (l: L) => string,
  temp: (l: L) => L,
): Move<L>[] {
  const pending = moves.filter((m) => key(m.src) !== key(m.dst));
  const out: Move<L>[] = [];
  while (pending.length > 0) {
    // A move whose destination no pending move reads can go now.
    const readers = new Map<string, number>();
    for (const m of pending) readers.set(key(m.src), (readers.get(key(m.src)) ?? 0) + 1);
    const ready = pending.findIndex((m) => !readers.has(key(m.dst)));
    if (ready >= 0) {
      out.push(pending[ready]);
      pending.splice(ready, 1);
      continue;
    }
    // Only cycles remain: save one destination's current value, and redirect its readers.
    const m = pending[0];
    const saved = m.dst;
    const t = temp(saved);
    out.push({ src: saved, dst: t });
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i];
      if (key(p.src) === key(saved)) pending[i] = { src: t, dst: p.dst };
    }
  }
  return out;
}
