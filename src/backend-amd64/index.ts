/** Public surface of the x86-64 assembler. */

export { AsmError } from "../backend/asm-error.js";
export { Assembler } from "./assembler.js";
export type { BranchWidth } from "./control.js";
export type { AssemblerOptions } from "./core.js";
export type { MemWidth, OpDef } from "./encoding.js";
export type { GprOrMem, ShiftCount } from "./integer.js";
export { Label } from "./labels.js";
export { absolute, Mem, mem, memIndex, ripRel, type Scale } from "./operands.js";
export { formatInsn, type InsnRecord, type ListingLine, type Operand } from "./printer.js";
export * from "./registers.js";
export { CMP_PRED_NAMES, CmpPred, RoundMode, type XmmOrMem } from "./sse.js";
export { SSE } from "./sse-tables.js";
