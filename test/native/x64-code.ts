/**
 * Hand-encoded x86-64 test functions for the native layer's tests, written against the calling
 * convention in native/README.md (r15 = context; exit = write the code, `call [r15 + 0x60]`).
 * Each function is position independent and mapped in a region of its own. The disassembly
 * (GNU objdump, Intel syntax) sits beside the bytes; the runtime area at 0x100 is used for inputs
 * and outputs.
 */
import type { TestCode } from "./code.js";

/** [ctx+0x108] = [ctx+0x100] + 1; records rdi at [ctx+0x110] and rsp at [ctx+0x118]; returns. */
const ADD_ONE = Uint8Array.from([
  ...[0x49, 0x8b, 0x87, 0x00, 0x01, 0x00, 0x00], // mov    rax,QWORD PTR [r15+0x100]
  ...[0x48, 0x83, 0xc0, 0x01], //                   add    rax,0x1
  ...[0x49, 0x89, 0x87, 0x08, 0x01, 0x00, 0x00], // mov    QWORD PTR [r15+0x108],rax
  ...[0x49, 0x89, 0xbf, 0x10, 0x01, 0x00, 0x00], // mov    QWORD PTR [r15+0x110],rdi
  ...[0x49, 0x89, 0xa7, 0x18, 0x01, 0x00, 0x00], // mov    QWORD PTR [r15+0x118],rsp
  0xc3, //                                          ret
]);

/** Exits with TRAP (2), trap kind 42 in exit argument 0; never expects to be resumed. */
const TRAP = Uint8Array.from([
  ...[0x49, 0xc7, 0x47, 0x08, 0x2a, 0x00, 0x00, 0x00], // mov    QWORD PTR [r15+0x8],0x2a
  ...[0x41, 0xc7, 0x07, 0x02, 0x00, 0x00, 0x00], //       mov    DWORD PTR [r15],0x2
  ...[0x41, 0xff, 0x57, 0x60], //                         call   QWORD PTR [r15+0x60]
  ...[0x0f, 0x0b], //                                     ud2
]);

/**
 * Pushes 0x5a, exits with HOST_CALL (3): exit argument 0 = 7 (a host function index), argument 1 =
 * [ctx+0x100], rsp after the push at [ctx+0x118]. After a resume it pops the 0x5a back and stores
 * [ctx+0x100] (the host's result) + 0x5a at [ctx+0x108], then returns.
 */
const HOST_CALL = Uint8Array.from([
  ...[0x6a, 0x5a], //                                     push   0x5a
  ...[0x49, 0xc7, 0x47, 0x08, 0x07, 0x00, 0x00, 0x00], // mov    QWORD PTR [r15+0x8],0x7
  ...[0x49, 0x8b, 0x87, 0x00, 0x01, 0x00, 0x00], //       mov    rax,QWORD PTR [r15+0x100]
  ...[0x49, 0x89, 0x47, 0x10], //                         mov    QWORD PTR [r15+0x10],rax
  ...[0x49, 0x89, 0xa7, 0x18, 0x01, 0x00, 0x00], //       mov    QWORD PTR [r15+0x118],rsp
  ...[0x41, 0xc7, 0x07, 0x03, 0x00, 0x00, 0x00], //       mov    DWORD PTR [r15],0x3
  ...[0x41, 0xff, 0x57, 0x60], //                         call   QWORD PTR [r15+0x60]
  0x59, //                                                pop    rcx
  ...[0x49, 0x8b, 0x87, 0x00, 0x01, 0x00, 0x00], //       mov    rax,QWORD PTR [r15+0x100]
  ...[0x48, 0x01, 0xc8], //                               add    rax,rcx
  ...[0x49, 0x89, 0x87, 0x08, 0x01, 0x00, 0x00], //       mov    QWORD PTR [r15+0x108],rax
  0xc3, //                                                ret
]);

/**
 * Recurses without end, counting frames in [ctx+0x100], until its prologue finds rsp below the
 * stack limit at [ctx+0x38]; then exits with STACK_EXHAUSTED (5).
 */
const RECURSE = Uint8Array.from([
  ...[0x49, 0x3b, 0x67, 0x38], //                   0: cmp    rsp,QWORD PTR [r15+0x38]
  ...[0x72, 0x0d], //                               4: jb     0x13
  ...[0x49, 0xff, 0x87, 0x00, 0x01, 0x00, 0x00], // 6: inc    QWORD PTR [r15+0x100]
  ...[0xe8, 0xee, 0xff, 0xff, 0xff], //             d: call   0x0
  0xc3, //                                         12: ret
  ...[0x41, 0xc7, 0x07, 0x05, 0x00, 0x00, 0x00], //13: mov    DWORD PTR [r15],0x5
  ...[0x41, 0xff, 0x57, 0x60], //                  1a: call   QWORD PTR [r15+0x60]
  ...[0x0f, 0x0b], //                              1e: ud2
]);

/** Spins until the interrupt flag [ctx+0x50] is non-zero, exits with INTERRUPTED (6), then returns. */
const SPIN = Uint8Array.from([
  ...[0x41, 0x83, 0x7f, 0x50, 0x00], //             0: cmp    DWORD PTR [r15+0x50],0x0
  ...[0x74, 0xf9], //                               5: je     0x0
  ...[0x41, 0xc7, 0x07, 0x06, 0x00, 0x00, 0x00], // 7: mov    DWORD PTR [r15],0x6
  ...[0x41, 0xff, 0x57, 0x60], //                   e: call   QWORD PTR [r15+0x60]
  0xc3, //                                         12: ret
]);

/** Exits without writing an exit code (so the code reads NONE), then returns when resumed. */
const NO_CODE = Uint8Array.from([
  ...[0x41, 0xff, 0x57, 0x60], // call   QWORD PTR [r15+0x60]
  0xc3, //                        ret
]);

/** Moves rsp into the context block (outside the execution stack) and exits from there. */
const BAD_SP = Uint8Array.from([
  ...[0x49, 0x8d, 0xa7, 0x00, 0x08, 0x00, 0x00], // lea    rsp,[r15+0x800]
  ...[0x41, 0xff, 0x57, 0x60], //                   call   QWORD PTR [r15+0x60]
  ...[0x0f, 0x0b], //                               ud2
]);

/** The x86-64 test functions and how they use the stack. */
export const X64_CODE: TestCode = {
  ADD_ONE,
  TRAP,
  HOST_CALL,
  RECURSE,
  SPIN,
  NO_CODE,
  BAD_SP,
  entrySpOffset: 8,
  frameSize: 8,
  trapResumeOffset: 0x13,
};
