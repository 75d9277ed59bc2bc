// The functions the trampoline harness runs, written in assembly for x86-64 and aarch64
// (harness_code.cc). They follow the calling convention in native/README.md and use the runtime
// area as slots: 0x100 input, 0x108 output, 0x110 the first argument register seen at entry,
// 0x118 the stack pointer seen at entry (or before the exit, for the host call).
#ifndef KILN_NATIVE_HARNESS_CODE_H_
#define KILN_NATIVE_HARNESS_CODE_H_

#include <cstdint>

#include "../abi.h"

// A position-independent function's bytes, copied into a code mapping before it runs.
struct HarnessFunction {
  const uint8_t* begin;
  const uint8_t* end;
};

extern const HarnessFunction kAddOne;       // [0x108] = [0x100] + 1; records x0/rdi and sp; returns
extern const HarnessFunction kHostCall;     // exits HOST_CALL(7, [0x100]); then [0x108] = [0x100] + 0x5a
extern const HarnessFunction kRecurse;      // counts frames in [0x100] until sp < stack limit
extern const HarnessFunction kClobber;      // overwrites every callee-saved register but the context's
extern const HarnessFunction kClobberExit;  // the same around a HOST_CALL exit

using TrampolineFn = uint32_t (*)(kiln::Context*, uint64_t, uint64_t);

extern "C" {
// Loads sentinels into every callee-saved register, calls `fn(ctx, target, sp)`, and returns 0
// when all of them survived (a non-zero bit pattern otherwise).
uint64_t harness_check_preserved(kiln::Context* ctx, uint64_t target, uint64_t sp, TrampolineFn fn);
}

#endif  // KILN_NATIVE_HARNESS_CODE_H_
