/**
 * Hand-encoded aarch64 test functions, the counterparts of `x64-code.ts` for arm64 hosts, written
 * against the calling convention in native/README.md (x28 = context; exit = write the code,
 * `ldr x16, [x28, #0x60]; blr x16`). Each is position independent; the words are little-endian
 * A64 instructions with their disassembly (GNU objdump) beside them.
 */
import type { TestCode } from "./code.js";

/** Little-endian bytes of A64 instruction words. */
function words(...instructions: number[]): Uint8Array {
  const bytes = new Uint8Array(instructions.length * 4);
  const view = new DataView(bytes.buffer);
  for (const [i, w] of instructions.entries()) view.setUint32(i * 4, w, true);
  return bytes;
}

/** [ctx+0x108] = [ctx+0x100] + 1; records x0 at [ctx+0x110] and sp at [ctx+0x118]; returns. */
const ADD_ONE = words(
  0xf9408389, //   0: ldr x9, [x28, #256]
  0x91000529, //   4: add x9, x9, #0x1
  0xf9008789, //   8: str x9, [x28, #264]
  0xf9008b80, //   c: str x0, [x28, #272]
  0x910003e9, //  10: mov x9, sp
  0xf9008f89, //  14: str x9, [x28, #280]
  0xd65f03c0, //  18: ret
);

/** Exits with TRAP (2), trap kind 42 in exit argument 0; never expects to be resumed. */
const TRAP = words(
  0xd2800549, //   0: mov x9, #0x2a // #42
  0xf9000789, //   4: str x9, [x28, #8]
  0x52800049, //   8: mov w9, #0x2 // #2
  0xb9000389, //   c: str w9, [x28]
  0xf9403390, //  10: ldr x16, [x28, #96]
  0xd63f0200, //  14: blr x16
  0xd4200000, //  18: brk #0x0
);

/** Saves x29/x30, pushes 0x5a, exits with HOST_CALL (3): exit argument 0 = 7, argument 1 =
 * [ctx+0x100], sp after the push at [ctx+0x118]. After a resume it pops the 0x5a back and stores
 * [ctx+0x100] (the host's result) + 0x5a at [ctx+0x108], then returns. */
const HOST_CALL = words(
  0xa9bf7bfd, //   0: stp x29, x30, [sp, #-16]!
  0xd2800b49, //   4: mov x9, #0x5a // #90
  0xf81f0fe9, //   8: str x9, [sp, #-16]!
  0xd28000e9, //   c: mov x9, #0x7 // #7
  0xf9000789, //  10: str x9, [x28, #8]
  0xf9408389, //  14: ldr x9, [x28, #256]
  0xf9000b89, //  18: str x9, [x28, #16]
  0x910003e9, //  1c: mov x9, sp
  0xf9008f89, //  20: str x9, [x28, #280]
  0x52800069, //  24: mov w9, #0x3 // #3
  0xb9000389, //  28: str w9, [x28]
  0xf9403390, //  2c: ldr x16, [x28, #96]
  0xd63f0200, //  30: blr x16
  0xf84107e9, //  34: ldr x9, [sp], #16
  0xf940838a, //  38: ldr x10, [x28, #256]
  0x8b09014a, //  3c: add x10, x10, x9
  0xf900878a, //  40: str x10, [x28, #264]
  0xa8c17bfd, //  44: ldp x29, x30, [sp], #16
  0xd65f03c0, //  48: ret
);

/** Recurses without end (16-byte frames), counting frames in [ctx+0x100], until its prologue
 * finds sp below the stack limit at [ctx+0x38]; then exits with STACK_EXHAUSTED (5). */
const RECURSE = words(
  0xf9401f89, //   0: ldr x9, [x28, #56]
  0x910003ea, //   4: mov x10, sp
  0xeb09015f, //   8: cmp x10, x9
  0x54000103, //   c: b.lo 0x2c
  0xa9bf7bfd, //  10: stp x29, x30, [sp, #-16]!
  0xf940838b, //  14: ldr x11, [x28, #256]
  0x9100056b, //  18: add x11, x11, #0x1
  0xf900838b, //  1c: str x11, [x28, #256]
  0x97fffff8, //  20: bl 0x0
  0xa8c17bfd, //  24: ldp x29, x30, [sp], #16
  0xd65f03c0, //  28: ret
  0x528000a9, //  2c: mov w9, #0x5 // #5
  0xb9000389, //  30: str w9, [x28]
  0xf9403390, //  34: ldr x16, [x28, #96]
  0xd63f0200, //  38: blr x16
  0xd4200000, //  3c: brk #0x0
);

/** Spins until the interrupt flag [ctx+0x50] is non-zero, exits with INTERRUPTED (6), then returns. */
const SPIN = words(
  0xb9405389, //   0: ldr w9, [x28, #80]
  0x34ffffe9, //   4: cbz w9, 0x0
  0xf81f0ffe, //   8: str x30, [sp, #-16]!
  0x528000c9, //   c: mov w9, #0x6 // #6
  0xb9000389, //  10: str w9, [x28]
  0xf9403390, //  14: ldr x16, [x28, #96]
  0xd63f0200, //  18: blr x16
  0xf84107fe, //  1c: ldr x30, [sp], #16
  0xd65f03c0, //  20: ret
);

/** Exits without writing an exit code (so the code reads NONE), then returns when resumed. */
const NO_CODE = words(
  0xf81f0ffe, //   0: str x30, [sp, #-16]!
  0xf9403390, //   4: ldr x16, [x28, #96]
  0xd63f0200, //   8: blr x16
  0xf84107fe, //   c: ldr x30, [sp], #16
  0xd65f03c0, //  10: ret
);

/** Moves sp into the context block (outside the execution stack) and exits from there. */
const BAD_SP = words(
  0x91200389, //   0: add x9, x28, #0x800
  0x9100013f, //   4: mov sp, x9
  0xf9403390, //   8: ldr x16, [x28, #96]
  0xd63f0200, //   c: blr x16
  0xd4200000, //  10: brk #0x0
);

/** The aarch64 test functions and how they use the stack. */
export const A64_CODE: TestCode = {
  ADD_ONE,
  TRAP,
  HOST_CALL,
  RECURSE,
  SPIN,
  NO_CODE,
  BAD_SP,
  entrySpOffset: 0,
  frameSize: 16,
  trapResumeOffset: 0x18,
};
