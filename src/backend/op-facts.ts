/**
 * Target-independent facts about IR operations that every code generator needs: which
 * operations are calls or resuming exits (no register survives them), how large each function's
 * outgoing argument area is, the width and extension of every memory access, and what each
 * float-to-integer truncation converts.
 */

import type { FuncSig } from "../ir/ops.js";
import type { Func } from "../ir/types.js";
import type { Liveness } from "./liveness.js";

/** `call`. */
export const OP_CALL = 0x10;
/** `call_indirect` (`a` = type index, `b` = table index; the last argument is the slot). */
export const OP_CALL_INDIRECT = 0x11;
/** `memory.grow`: an exit that resumes. */
export const OP_MEMORY_GROW = 0x40;

/**
 * Whether no register survives `op`: a call, `memory.grow` (an exit that resumes), or an
 * operation the target runs as a runtime-helper exit (`isHelper`).
 */
export function isClobberOp(op: number, isHelper: (op: number) => boolean): boolean {
  return op === OP_CALL || op === OP_MEMORY_GROW || isHelper(op);
}

/** What a code generator learns from one pass over a function before allocating registers. */
export interface CallFacts {
  /** Liveness positions at which every register is clobbered, ascending. */
  readonly clobbers: number[];
  /**
   * Slots of the outgoing area: the most parameters or results of any function the function
   * calls directly or through a table.
   */
  readonly outSlots: number;
}

/**
 * Collects the clobber positions of `f` (operations for which `isClobber` holds) and the size of
 * its outgoing area from the signatures of its calls.
 */
export function scanCalls(
  f: Func,
  liveness: Liveness,
  funcSigs: readonly FuncSig[],
  typeSigs: readonly FuncSig[],
  isClobber: (op: number) => boolean,
): CallFacts {
  const clobbers: number[] = [];
  let outSlots = 0;
  f.blocks.forEach((b, bi) => {
    b.insts.forEach((inst, k) => {
      if (isClobber(inst.op)) clobbers.push(liveness.instPos[bi][k]);
      if (inst.op === OP_CALL || inst.op === OP_CALL_INDIRECT) {
        const sig = inst.op === OP_CALL ? funcSigs[inst.a] : typeSigs[inst.a];
        outSlots = Math.max(outSlots, sig.params.length, sig.results.length);
      }
    });
  });
  return { clobbers, outSlots };
}

/** Access width in bytes of loads 0x28..0x35 and stores 0x36..0x3e, by `op - 0x28`. */
const ACCESS_WIDTHS: readonly number[] = [
  4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4, 4, 8, 4, 8, 1, 2, 1, 2, 4,
];

/** Whether `op` is one of the scalar loads (`i32.load` 0x28 .. `i64.load32_u` 0x35). */
export function isScalarLoad(op: number): boolean {
  return op >= 0x28 && op <= 0x35;
}

/** Whether `op` is one of the scalar stores (`i32.store` 0x36 .. `i64.store32` 0x3e). */
export function isScalarStore(op: number): boolean {
  return op >= 0x36 && op <= 0x3e;
}

/** The access width in bytes of a scalar load or store. */
export function accessWidth(op: number): number {
  return ACCESS_WIDTHS[op - 0x28];
}

/** Whether a narrow scalar load sign-extends (`load8_s`, `load16_s`, `load32_s`). */
export function loadSigned(op: number): boolean {
  return op === 0x2c || op === 0x2e || op === 0x30 || op === 0x32 || op === 0x34;
}

/** Whether a scalar integer load produces an i64. */
export function loadWide(op: number): boolean {
  return op === 0x29 || op >= 0x30;
}

/** A float-to-integer truncation: source and destination widths, signedness, saturation. */
export interface Truncation {
  /** The source is f64 (else f32). */
  readonly f64: boolean;
  /** The result is i64 (else i32). */
  readonly wide: boolean;
  /** Signed conversion. */
  readonly signed: boolean;
  /** Saturating (`trunc_sat`, 0xFC00..0xFC07) rather than trapping (0xA8..0xB1 but the extends). */
  readonly saturating: boolean;
}

/** Trapping truncations by opcode, in the order of their saturating twins 0xFC00..0xFC07. */
const TRAPPING_TRUNCS = [0xa8, 0xa9, 0xaa, 0xab, 0xae, 0xaf, 0xb0, 0xb1];

/** The truncation `op` is, or null when it is none. */
export function truncationOf(op: number): Truncation | null {
  const saturating = op >= 0xfc00 && op <= 0xfc07;
  const i = saturating ? op - 0xfc00 : TRAPPING_TRUNCS.indexOf(op);
  if (i < 0) return null;
  return { f64: (i & 2) !== 0, wide: i >= 4, signed: (i & 1) === 0, saturating };
}
