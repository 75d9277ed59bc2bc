// The binary interface between the trampoline, generated machine code and TypeScript.
//
// native/README.md describes it in prose; src/native/abi.ts mirrors every number here, and a test
// checks that the two agree (the addon exports these values as `abi`).
#ifndef KILN_NATIVE_ABI_H_
#define KILN_NATIVE_ABI_H_

#include <cstddef>
#include <cstdint>

// Bumped whenever a number in this file changes meaning.
#define KILN_ABI_VERSION 2

// ---- Context layout (byte offsets) ----------------------------------------------------------
// The macros exist because the trampoline's assembly needs the offsets as literal text.
#define KILN_CTX_EXIT_CODE 0x00      // u32, written by generated code before it exits
#define KILN_CTX_EXIT_ARGS 0x08      // u64[KILN_EXIT_ARG_COUNT], exit-specific operands
#define KILN_CTX_RESUME_ADDRESS 0x28 // u64, where a resume continues (written by the exit stub)
#define KILN_CTX_SAVED_SP 0x30       // u64, stack pointer a resume restores (written by the exit stub)
#define KILN_CTX_STACK_LIMIT 0x38    // u64, lowest stack pointer generated code may move below
#define KILN_CTX_MEMORY_BASE 0x40    // u64, written by TypeScript
#define KILN_CTX_MEMORY_SIZE 0x48    // u64, written by TypeScript
#define KILN_CTX_INTERRUPT 0x50      // u32, non-zero asks generated code to exit with INTERRUPTED
#define KILN_CTX_HOST_SP 0x58        // u64, private: the native stack pointer inside the trampoline
#define KILN_CTX_EXIT_STUB 0x60      // u64, address of the exit stub (`call [ctx + 0x60]`)
#define KILN_CTX_STACK_TOP 0x68      // u64, highest address of the execution stack (exclusive)
#define KILN_CTX_STACK_BOTTOM 0x70   // u64, lowest usable address of the execution stack
#define KILN_CTX_SAVED_FP 0x78       // u64, frame pointer at the last exit (written by the exit stub)
#define KILN_CTX_INTERRUPT_WORD 0x80 // u64, address of a second u32 interrupt word (see README)
#define KILN_CTX_RUNTIME_AREA 0x100  // start of the bytes that belong to the runtime, opaque here
#define KILN_CTX_SIZE 0x1000         // total size of a context

#define KILN_EXIT_ARG_COUNT 4

// ---- Exit codes ------------------------------------------------------------------------------
// Only RETURN has a meaning to the native layer (the activation finished); every other value is
// passed to TypeScript untouched and leaves the activation suspended.
#define KILN_EXIT_NONE 0             // never a valid exit: generated code forgot to set a code
#define KILN_EXIT_RETURN 1           // the entry function returned (written by the trampoline)
#define KILN_EXIT_TRAP 2             // exit_args[0] = trap kind (defined by the runtime)
#define KILN_EXIT_HOST_CALL 3        // exit_args = host call operands (defined by the runtime)
#define KILN_EXIT_MEMORY_GROW 4      // exit_args = grow request (defined by the runtime)
#define KILN_EXIT_STACK_EXHAUSTED 5  // a prologue found the stack pointer below stack_limit
#define KILN_EXIT_INTERRUPTED 6      // generated code saw a non-zero interrupt flag

// ---- Stack geometry --------------------------------------------------------------------------
// Bytes kept free between stack_limit and the guard pages, for signal frames and the exit stub.
#define KILN_STACK_RESERVE (32 * 1024)
// Bytes skipped below a suspended activation's saved stack pointer before a nested entry.
#define KILN_NESTED_ENTRY_GAP 128

namespace kiln {

// The context block that generated code addresses through the context register.
struct Context {
  uint32_t exit_code;
  uint32_t reserved0;
  uint64_t exit_args[KILN_EXIT_ARG_COUNT];
  uint64_t resume_address;
  uint64_t saved_sp;
  uint64_t stack_limit;
  uint64_t memory_base;
  uint64_t memory_size;
  uint32_t interrupt;
  uint32_t reserved1;
  uint64_t host_sp;
  uint64_t exit_stub;
  uint64_t stack_top;
  uint64_t stack_bottom;
  uint64_t saved_fp;
  uint64_t interrupt_word;
};

static_assert(offsetof(Context, exit_code) == KILN_CTX_EXIT_CODE, "exit_code offset");
static_assert(offsetof(Context, exit_args) == KILN_CTX_EXIT_ARGS, "exit_args offset");
static_assert(offsetof(Context, resume_address) == KILN_CTX_RESUME_ADDRESS, "resume_address offset");
static_assert(offsetof(Context, saved_sp) == KILN_CTX_SAVED_SP, "saved_sp offset");
static_assert(offsetof(Context, stack_limit) == KILN_CTX_STACK_LIMIT, "stack_limit offset");
static_assert(offsetof(Context, memory_base) == KILN_CTX_MEMORY_BASE, "memory_base offset");
static_assert(offsetof(Context, memory_size) == KILN_CTX_MEMORY_SIZE, "memory_size offset");
static_assert(offsetof(Context, interrupt) == KILN_CTX_INTERRUPT, "interrupt offset");
static_assert(offsetof(Context, host_sp) == KILN_CTX_HOST_SP, "host_sp offset");
static_assert(offsetof(Context, exit_stub) == KILN_CTX_EXIT_STUB, "exit_stub offset");
static_assert(offsetof(Context, stack_top) == KILN_CTX_STACK_TOP, "stack_top offset");
static_assert(offsetof(Context, stack_bottom) == KILN_CTX_STACK_BOTTOM, "stack_bottom offset");
static_assert(offsetof(Context, saved_fp) == KILN_CTX_SAVED_FP, "saved_fp offset");
static_assert(offsetof(Context, interrupt_word) == KILN_CTX_INTERRUPT_WORD, "interrupt_word offset");
static_assert(sizeof(Context) <= KILN_CTX_RUNTIME_AREA, "context header overlaps the runtime area");

}  // namespace kiln

extern "C" {
// Saves the native callee-saved registers, switches to `stack_pointer` and jumps to `target` with
// the context register (r15 / x28) and the first argument register (rdi / x0) holding `ctx`.
// Returns (with the exit code) when generated code exits or its entry function returns.
uint32_t kiln_trampoline_enter(kiln::Context* ctx, uint64_t target, uint64_t stack_pointer);
// Like kiln_trampoline_enter, but continues a suspended activation: jumps to `resume_address` with
// the stack pointer set to `saved_sp` and the context register holding `ctx`.
uint32_t kiln_trampoline_resume(kiln::Context* ctx, uint64_t resume_address, uint64_t saved_sp);
// The routine generated code calls to exit; its address is stored at KILN_CTX_EXIT_STUB.
void kiln_exit_stub();
}

#endif  // KILN_NATIVE_ABI_H_
