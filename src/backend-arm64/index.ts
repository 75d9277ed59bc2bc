/** Public surface of the arm64 backend: the code generator and its A64 assembler. */

export { AsmError } from "../backend/asm-error.js";
export { Assembler, type Mem, mem, memIndex, postIndex, preIndex } from "./assembler.js";
export { Arm64Backend, type CodeMark, type ListingLine, type ModuleListing } from "./compile.js";
export { Label } from "./labels.js";
export * from "./operands.js";
export * from "./registers.js";
