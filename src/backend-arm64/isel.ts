/**
 * Instruction selection on arm64: dispatches each IR operation to its family's selector. SIMD
 * operations that `isel-simd.ts` does not compile are helper exits (`codegen.ts`) and never get
 * here.
 */
import type { Inst } from "../ir/types.js";
import type { FuncCodegen } from "./codegen.js";
import { selectFloat } from "./isel-float.js";
import { selectInt } from "./isel-int.js";
import { selectMem } from "./isel-mem.js";
import { selectSimd } from "./isel-simd.js";

/** Emits `inst`; throws the unsupported-operation `CompileError` for operations not handled yet. */
export function selectInst(cg: FuncCodegen, inst: Inst): void {
  if (selectInt(cg, inst) || selectMem(cg, inst) || selectFloat(cg, inst) || selectSimd(cg, inst)) return;
  cg.unsupportedOp(inst);
}
