/**
 * Linear-scan register allocation (Poletto and Sarkar) over the hull intervals of `liveness.ts`,
 * with spilling and call clobbers:
 * - registers come in classes (e.g. general-purpose and floating-point); each register type of
 *   the IR maps to one class, and each class has its own ordered pool;
 * - an interval that lives across a clobber position (a call, or an exit that resumes) gets a
 *   stack slot, since no register survives those;
 * - when a class runs out of registers, the interval among the active ones and the new one that
 *   ends last is spilled to a stack slot for its whole life.
 * Stack slots are reused once their interval has ended, but only within a class, so a parallel
 * move's cycle never mixes classes.
 */
import type { Interval } from "./liveness.js";

/** Where a virtual register lives for its whole life. */
export type Location =
  | { readonly kind: "reg"; readonly cls: number; readonly reg: number }
  | { readonly kind: "stack"; readonly cls: number; readonly slot: number };

/** The result of allocation. */
export interface Allocation {
  /** Location of every register (null for registers without an interval). */
  readonly locations: readonly (Location | null)[];
  /** Number of stack slots used. */
  readonly slots: number;
}

/** What the allocator needs to know about the target and the function. */
export interface AllocRequest {
  /** Intervals by register number (null entries are ignored). */
  readonly intervals: readonly (Interval | null)[];
  /** The class of every register, by register number. */
  readonly classOf: (vreg: number) => number;
  /** Allocatable registers of each class, by class number, in preference order. */
  readonly pools: readonly (readonly number[])[];
  /** Positions at which every register is clobbered (sorted ascending). */
  readonly clobbers: readonly number[];
}

/** A string key for a location (for parallel moves). */
export function locationKey(l: Location): string {
  return l.kind === "reg" ? `r${l.cls}.${l.reg}` : `s${l.slot}`;
}

function crossesClobber(iv: Interval, clobbers: readonly number[]): boolean {
  // Binary search for the first clobber after the start.
  let lo = 0;
  let hi = clobbers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (clobbers[mid] <= iv.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < clobbers.length && clobbers[lo] < iv.end;
}

/** Allocates a location to every interval of `req`. */
export function allocate(req: AllocRequest): Allocation {
  const ivs = req.intervals.filter((iv): iv is Interval => iv !== null);
  ivs.sort((a, b) => a.start - b.start || a.vreg - b.vreg);
  const locations: (Location | null)[] = req.intervals.map(() => null);
  const free = req.pools.map((p) => [...p]);
  const active: Interval[] = [];
  const freeSlots: number[][] = req.pools.map(() => []);
  const activeSlots: { end: number; cls: number; slot: number }[] = [];
  let slots = 0;

  const newSlot = (cls: number, iv: Interval): Location => {
    const slot = freeSlots[cls].pop() ?? slots++;
    activeSlots.push({ end: iv.end, cls, slot });
    return { kind: "stack", cls, slot };
  };

  for (const iv of ivs) {
    // Expire intervals that ended before this one starts.
    for (let i = active.length - 1; i >= 0; i--) {
      const a = active[i];
      if (a.end < iv.start) {
        const loc = locations[a.vreg];
        if (loc !== null && loc.kind === "reg") free[loc.cls].unshift(loc.reg);
        active.splice(i, 1);
      }
    }
    for (let i = activeSlots.length - 1; i >= 0; i--) {
      const s = activeSlots[i];
      if (s.end < iv.start) {
        freeSlots[s.cls].push(s.slot);
        activeSlots.splice(i, 1);
      }
    }
    const cls = req.classOf(iv.vreg);
    if (crossesClobber(iv, req.clobbers)) {
      locations[iv.vreg] = newSlot(cls, iv);
      continue;
    }
    const reg = free[cls].shift();
    if (reg !== undefined) {
      locations[iv.vreg] = { kind: "reg", cls, reg };
      active.push(iv);
      continue;
    }
    // Spill whichever of the new interval and the active ones of its class ends last.
    let victim: Interval | null = null;
    for (const a of active) {
      const loc = locations[a.vreg];
      if (loc?.kind === "reg" && loc.cls === cls && (victim === null || a.end > victim.end)) victim = a;
    }
    if (victim !== null && victim.end > iv.end) {
      const loc = locations[victim.vreg] as Location;
      locations[iv.vreg] = loc;
      active.splice(active.indexOf(victim), 1);
      active.push(iv);
      // A fresh slot: a reused one may have been busy earlier in the victim's life.
      const slot = slots++;
      activeSlots.push({ end: victim.end, cls, slot });
      locations[victim.vreg] = { kind: "stack", cls, slot };
    } else {
      locations[iv.vreg] = newSlot(cls, iv);
    }
  }
  return { locations, slots };
}
