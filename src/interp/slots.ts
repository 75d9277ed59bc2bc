/**
 * Frame slot assignment for the interpreter: a linear scan over live intervals, so registers
 * whose lifetimes do not overlap share slots (smaller frames), with block parameters and the
 * values passed to them preferring the same slot (so edge moves disappear).
 *
 * Positions: each block has a start (where its parameters are defined), one position per
 * encoded operation and one for its terminator. An operation reads all its operands before it
 * writes a result, so a result may take the slot of an operand used for the last time.
 *
 * First, block parameters and the arguments passed to them are coalesced into groups when their
 * exact live ranges (per block, with holes) do not intersect. Then groups and other registers
 * get slots by a linear scan over their hull intervals (from first to last live position).
 */
import type { Block, BlockCall, Func, Inst } from "../ir/types.js";
import { Width } from "./ops.js";

/** What the encoder will actually read and write, after fusion. */
export interface SlotProblem {
  readonly func: Func;
  /** Width code of every register (see `Width`). */
  readonly width: Uint8Array;
  /** Slots of the function's parameters (fixed by the calling convention) and their total size. */
  readonly paramSlots: readonly number[];
  readonly paramSize: number;
  /** True when `i` is encoded (false for fused comparisons and folded constants). */
  encoded(i: Inst): boolean;
  /** Registers `i` reads as encoded. */
  instUses(i: Inst): readonly number[];
  /** Registers the terminator of `b` reads, edge arguments included. */
  termUses(b: Block): readonly number[];
  /** Operations encoded at the start of the entry block instead of where they are. */
  readonly hoisted: readonly Inst[];
  /** Above this many blocks times registers, every register gets its own slot (default 2^26). */
  readonly maxLivenessBits?: number;
}

function callsOf(b: Block): readonly BlockCall[] {
  const t = b.term;
  switch (t.kind) {
    case "jump":
      return [t.target];
    case "brif":
      return [t.then, t.else];
    case "brtable":
      return [...t.targets, t.default];
    default:
      return [];
  }
}

function slotsOf(w: number): number {
  return w === Width.Ref ? 1 : w;
}

function align(at: number, n: number): number {
  return (at + n - 1) & -n;
}

/** One slot per register, parameters first: the layout for functions too large to analyse. */
function naive(p: SlotProblem): { slot: Int32Array; size: number } {
  const f = p.func;
  const n = f.vregTypes.length;
  const slot = new Int32Array(n);
  const isParam = new Uint8Array(n);
  f.blocks[0].params.forEach((v, i) => {
    slot[v] = p.paramSlots[i];
    isParam[v] = 1;
  });
  let at = align(p.paramSize, 4);
  for (const size of [4, 2, 1]) {
    for (let v = 0; v < n; v++) {
      if (!isParam[v] && slotsOf(p.width[v]) === size) {
        slot[v] = at;
        at += size;
      }
    }
  }
  return { slot, size: at };
}

/** A live range `[start, end)` in positions. */
type Range = readonly [number, number];

/** True when two sorted lists of disjoint ranges intersect. */
function intersects(a: readonly Range[], b: readonly Range[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][1] <= b[j][0]) i++;
    else if (b[j][1] <= a[i][0]) j++;
    else return true;
  }
  return false;
}

function mergeRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  return [...a, ...b].sort((x, y) => x[0] - y[0]);
}

/** Assigns a frame slot to every register; returns the slots and the frame size used. */
export function assignSlots(p: SlotProblem): { slot: Int32Array; size: number } {
  const f = p.func;
  const n = f.vregTypes.length;
  const nb = f.blocks.length;
  if (nb * n > (p.maxLivenessBits ?? 1 << 26)) return naive(p);
  const words = (n + 31) >>> 5;
  const bit = (set: Uint32Array, b: number, v: number): boolean =>
    (set[b * words + (v >>> 5)] & (1 << (v & 31))) !== 0;

  // Registers related by block calls: the candidates for coalescing.
  const related = new Uint8Array(n);
  const pairs: [number, number][] = [];
  for (const b of f.blocks) {
    for (const c of callsOf(b)) {
      const params = f.blocks[c.block].params;
      c.args.forEach((a, k) => {
        related[a] = 1;
        related[params[k]] = 1;
        pairs.push([a, params[k]]);
      });
    }
  }

  // Upward-exposed uses (gen) and definitions (kill) per block, positions, and for related
  // registers the definition and the last use in each block.
  const gen = new Uint32Array(nb * words);
  const kill = new Uint32Array(nb * words);
  const blockStart = new Int32Array(nb);
  const blockEnd = new Int32Array(nb);
  const start = new Int32Array(n).fill(0x7fffffff);
  const end = new Int32Array(n).fill(-1);
  const defBlock = new Int32Array(n).fill(-1);
  const defPos = new Int32Array(n);
  const lastUse = new Map<number, number>();
  const touch = (v: number, at: number): void => {
    if (at < start[v]) start[v] = at;
    if (at > end[v]) end[v] = at;
  };
  let pos = 0;
  for (let b = 0; b < nb; b++) {
    const block = f.blocks[b];
    const base = b * words;
    const use = (v: number): void => {
      if ((kill[base + (v >>> 5)] & (1 << (v & 31))) === 0) gen[base + (v >>> 5)] |= 1 << (v & 31);
      touch(v, pos);
      if (related[v]) lastUse.set(v * nb + b, pos);
    };
    const def = (v: number): void => {
      kill[base + (v >>> 5)] |= 1 << (v & 31);
      touch(v, pos);
      defBlock[v] = b;
      defPos[v] = pos;
    };
    blockStart[b] = pos;
    block.params.forEach(def);
    const insts = b === 0 ? [...p.hoisted, ...block.insts.filter((i) => p.encoded(i))] : block.insts;
    for (const i of insts) {
      if (b !== 0 && !p.encoded(i)) continue;
      pos++;
      p.instUses(i).forEach(use);
      i.results.forEach(def);
    }
    pos++;
    p.termUses(block).forEach(use);
    pos++;
    blockEnd[b] = pos;
  }

  // Liveness: liveIn = gen | (liveOut & ~kill); liveOut = union of the successors' liveIn.
  const liveIn = new Uint32Array(nb * words);
  const liveOut = new Uint32Array(nb * words);
  const succs = f.blocks.map((b) => callsOf(b).map((c) => c.block));
  for (let changed = true; changed; ) {
    changed = false;
    for (let b = nb - 1; b >= 0; b--) {
      const base = b * words;
      for (const s of succs[b]) {
        const sb = s * words;
        for (let w = 0; w < words; w++) liveOut[base + w] |= liveIn[sb + w];
      }
      for (let w = 0; w < words; w++) {
        const x = (gen[base + w] | (liveOut[base + w] & ~kill[base + w])) >>> 0;
        if (x !== liveIn[base + w]) {
          liveIn[base + w] = x;
          changed = true;
        }
      }
    }
  }

  // Hull intervals, and exact ranges of related registers.
  const ranges: Range[][] = Array.from({ length: n }, () => []);
  const rangeEnd = (v: number, b: number, from: number): number =>
    bit(liveOut, b, v) ? blockEnd[b] : Math.max(lastUse.get(v * nb + b) ?? from, from + 1);
  for (let b = 0; b < nb; b++) {
    const base = b * words;
    for (let w = 0; w < words; w++) {
      let inBits = liveIn[base + w];
      while (inBits !== 0) {
        const v = w * 32 + (31 - Math.clz32(inBits & -inBits));
        inBits &= inBits - 1;
        touch(v, blockStart[b]);
        if (related[v]) ranges[v].push([blockStart[b], rangeEnd(v, b, blockStart[b])]);
      }
      let outBits = liveOut[base + w];
      while (outBits !== 0) {
        const v = w * 32 + (31 - Math.clz32(outBits & -outBits));
        outBits &= outBits - 1;
        touch(v, blockEnd[b]);
      }
    }
  }
  for (let v = 0; v < n; v++) {
    if (end[v] >= 0 && end[v] <= start[v]) end[v] = start[v] + 1;
    if (related[v] && defBlock[v] >= 0) {
      ranges[v].push([defPos[v], rangeEnd(v, defBlock[v], defPos[v])]);
      ranges[v].sort((x, y) => x[0] - y[0]);
    }
  }

  // Coalesce block parameters with their arguments when their ranges are disjoint.
  const group = Int32Array.from({ length: n }, (_, v) => v);
  const find = (v: number): number => {
    while (group[v] !== v) {
      group[v] = group[group[v]];
      v = group[v];
    }
    return v;
  };
  const entry = f.blocks[0].params;
  const fixed = new Int32Array(n).fill(-1);
  entry.forEach((v, i) => {
    fixed[v] = p.paramSlots[i];
  });
  for (const [a, q] of pairs) {
    const x = find(a);
    const y = find(q);
    if (x === y || p.width[x] !== p.width[y] || (fixed[x] >= 0 && fixed[y] >= 0)) continue;
    if (intersects(ranges[x], ranges[y])) continue;
    const [root, child] = fixed[y] >= 0 ? [y, x] : [x, y];
    group[child] = root;
    ranges[root] = mergeRanges(ranges[root], ranges[child]);
    start[root] = Math.min(start[root], start[child]);
    end[root] = Math.max(end[root], end[child]);
  }

  // Linear scan over the groups' hull intervals.
  const slot = new Int32Array(n).fill(-1);
  const order: number[] = [];
  for (let v = 0; v < n; v++) {
    if (find(v) !== v || end[v] < 0) continue;
    if (fixed[v] >= 0) slot[v] = fixed[v];
    order.push(v);
  }
  order.sort((x, y) => start[x] - start[y] || slot[y] - slot[x]);
  const byEnd = [...order].sort((x, y) => end[x] - end[y]);
  const pools: number[][] = [[], [], [], [], []];
  let next = p.paramSize;
  let expired = 0;
  for (const v of order) {
    while (expired < byEnd.length && end[byEnd[expired]] <= start[v]) {
      const x = byEnd[expired++];
      if (slot[x] >= 0) pools[p.width[x]].push(slot[x]);
    }
    if (slot[v] >= 0) continue;
    const pool = pools[p.width[v]];
    let chosen = pool.length > 0 ? (pool.pop() as number) : -1;
    if (chosen < 0) {
      const size = slotsOf(p.width[v]);
      next = align(next, size);
      chosen = next;
      next += size;
    }
    slot[v] = chosen;
  }
  for (let v = 0; v < n; v++) slot[v] = slot[find(v)];
  return { slot, size: next };
}
