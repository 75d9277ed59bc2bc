/** The hand-encoded test functions for the machine the tests run on (x86-64 or aarch64). */
import { A64_CODE } from "./a64-code.js";
import { X64_CODE } from "./x64-code.js";

/**
 * The same seven functions for each architecture (see `x64-code.ts` for what each does), and the
 * stack facts the tests' expectations depend on.
 */
export interface TestCode {
  readonly ADD_ONE: Uint8Array;
  readonly TRAP: Uint8Array;
  readonly HOST_CALL: Uint8Array;
  readonly RECURSE: Uint8Array;
  readonly SPIN: Uint8Array;
  readonly NO_CODE: Uint8Array;
  readonly BAD_SP: Uint8Array;
  /** Bytes between the stack top and the stack pointer the entry function starts with. */
  readonly entrySpOffset: number;
  /** Stack bytes each RECURSE frame takes. */
  readonly frameSize: number;
  /** Offset of TRAP's resume address (just after its exit call). */
  readonly trapResumeOffset: number;
}

/** The test functions for this machine, or null on an architecture without a trampoline. */
export const testCode: TestCode | null =
  process.arch === "x64" ? X64_CODE : process.arch === "arm64" ? A64_CODE : null;

/** How many RECURSE frames fit between `stackTop` and `stackLimit` before the prologue exits. */
export function recursionFrames(code: TestCode, stackTop: number, stackLimit: number): number {
  return Math.floor((stackTop - code.entrySpOffset - stackLimit) / code.frameSize) + 1;
}
