/**
 * The amd64 side of the compiled-code ABI (`src/backend/README.md`): register roles, allocation
 * pools and frame addressing.
 */
import { Ty } from "../ir/types.js";
import { GPRS, type Gpr, XMMS, type Xmm } from "./registers.js";

/** Register class of general-purpose registers (i32, i64). */
export const CLASS_GPR = 0;
/** Register class of xmm registers (f32, f64, v128). */
export const CLASS_XMM = 1;

/** Allocatable GPRs by number: rbx, rsi, rdi, r8, r9, r10, r12, r13, r14. */
export const GPR_POOL: readonly number[] = [3, 6, 7, 8, 9, 10, 12, 13, 14];

/** Allocatable xmm registers by number: xmm2 to xmm14. */
export const XMM_POOL: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

/** The register class of an IR type. */
export function classOfTy(t: Ty): number {
  return t === Ty.F32 || t === Ty.F64 || t === Ty.V128 ? CLASS_XMM : CLASS_GPR;
}

/** The GPR numbered `n`. */
export function gpr(n: number): Gpr {
  return GPRS[n] as Gpr;
}

/** The xmm register numbered `n`. */
export function xmm(n: number): Xmm {
  return XMMS[n] as Xmm;
}
