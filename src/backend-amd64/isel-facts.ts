/**
 * What instruction selection learns from one pass over a function before register allocation:
 * - integer constants (`i32.const`, `i64.const`) that fit an instruction's immediate field (or,
 *   as memory addresses, its displacement) are folded into the operations using them; a constant folded into every use needs no register
 *   and emits no code;
 * - a comparison (or `eqz`) that only feeds the block's `brif` (ending the block) or the `select`
 *   right after it is fused with it: it sets the flags and the branch or `cmov` uses them, so its
 *   result needs no register either.
 */
import { successors, termUses } from "../backend/liveness.js";
import type { Func, Inst } from "../ir/types.js";

const I32_CONST = 0x41;
const I64_CONST = 0x42;
const SELECT = 0x1b;

/** Whether `op` is an integer comparison `eq..ge_u` (i32 0x46..0x4f, i64 0x51..0x5a). */
export function isIntCompare(op: number): boolean {
  return (op >= 0x46 && op <= 0x4f) || (op >= 0x51 && op <= 0x5a);
}

/** Whether `op` is `i32.eqz` or `i64.eqz`. */
export function isEqz(op: number): boolean {
  return op === 0x45 || op === 0x50;
}

/** Whether `op` is an i64 operation whose immediate operand is sign-extended from 32 bits. */
function isWideImmOp(op: number): boolean {
  return (
    (op >= 0x51 && op <= 0x5a) ||
    op === 0x7c ||
    op === 0x7d ||
    op === 0x7e ||
    (op >= 0x83 && op <= 0x85) ||
    op === 0x37
  );
}

/**
 * Whether operand `index` of `inst` can be an immediate with the constant's value `value` (as a
 * signed 64-bit integer): the second operand of add, sub, mul, bitwise operations, shifts,
 * rotations and comparisons, the stored value of integer stores, and the address of scalar
 * loads and stores (a displacement, see `isel-mem.ts`).
 */
export function foldsImmediate(inst: Inst, index: number, value: bigint): boolean {
  const op = inst.op;
  if (index === 0) return op >= 0x28 && op <= 0x3e;
  if (index !== 1) return false;
  const binary32 = op === 0x6a || op === 0x6b || op === 0x6c || (op >= 0x71 && op <= 0x78);
  const binary64 = op === 0x7c || op === 0x7d || op === 0x7e || (op >= 0x83 && op <= 0x8a);
  const store = op === 0x36 || op === 0x37 || (op >= 0x3a && op <= 0x3e);
  if (!(binary32 || binary64 || store || isIntCompare(op))) return false;
  if (!isWideImmOp(op)) return true;
  return value >= -0x8000_0000n && value <= 0x7fff_ffffn;
}

/** The facts; arrays are indexed by virtual register. */
export interface IselFacts {
  /** The value of every integer constant (as a signed 64-bit integer), null for other registers. */
  readonly consts: readonly (bigint | null)[];
  /** Constants folded into every use: no register, no code. */
  readonly elided: readonly boolean[];
  /** Comparison results fused with their block's `brif`: no register. */
  readonly fused: readonly boolean[];
}

function constValue(inst: Inst): bigint {
  if (inst.op === I32_CONST) return BigInt(inst.a | 0);
  return BigInt.asIntN(64, (BigInt(inst.b >>> 0) << 32n) | BigInt(inst.a >>> 0));
}

/**
 * Whether `inst` is a memory access whose code leaves the memory base in r11 (`isel-mem.ts`): a
 * scalar or whole-vector load or store at a constant address or with an offset small enough for a
 * displacement.
 */
function leavesBase(inst: Inst, consts: readonly (bigint | null)[]): boolean {
  const op = inst.op;
  const access = (op >= 0x28 && op <= 0x3e) || op === 0xfd00 || op === 0xfd0b;
  return access && (consts[inst.args[0]] !== null || inst.a + 16 <= 0x7fff_ffff);
}

/**
 * For every block, whether r11 holds the memory base when the block starts: when every
 * predecessor ends with it there (a must-analysis from the entry, where it does not). An
 * operation for which `keeps` fails loses it; memory accesses (`leavesBase`) load it. Terminators
 * and edge moves leave r11 alone, and interrupt polls reload it after the handler returns.
 */
export function memBaseAtEntry(
  f: Func,
  consts: readonly (bigint | null)[],
  keeps: (op: number) => boolean,
): boolean[] {
  const blocks = f.blocks;
  const preds: number[][] = blocks.map(() => []);
  blocks.forEach((b, bi) => {
    for (const s of successors(b.term)) preds[s].push(bi);
  });
  // What each block does to r11: null leaves it as it was at the block's start.
  const ends = blocks.map((b) => {
    let valid: boolean | null = null;
    for (const inst of b.insts) {
      if (!keeps(inst.op)) valid = false;
      else if ((inst.op >= 0x28 && inst.op <= 0x3e) || inst.op === 0xfd00 || inst.op === 0xfd0b) {
        valid = leavesBase(inst, consts);
      }
    }
    return valid;
  });
  const entry = blocks.map((_, bi) => bi !== 0 && preds[bi].length > 0);
  for (let changed = true; changed; ) {
    changed = false;
    for (let bi = 1; bi < blocks.length; bi++) {
      if (!entry[bi]) continue;
      if (!preds[bi].every((p) => ends[p] ?? entry[p])) {
        entry[bi] = false;
        changed = true;
      }
    }
  }
  return entry;
}

/** Computes the facts of `f`. */
export function computeIselFacts(f: Func): IselFacts {
  const n = f.vregTypes.length;
  const consts: (bigint | null)[] = new Array<bigint | null>(n).fill(null);
  const uses = new Array<number>(n).fill(0);
  const foldedUses = new Array<number>(n).fill(0);
  for (const b of f.blocks) {
    for (const inst of b.insts) {
      if (inst.op === I32_CONST || inst.op === I64_CONST) consts[inst.results[0]] = constValue(inst);
    }
  }
  for (const b of f.blocks) {
    for (const inst of b.insts) {
      inst.args.forEach((v, i) => {
        uses[v]++;
        const c = consts[v];
        if (c !== null && foldsImmediate(inst, i, c)) foldedUses[v]++;
      });
    }
    for (const v of termUses(b.term)) uses[v]++;
  }
  const elided = consts.map((c, v) => c !== null && uses[v] > 0 && foldedUses[v] === uses[v]);
  const fused = new Array<boolean>(n).fill(false);
  for (const b of f.blocks) {
    b.insts.forEach((inst, k) => {
      if (!isIntCompare(inst.op) && !isEqz(inst.op)) return;
      const r = inst.results[0];
      if (uses[r] !== 1) return;
      const next = b.insts[k + 1];
      if (next === undefined) {
        if (b.term.kind === "brif" && b.term.cond === r) fused[r] = true;
      } else if (next.op === SELECT && next.args[2] === r) {
        fused[r] = true;
      }
    });
  }
  return { consts, elided, fused };
}
