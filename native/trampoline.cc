// The trampoline: enters generated code on the execution stack, and leaves it again when the code
// exits or its entry function returns. Written as top-level assembly so that no compiler-generated
// prologue or epilogue touches the stack while it is being switched. The calling convention is
// described in native/README.md ("Calling convention").
#include "abi.h"

#define KILN_STR2(x) #x
#define KILN_STR(x) KILN_STR2(x)

#if defined(__x86_64__)

// System V x86-64. Callee-saved: rbx, rbp, r12-r15. Context register: r15.
__asm__(
    ".text\n"
    ".intel_syntax noprefix\n"

    // uint32_t kiln_trampoline_enter(Context* ctx /*rdi*/, u64 target /*rsi*/, u64 sp /*rdx*/)
    ".p2align 4\n"
    ".globl kiln_trampoline_enter\n"
    ".hidden kiln_trampoline_enter\n"
    ".type kiln_trampoline_enter, @function\n"
    "kiln_trampoline_enter:\n"
    "  push rbp\n"
    "  push rbx\n"
    "  push r12\n"
    "  push r13\n"
    "  push r14\n"
    "  push r15\n"
    "  mov qword ptr [rdi + " KILN_STR(KILN_CTX_HOST_SP) "], rsp\n"
    "  mov rsp, rdx\n"
    "  mov r15, rdi\n"
    // A plain `ret` from the entry function lands in kiln_return_landing.
    "  lea rax, [rip + kiln_return_landing]\n"
    "  push rax\n"
    "  jmp rsi\n"
    ".size kiln_trampoline_enter, . - kiln_trampoline_enter\n"

    // uint32_t kiln_trampoline_resume(Context* ctx /*rdi*/, u64 resume /*rsi*/, u64 sp /*rdx*/)
    ".p2align 4\n"
    ".globl kiln_trampoline_resume\n"
    ".hidden kiln_trampoline_resume\n"
    ".type kiln_trampoline_resume, @function\n"
    "kiln_trampoline_resume:\n"
    "  push rbp\n"
    "  push rbx\n"
    "  push r12\n"
    "  push r13\n"
    "  push r14\n"
    "  push r15\n"
    "  mov qword ptr [rdi + " KILN_STR(KILN_CTX_HOST_SP) "], rsp\n"
    "  mov rsp, rdx\n"
    "  mov r15, rdi\n"
    "  jmp rsi\n"
    ".size kiln_trampoline_resume, . - kiln_trampoline_resume\n"

    // Reached by `ret` from the entry function, with r15 = ctx.
    ".p2align 4\n"
    ".type kiln_return_landing, @function\n"
    "kiln_return_landing:\n"
    "  mov dword ptr [r15 + " KILN_STR(KILN_CTX_EXIT_CODE) "], " KILN_STR(KILN_EXIT_RETURN) "\n"
    "kiln_leave:\n"
    "  mov eax, dword ptr [r15 + " KILN_STR(KILN_CTX_EXIT_CODE) "]\n"
    "  mov rsp, qword ptr [r15 + " KILN_STR(KILN_CTX_HOST_SP) "]\n"
    "  pop r15\n"
    "  pop r14\n"
    "  pop r13\n"
    "  pop r12\n"
    "  pop rbx\n"
    "  pop rbp\n"
    "  ret\n"
    ".size kiln_return_landing, . - kiln_return_landing\n"

    // void kiln_exit_stub(): reached by `call qword ptr [r15 + KILN_CTX_EXIT_STUB]`.
    ".p2align 4\n"
    ".globl kiln_exit_stub\n"
    ".hidden kiln_exit_stub\n"
    ".type kiln_exit_stub, @function\n"
    "kiln_exit_stub:\n"
    "  pop rax\n"
    "  mov qword ptr [r15 + " KILN_STR(KILN_CTX_RESUME_ADDRESS) "], rax\n"
    "  mov qword ptr [r15 + " KILN_STR(KILN_CTX_SAVED_SP) "], rsp\n"
    "  mov qword ptr [r15 + " KILN_STR(KILN_CTX_SAVED_FP) "], rbp\n"
    "  jmp kiln_leave\n"
    ".size kiln_exit_stub, . - kiln_exit_stub\n"

    ".att_syntax prefix\n");

#elif defined(__aarch64__)

// AAPCS64. Callee-saved: x19-x29, x30 (we need it to return), d8-d15. Context register: x28.
#define KILN_SAVE_NATIVE_REGISTERS      \
  "  sub sp, sp, #160\n"                \
  "  stp x19, x20, [sp, #0]\n"          \
  "  stp x21, x22, [sp, #16]\n"         \
  "  stp x23, x24, [sp, #32]\n"         \
  "  stp x25, x26, [sp, #48]\n"         \
  "  stp x27, x28, [sp, #64]\n"         \
  "  stp x29, x30, [sp, #80]\n"         \
  "  stp d8, d9, [sp, #96]\n"           \
  "  stp d10, d11, [sp, #112]\n"        \
  "  stp d12, d13, [sp, #128]\n"        \
  "  stp d14, d15, [sp, #144]\n"        \
  "  mov x9, sp\n"                      \
  "  str x9, [x0, #" KILN_STR(KILN_CTX_HOST_SP) "]\n"

__asm__(
    ".text\n"

    // uint32_t kiln_trampoline_enter(Context* ctx /*x0*/, u64 target /*x1*/, u64 sp /*x2*/)
    ".p2align 4\n"
    ".globl kiln_trampoline_enter\n"
    ".hidden kiln_trampoline_enter\n"
    ".type kiln_trampoline_enter, %function\n"
    "kiln_trampoline_enter:\n"
    KILN_SAVE_NATIVE_REGISTERS
    "  mov sp, x2\n"
    "  mov x28, x0\n"
    // A plain `ret` from the entry function lands in kiln_return_landing.
    "  adr x30, kiln_return_landing\n"
    "  br x1\n"
    ".size kiln_trampoline_enter, . - kiln_trampoline_enter\n"

    // uint32_t kiln_trampoline_resume(Context* ctx /*x0*/, u64 resume /*x1*/, u64 sp /*x2*/)
    ".p2align 4\n"
    ".globl kiln_trampoline_resume\n"
    ".hidden kiln_trampoline_resume\n"
    ".type kiln_trampoline_resume, %function\n"
    "kiln_trampoline_resume:\n"
    KILN_SAVE_NATIVE_REGISTERS
    "  mov sp, x2\n"
    "  mov x28, x0\n"
    "  br x1\n"
    ".size kiln_trampoline_resume, . - kiln_trampoline_resume\n"

    // Reached by `ret` from the entry function, with x28 = ctx.
    ".p2align 4\n"
    ".type kiln_return_landing, %function\n"
    "kiln_return_landing:\n"
    "  mov w9, #" KILN_STR(KILN_EXIT_RETURN) "\n"
    "  str w9, [x28, #" KILN_STR(KILN_CTX_EXIT_CODE) "]\n"
    "kiln_leave:\n"
    "  ldr w0, [x28, #" KILN_STR(KILN_CTX_EXIT_CODE) "]\n"
    "  ldr x9, [x28, #" KILN_STR(KILN_CTX_HOST_SP) "]\n"
    "  mov sp, x9\n"
    "  ldp x19, x20, [sp, #0]\n"
    "  ldp x21, x22, [sp, #16]\n"
    "  ldp x23, x24, [sp, #32]\n"
    "  ldp x25, x26, [sp, #48]\n"
    "  ldp x27, x28, [sp, #64]\n"
    "  ldp x29, x30, [sp, #80]\n"
    "  ldp d8, d9, [sp, #96]\n"
    "  ldp d10, d11, [sp, #112]\n"
    "  ldp d12, d13, [sp, #128]\n"
    "  ldp d14, d15, [sp, #144]\n"
    "  add sp, sp, #160\n"
    "  ret\n"
    ".size kiln_return_landing, . - kiln_return_landing\n"

    // void kiln_exit_stub(): reached by `ldr x16, [x28, #KILN_CTX_EXIT_STUB]; blr x16`.
    ".p2align 4\n"
    ".globl kiln_exit_stub\n"
    ".hidden kiln_exit_stub\n"
    ".type kiln_exit_stub, %function\n"
    "kiln_exit_stub:\n"
    "  str x30, [x28, #" KILN_STR(KILN_CTX_RESUME_ADDRESS) "]\n"
    "  mov x9, sp\n"
    "  str x9, [x28, #" KILN_STR(KILN_CTX_SAVED_SP) "]\n"
    "  str x29, [x28, #" KILN_STR(KILN_CTX_SAVED_FP) "]\n"
    "  b kiln_leave\n"
    ".size kiln_exit_stub, . - kiln_exit_stub\n");

#else
#error "Kiln's trampoline supports x86-64 and aarch64 only"
#endif
