/**
 * The arm64 side of the compiled-code ABI (`src/backend/README.md`, section "arm64"): register
 * roles, allocation pools and the scratch registers instruction sequences own.
 *
 * - x28 holds the context; sp, x29 (frame pointer) and x30 (link register) make the frame; x18
 *   (the platform register) is never touched.
 * - x16, x17, x14 are value scratch registers, x15 only ever addresses far frame slots; v31, v30,
 *   v29, v28 are the SIMD&FP scratch registers. None of them is ever allocated.
 * - Every other register is allocatable, and every register is caller-saved (as on amd64: a value
 *   live across a call or a resuming exit lives in a stack slot).
 */
import { Ty } from "../ir/types.js";
import { type GpReg, type VecReg, vecReg, W, X, x14, x15, x16, x17, x28 } from "./registers.js";

/** Register class of general-purpose registers (i32, i64, references). */
export const CLASS_GPR = 0;
/** Register class of SIMD&FP registers (f32, f64, v128). */
export const CLASS_VEC = 1;

/** Allocatable general-purpose registers by number: x0–x13, x19–x27. */
export const GPR_POOL: readonly number[] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 19, 20, 21, 22, 23, 24, 25, 26, 27,
];

/** Allocatable SIMD&FP registers by number: v0–v27. */
export const VEC_POOL: readonly number[] = Array.from({ length: 28 }, (_, i) => i);

/** The context register. */
export const CTX = x28;

/** First value scratch register (x16): operands, results, slot copies. */
export const S0 = x16;
/** Second value scratch register (x17). */
export const S1 = x17;
/** Third value scratch register (x14); also the temporary of parallel-move cycles. */
export const S2 = x14;
/**
 * Address scratch (x15): only `slotAddress` uses it, to reach frame slots beyond the reach of an
 * immediate offset, so it never holds a value.
 */
export const FAR = x15;

/** First SIMD&FP scratch register number (v31). */
export const V0 = 31;
/** Second SIMD&FP scratch register number (v30); also the temporary of parallel-move cycles. */
export const V1 = 30;
/** Third SIMD&FP scratch register number (v29). */
export const V2 = 29;
/** Fourth SIMD&FP scratch register number (v28). */
export const V3 = 28;

/** The register class of an IR type. */
export function classOfTy(t: Ty): number {
  return t === Ty.F32 || t === Ty.F64 || t === Ty.V128 ? CLASS_VEC : CLASS_GPR;
}

/** The X view of general-purpose register `n`. */
export function xr(n: number): GpReg {
  return X[n];
}

/** The W view of general-purpose register `n`. */
export function wr(n: number): GpReg {
  return W[n];
}

/** The 32- or 64-bit view of `r` for an IR type (W for i32, X otherwise). */
export function viewOf(r: GpReg, t: Ty): GpReg {
  return t === Ty.I32 ? W[r.num] : X[r.num];
}

/** The `16b` vector view of SIMD&FP register `n` (whole-register moves and bitwise operations). */
export function v16b(n: number): VecReg {
  return vecReg("16b", n);
}
