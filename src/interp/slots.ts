/**
 * Frame slot assignment for the interpreter: a linear scan over live intervals, so registers
 * whose lifetimes do not overlap share slots (smaller frames), with block parameters and the
 * values passed to them preferring the same slot (so edge moves disappear).
 *
 * Positions: each block has a start (where its parameters are defined), one position per
 * encoded operation and one for its terminator. A value's interval runs from its definition to
 * its last use, conservatively without holes; an operation reads all its operands before it
 * writes a result, so a result may take the slot of an operand used for the last time.
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

/** Assigns a frame slot to every register; returns the slots and the frame size used. */
export function assignSlots(p: SlotProblem): { slot: Int32Array; size: number } {
  const f = p.func;
  const n = f.vregTypes.length;
  const nb = f.blocks.length;
  if (nb * n > (p.maxLivenessBits ?? 1 << 26)) return naive(p);
  const words = (n + 31) >>> 5;

  // Upward-exposed uses (gen) and definitions (kill) per block, and positions.
  const gen = new Uint32Array(nb * words);
  const kill = new Uint32Array(nb * words);
  const blockStart = new Int32Array(nb);
  const blockEnd = new Int32Array(nb);
  const start = new Int32Array(n).fill(0x7fffffff);
  const end = new Int32Array(n).fill(-1);
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
    };
    const def = (v: number): void => {
      kill[base + (v >>> 5)] |= 1 << (v & 31);
    };
    blockStart[b] = pos;
    for (const v of block.params) {
      def(v);
      touch(v, pos);
    }
    for (const i of block.insts) {
      if (!p.encoded(i)) continue;
      pos++;
      for (const v of p.instUses(i)) {
        use(v);
        touch(v, pos);
      }
      for (const v of i.results) {
        def(v);
        touch(v, pos);
      }
    }
    pos++;
    for (const v of p.termUses(block)) {
      use(v);
      touch(v, pos);
    }
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
  for (let b = 0; b < nb; b++) {
    const base = b * words;
    for (let w = 0; w < words; w++) {
      let inBits = liveIn[base + w];
      while (inBits !== 0) {
        const bit = 31 - Math.clz32(inBits & -inBits);
        inBits &= inBits - 1;
        touch(w * 32 + bit, blockStart[b]);
      }
      let outBits = liveOut[base + w];
      while (outBits !== 0) {
        const bit = 31 - Math.clz32(outBits & -outBits);
        outBits &= outBits - 1;
        touch(w * 32 + bit, blockEnd[b]);
      }
    }
  }

  // Hints: each block parameter and the arguments passed to it.
  const related: number[][] = Array.from({ length: n }, () => []);
  for (const b of f.blocks) {
    for (const c of callsOf(b)) {
      const params = f.blocks[c.block].params;
      c.args.forEach((a, k) => {
        related[a].push(params[k]);
        related[params[k]].push(a);
      });
    }
  }

  const slot = new Int32Array(n).fill(-1);
  const entry = f.blocks[0].params;
  entry.forEach((v, i) => {
    slot[v] = p.paramSlots[i];
  });
  const order: number[] = [];
  for (let v = 0; v < n; v++) {
    if (end[v] < 0) continue;
    if (end[v] <= start[v]) end[v] = start[v] + 1;
    order.push(v);
  }
  order.sort((x, y) => start[x] - start[y] || slot[y] - slot[x]);
  const byEnd = [...order].sort((x, y) => end[x] - end[y]);

  // Free slots per class (ref, 1, 2, 4), and which slots are free.
  const pools: number[][] = [[], [], [], [], []];
  const free = new Uint8Array(align(p.paramSize, 4) + 4 * n + 4);
  let next = p.paramSize;
  let expired = 0;
  const cls = (v: number): number => p.width[v];
  for (const v of order) {
    while (expired < byEnd.length && end[byEnd[expired]] <= start[v]) {
      const x = byEnd[expired++];
      if (slot[x] >= 0) {
        pools[cls(x)].push(slot[x]);
        free[slot[x]] = 1;
      }
    }
    if (slot[v] >= 0) continue;
    const c = cls(v);
    const pool = pools[c];
    let chosen = -1;
    for (const r of related[v]) {
      const s = slot[r];
      if (s >= 0 && free[s] === 1 && cls(r) === c) {
        chosen = s;
        pool.splice(pool.lastIndexOf(s), 1);
        break;
      }
    }
    if (chosen < 0) chosen = pool.length > 0 ? (pool.pop() as number) : -1;
    if (chosen < 0) {
      const size = slotsOf(c);
      next = align(next, size);
      chosen = next;
      next += size;
    }
    free[chosen] = 0;
    slot[v] = chosen;
  }
  return { slot, size: next };
}
