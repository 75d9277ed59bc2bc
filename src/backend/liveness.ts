/**
 * Liveness over the IR and live intervals for linear-scan allocation.
 *
 * Positions: blocks are laid out in their IR order. Block `b` starts at an even position (where its
 * parameters are defined); instruction `k` of the block then has a use position `p` (even) and a
 * def position `p + 1`, and the terminator has one use position after the last instruction. So an
 * argument whose last use is an instruction ends at that instruction's use position and the
 * instruction's results start one later: they may share a register.
 *
 * An interval is the hull `[start, end]` of every position where the register is live (its
 * definition, its uses, and the whole of every block it is live through), computed from
 * block live-in/live-out sets solved to a fixed point. Hulls have no holes: simple and
 * conservative.
 */
import type { Block, Func, Terminator } from "../ir/types.js";

/** The live interval of one virtual register. */
export interface Interval {
  readonly vreg: number;
  start: number;
  end: number;
}

/** Positions of a function's blocks and instructions, and its intervals. */
export interface Liveness {
  /** Start position of every block. */
  readonly blockStart: readonly number[];
  /** End position of every block (its terminator's use position). */
  readonly blockEnd: readonly number[];
  /** `instPos[b][k]`: use position of instruction `k` of block `b` (its results are defined at +1). */
  readonly instPos: readonly (readonly number[])[];
  /** Interval of every register that is defined, by register number (null for unused registers). */
  readonly intervals: readonly (Interval | null)[];
}

/** The registers a terminator reads. */
export function termUses(t: Terminator): number[] {
  switch (t.kind) {
    case "jump":
      return [...t.target.args];
    case "brif":
      return [t.cond, ...t.then.args, ...t.else.args];
    case "brtable":
      return [t.index, ...t.default.args, ...t.targets.flatMap((c) => c.args)];
    case "return":
      return [...t.args];
    case "unreachable":
      return [];
  }
}

/** The successor block ids of a terminator. */
export function successors(t: Terminator): number[] {
  switch (t.kind) {
    case "jump":
      return [t.target.block];
    case "brif":
      return [t.then.block, t.else.block];
    case "brtable":
      return [t.default.block, ...t.targets.map((c) => c.block)];
    default:
      return [];
  }
}

function blockLiveIn(b: Block, liveOut: ReadonlySet<number>): Set<number> {
  const live = new Set(liveOut);
  for (const r of termUses(b.term)) live.add(r);
  for (let k = b.insts.length - 1; k >= 0; k--) {
    const inst = b.insts[k];
    for (const r of inst.results) live.delete(r);
    for (const r of inst.args) live.add(r);
  }
  for (const p of b.params) live.delete(p);
  return live;
}

/** Computes positions, live-in sets and intervals of `f`. */
export function computeLiveness(f: Func): Liveness {
  const blocks = f.blocks;
  const blockStart: number[] = [];
  const blockEnd: number[] = [];
  const instPos: number[][] = [];
  let pos = 0;
  for (const b of blocks) {
    blockStart.push(pos);
    pos += 2;
    const ps: number[] = [];
    for (let k = 0; k < b.insts.length; k++) {
      ps.push(pos);
      pos += 2;
    }
    instPos.push(ps);
    blockEnd.push(pos);
    pos += 2;
  }
  const liveIn: Set<number>[] = blocks.map(() => new Set());
  const liveOut: Set<number>[] = blocks.map(() => new Set());
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const out = liveOut[i];
      for (const s of successors(blocks[i].term)) for (const r of liveIn[s]) out.add(r);
      const inn = blockLiveIn(blocks[i], out);
      if (inn.size !== liveIn[i].size) {
        liveIn[i] = inn;
        changed = true;
      }
    }
  }
  const intervals: (Interval | null)[] = f.vregTypes.map(() => null);
  const touch = (r: number, p: number): void => {
    const iv = intervals[r];
    if (iv === null) intervals[r] = { vreg: r, start: p, end: p };
    else {
      if (p < iv.start) iv.start = p;
      if (p > iv.end) iv.end = p;
    }
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    for (const r of liveIn[i]) touch(r, blockStart[i]);
    for (const r of liveOut[i]) touch(r, blockEnd[i]);
    for (const r of b.params) touch(r, blockStart[i]);
    b.insts.forEach((inst, k) => {
      for (const r of inst.args) touch(r, instPos[i][k]);
      for (const r of inst.results) touch(r, instPos[i][k] + 1);
    });
    for (const r of termUses(b.term)) touch(r, blockEnd[i]);
  }
  return { blockStart, blockEnd, instPos, intervals };
}
