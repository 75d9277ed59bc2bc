// Standalone test of the trampoline, without Node: maps small functions written in assembly
// (harness_code.h), runs them through kiln_trampoline_enter / kiln_trampoline_resume on an mmap'd
// execution stack, and checks the exit protocol, nested entries below suspended frames, stack-limit
// exits and that every callee-saved register of the host survives. Runs natively on x86-64 and,
// built with aarch64-linux-gnu-g++, under qemu-aarch64. Prints "N passed, N failed".
#include <sys/mman.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

#include "../abi.h"
#include "../tools.h"
#include "harness_code.h"

namespace {

int passed = 0;
int failed = 0;

void Check(bool ok, const char* what, int line) {
  if (ok) {
    ++passed;
  } else {
    ++failed;
    std::printf("FAIL line %d: %s\n", line, what);
  }
}
#define CHECK(cond) Check((cond), #cond, __LINE__)

constexpr size_t kGuard = 64 * 1024 + KILN_STACK_ISOLATION;
constexpr size_t kStack = 256 * 1024;

struct Harness {
  kiln::Context* ctx = nullptr;
  uint8_t* stack = nullptr;
  uint64_t bottom = 0;
  uint64_t top = 0;
  unsigned stack_id = 0;

  Harness() {
    void* block = mmap(nullptr, KILN_CTX_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void* s = mmap(nullptr, kGuard + kStack + KILN_STACK_ISOLATION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (block == MAP_FAILED || s == MAP_FAILED || mprotect(static_cast<uint8_t*>(s) + kGuard, kStack,
                                                           PROT_READ | PROT_WRITE) != 0) {
      std::printf("FAIL: cannot map the context or the stack\n");
      failed++;
      return;
    }
    ctx = static_cast<kiln::Context*>(block);
    stack = static_cast<uint8_t*>(s);
    bottom = reinterpret_cast<uint64_t>(stack + kGuard);
    top = bottom + kStack;
    stack_id = KILN_STACK_REGISTER(bottom, top);
  }
  ~Harness() {
    KILN_STACK_DEREGISTER(stack_id);
    munmap(ctx, KILN_CTX_SIZE);
    munmap(stack, kGuard + kStack + KILN_STACK_ISOLATION);
  }

  // The stack pointer to run at, with the free stack below it made addressable for valgrind.
  uint64_t At(uint64_t sp) const {
    KILN_STACK_FREE_BELOW(bottom, sp);
    return sp;
  }

  void Prepare() {
    ctx->exit_code = KILN_EXIT_NONE;
    ctx->exit_stub = reinterpret_cast<uint64_t>(&kiln_exit_stub);
    ctx->stack_limit = bottom + KILN_STACK_RESERVE;
    ctx->stack_top = top;
    ctx->stack_bottom = bottom;
  }
  uint64_t& Slot(int i) { return reinterpret_cast<uint64_t*>(reinterpret_cast<uint8_t*>(ctx) + KILN_CTX_RUNTIME_AREA)[i]; }
};

// Copies a function's bytes into a fresh read-execute mapping, as CodeRegion does.
uint64_t MapCode(const HarnessFunction& f) {
  size_t size = static_cast<size_t>(f.end - f.begin);
  void* p = mmap(nullptr, 4096 * 4, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED || size > 4096 * 4) return 0;
  std::memcpy(p, f.begin, size);
  if (mprotect(p, 4096 * 4, PROT_READ | PROT_EXEC) != 0) return 0;
  __builtin___clear_cache(static_cast<char*>(p), static_cast<char*>(p) + size);
  return reinterpret_cast<uint64_t>(p);
}

uint64_t Nested(uint64_t saved_sp) { return (saved_sp - KILN_NESTED_ENTRY_GAP) & ~uint64_t{15}; }

void TestReturn(Harness& h) {
  uint64_t add_one = MapCode(kAddOne);
  h.Prepare();
  h.Slot(0) = 41;
  uint32_t code = kiln_trampoline_enter(h.ctx, add_one, h.At(h.top));
  CHECK(code == KILN_EXIT_RETURN);
  CHECK(h.ctx->exit_code == KILN_EXIT_RETURN);
  CHECK(h.Slot(1) == 42);
  CHECK(h.Slot(2) == reinterpret_cast<uint64_t>(h.ctx));  // first argument register = context
#if defined(__x86_64__)
  CHECK(h.Slot(3) == h.top - 8);  // the landing address was pushed like a return address
#else
  CHECK(h.Slot(3) == h.top);  // x30 holds the landing address
#endif
}

void TestExitResumeAndNesting(Harness& h) {
  uint64_t host_call = MapCode(kHostCall);
  uint64_t add_one = MapCode(kAddOne);
  h.Prepare();
  h.Slot(0) = 5;
  CHECK(kiln_trampoline_enter(h.ctx, host_call, h.At(h.top)) == KILN_EXIT_HOST_CALL);
  CHECK(h.ctx->exit_args[0] == 7);
  CHECK(h.ctx->exit_args[1] == 5);
  uint64_t outer_sp = h.ctx->saved_sp;
  uint64_t outer_resume = h.ctx->resume_address;
  CHECK(outer_sp == h.Slot(3));
  CHECK(outer_resume > host_call && outer_resume < host_call + (kHostCall.end - kHostCall.begin));

  // Nested entry below the suspended frames, itself suspended by a host call, then resumed.
  h.Prepare();
  h.Slot(0) = 6;
  CHECK(kiln_trampoline_enter(h.ctx, host_call, h.At(Nested(outer_sp))) == KILN_EXIT_HOST_CALL);
  uint64_t inner_sp = h.ctx->saved_sp;
  uint64_t inner_resume = h.ctx->resume_address;
  CHECK(inner_sp < outer_sp - KILN_NESTED_ENTRY_GAP);
  // A third level that simply returns.
  h.Prepare();
  h.Slot(0) = 99;
  CHECK(kiln_trampoline_enter(h.ctx, add_one, h.At(Nested(inner_sp))) == KILN_EXIT_RETURN);
  CHECK(h.Slot(1) == 100);
  h.Prepare();
  h.Slot(0) = 20;
  CHECK(kiln_trampoline_resume(h.ctx, inner_resume, h.At(inner_sp)) == KILN_EXIT_RETURN);
  CHECK(h.Slot(1) == 20 + 0x5a);
  h.Prepare();
  h.Slot(0) = 10;
  CHECK(kiln_trampoline_resume(h.ctx, outer_resume, h.At(outer_sp)) == KILN_EXIT_RETURN);
  CHECK(h.Slot(1) == 10 + 0x5a);
}

void TestStackLimit(Harness& h) {
  uint64_t recurse = MapCode(kRecurse);
  h.Prepare();
  h.Slot(0) = 0;
  CHECK(kiln_trampoline_enter(h.ctx, recurse, h.At(h.top)) == KILN_EXIT_STACK_EXHAUSTED);
  CHECK(h.ctx->saved_sp < h.ctx->stack_limit);
  CHECK(h.ctx->saved_sp >= h.bottom);
#if defined(__x86_64__)
  CHECK(h.Slot(0) == (h.top - h.ctx->stack_limit) / 8);  // entered at top - 8; 8-byte frames
#else
  CHECK(h.Slot(0) == (h.top - h.ctx->stack_limit) / 16 + 1);  // entered at top; 16-byte frames
#endif
}

void TestPreservation(Harness& h) {
  uint64_t clobber = MapCode(kClobber);
  uint64_t clobber_exit = MapCode(kClobberExit);
  h.Prepare();
  CHECK(harness_check_preserved(h.ctx, clobber, h.At(h.top), &kiln_trampoline_enter) == 0);
  CHECK(h.ctx->exit_code == KILN_EXIT_RETURN);
  h.Prepare();
  CHECK(harness_check_preserved(h.ctx, clobber_exit, h.At(h.top), &kiln_trampoline_enter) == 0);
  CHECK(h.ctx->exit_code == KILN_EXIT_HOST_CALL);
  uint64_t sp = h.ctx->saved_sp;
  uint64_t resume = h.ctx->resume_address;
  h.Prepare();
  CHECK(harness_check_preserved(h.ctx, resume, h.At(sp), &kiln_trampoline_resume) == 0);
  CHECK(h.ctx->exit_code == KILN_EXIT_RETURN);
}

}  // namespace

int main() {
  {
    Harness h;
    if (h.ctx != nullptr) {
      TestReturn(h);
      TestExitResumeAndNesting(h);
      TestStackLimit(h);
      TestPreservation(h);
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
