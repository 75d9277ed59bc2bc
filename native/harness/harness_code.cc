// Assembly for the trampoline harness (see harness_code.h).
#include "harness_code.h"

#define HARNESS_FUNCTION(name) ".globl " #name "\n" #name ":\n"

#if defined(__x86_64__)

__asm__(
    ".text\n"
    ".intel_syntax noprefix\n"

    HARNESS_FUNCTION(harness_add_one)
    "  mov rax, qword ptr [r15 + 0x100]\n"
    "  add rax, 1\n"
    "  mov qword ptr [r15 + 0x108], rax\n"
    "  mov qword ptr [r15 + 0x110], rdi\n"
    "  mov qword ptr [r15 + 0x118], rsp\n"
    "  ret\n"
    HARNESS_FUNCTION(harness_add_one_end)

    HARNESS_FUNCTION(harness_host_call)
    "  push 0x5a\n"
    "  mov qword ptr [r15 + 0x8], 7\n"
    "  mov rax, qword ptr [r15 + 0x100]\n"
    "  mov qword ptr [r15 + 0x10], rax\n"
    "  mov qword ptr [r15 + 0x118], rsp\n"
    "  mov dword ptr [r15], 3\n"
    "  call qword ptr [r15 + 0x60]\n"
    "  pop rcx\n"
    "  mov rax, qword ptr [r15 + 0x100]\n"
    "  add rax, rcx\n"
    "  mov qword ptr [r15 + 0x108], rax\n"
    "  ret\n"
    HARNESS_FUNCTION(harness_host_call_end)

    HARNESS_FUNCTION(harness_recurse)
    "  cmp rsp, qword ptr [r15 + 0x38]\n"
    "  jb 1f\n"
    "  inc qword ptr [r15 + 0x100]\n"
    "  call harness_recurse\n"
    "  ret\n"
    "1:\n"
    "  mov dword ptr [r15], 5\n"
    "  call qword ptr [r15 + 0x60]\n"
    "  ud2\n"
    HARNESS_FUNCTION(harness_recurse_end)

    ".macro harness_clobber_all value\n"
    "  mov rbx, \\value\n"
    "  mov rbp, \\value\n"
    "  mov r12, \\value\n"
    "  mov r13, \\value\n"
    "  mov r14, \\value\n"
    ".endm\n"

    HARNESS_FUNCTION(harness_clobber)
    "  harness_clobber_all -1\n"
    "  ret\n"
    HARNESS_FUNCTION(harness_clobber_end)

    HARNESS_FUNCTION(harness_clobber_exit)
    "  harness_clobber_all -1\n"
    "  mov dword ptr [r15], 3\n"
    "  call qword ptr [r15 + 0x60]\n"
    "  harness_clobber_all 0\n"
    "  ret\n"
    HARNESS_FUNCTION(harness_clobber_exit_end)

    // uint64_t harness_check_preserved(ctx /*rdi*/, target /*rsi*/, sp /*rdx*/, fn /*rcx*/)
    HARNESS_FUNCTION(harness_check_preserved)
    "  push rbp\n"
    "  push rbx\n"
    "  push r12\n"
    "  push r13\n"
    "  push r14\n"
    "  push r15\n"
    "  sub rsp, 8\n"
    "  movabs rbx, 0x1111111111111111\n"
    "  movabs rbp, 0x2222222222222222\n"
    "  movabs r12, 0x1212121212121212\n"
    "  movabs r13, 0x1313131313131313\n"
    "  movabs r14, 0x1414141414141414\n"
    "  movabs r15, 0x1515151515151515\n"
    "  call rcx\n"
    "  movabs rax, 0x1111111111111111\n"
    "  xor rax, rbx\n"
    "  movabs rcx, 0x2222222222222222\n"
    "  xor rcx, rbp\n"
    "  or rax, rcx\n"
    "  movabs rcx, 0x1212121212121212\n"
    "  xor rcx, r12\n"
    "  or rax, rcx\n"
    "  movabs rcx, 0x1313131313131313\n"
    "  xor rcx, r13\n"
    "  or rax, rcx\n"
    "  movabs rcx, 0x1414141414141414\n"
    "  xor rcx, r14\n"
    "  or rax, rcx\n"
    "  movabs rcx, 0x1515151515151515\n"
    "  xor rcx, r15\n"
    "  or rax, rcx\n"
    "  add rsp, 8\n"
    "  pop r15\n"
    "  pop r14\n"
    "  pop r13\n"
    "  pop r12\n"
    "  pop rbx\n"
    "  pop rbp\n"
    "  ret\n"

    ".att_syntax prefix\n");

#elif defined(__aarch64__)

__asm__(
    ".text\n"

    HARNESS_FUNCTION(harness_add_one)
    "  ldr x9, [x28, #0x100]\n"
    "  add x9, x9, #1\n"
    "  str x9, [x28, #0x108]\n"
    "  str x0, [x28, #0x110]\n"
    "  mov x9, sp\n"
    "  str x9, [x28, #0x118]\n"
    "  ret\n"
    HARNESS_FUNCTION(harness_add_one_end)

    HARNESS_FUNCTION(harness_host_call)
    "  stp x29, x30, [sp, #-16]!\n"
    "  mov x9, #0x5a\n"
    "  str x9, [sp, #-16]!\n"
    "  mov x9, #7\n"
    "  str x9, [x28, #0x8]\n"
    "  ldr x9, [x28, #0x100]\n"
    "  str x9, [x28, #0x10]\n"
    "  mov x9, sp\n"
    "  str x9, [x28, #0x118]\n"
    "  mov w9, #3\n"
    "  str w9, [x28]\n"
    "  ldr x16, [x28, #0x60]\n"
    "  blr x16\n"
    "  ldr x9, [sp], #16\n"
    "  ldr x10, [x28, #0x100]\n"
    "  add x10, x10, x9\n"
    "  str x10, [x28, #0x108]\n"
    "  ldp x29, x30, [sp], #16\n"
    "  ret\n"
    HARNESS_FUNCTION(harness_host_call_end)

    HARNESS_FUNCTION(harness_recurse)
    "  ldr x9, [x28, #0x38]\n"
    "  mov x10, sp\n"
    "  cmp x10, x9\n"
    "  b.lo 1f\n"
    "  stp x29, x30, [sp, #-16]!\n"
    "  ldr x11, [x28, #0x100]\n"
    "  add x11, x11, #1\n"
    "  str x11, [x28, #0x100]\n"
    "  bl harness_recurse\n"
    "  ldp x29, x30, [sp], #16\n"
    "  ret\n"
    "1:\n"
    "  mov w9, #5\n"
    "  str w9, [x28]\n"
    "  ldr x16, [x28, #0x60]\n"
    "  blr x16\n"
    "  brk #0\n"
    HARNESS_FUNCTION(harness_recurse_end)

    ".macro harness_clobber_all value\n"
    "  .irp r, x19, x20, x21, x22, x23, x24, x25, x26, x27, x29\n"
    "  mov \\r, #\\value\n"
    "  .endr\n"
    "  .irp d, d8, d9, d10, d11, d12, d13, d14, d15\n"
    "  fmov \\d, x19\n"
    "  .endr\n"
    ".endm\n"

    HARNESS_FUNCTION(harness_clobber)
    "  harness_clobber_all -1\n"
    "  ret\n"
    HARNESS_FUNCTION(harness_clobber_end)

    HARNESS_FUNCTION(harness_clobber_exit)
    "  str x30, [sp, #-16]!\n"
    "  harness_clobber_all -1\n"
    "  mov w9, #3\n"
    "  str w9, [x28]\n"
    "  ldr x16, [x28, #0x60]\n"
    "  blr x16\n"
    "  harness_clobber_all 0\n"
    "  ldr x30, [sp], #16\n"
    "  ret\n"
    HARNESS_FUNCTION(harness_clobber_exit_end)

    // uint64_t harness_check_preserved(ctx /*x0*/, target /*x1*/, sp /*x2*/, fn /*x3*/)
    ".macro harness_sentinels\n"
    "  .irp n, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29\n"
    "  mov x\\n, #0x\\n\\n\n"
    "  .endr\n"
    "  .irp n, 8, 9, 10, 11, 12, 13, 14, 15\n"
    "  mov x9, #(0x100 + \\n)\n"
    "  fmov d\\n, x9\n"
    "  .endr\n"
    ".endm\n"
    HARNESS_FUNCTION(harness_check_preserved)
    "  stp x29, x30, [sp, #-160]!\n"
    "  stp x19, x20, [sp, #16]\n"
    "  stp x21, x22, [sp, #32]\n"
    "  stp x23, x24, [sp, #48]\n"
    "  stp x25, x26, [sp, #64]\n"
    "  stp x27, x28, [sp, #80]\n"
    "  stp d8, d9, [sp, #96]\n"
    "  stp d10, d11, [sp, #112]\n"
    "  stp d12, d13, [sp, #128]\n"
    "  stp d14, d15, [sp, #144]\n"
    "  harness_sentinels\n"
    "  blr x3\n"
    "  mov x0, #0\n"
    "  .irp n, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29\n"
    "  mov x9, #0x\\n\\n\n"
    "  eor x9, x9, x\\n\n"
    "  orr x0, x0, x9\n"
    "  .endr\n"
    "  .irp n, 8, 9, 10, 11, 12, 13, 14, 15\n"
    "  fmov x10, d\\n\n"
    "  mov x9, #(0x100 + \\n)\n"
    "  eor x9, x9, x10\n"
    "  orr x0, x0, x9\n"
    "  .endr\n"
    "  ldp x19, x20, [sp, #16]\n"
    "  ldp x21, x22, [sp, #32]\n"
    "  ldp x23, x24, [sp, #48]\n"
    "  ldp x25, x26, [sp, #64]\n"
    "  ldp x27, x28, [sp, #80]\n"
    "  ldp d8, d9, [sp, #96]\n"
    "  ldp d10, d11, [sp, #112]\n"
    "  ldp d12, d13, [sp, #128]\n"
    "  ldp d14, d15, [sp, #144]\n"
    "  ldp x29, x30, [sp], #160\n"
    "  ret\n");

#else
#error "the trampoline harness supports x86-64 and aarch64 only"
#endif

extern "C" {
extern const uint8_t harness_add_one[], harness_add_one_end[];
extern const uint8_t harness_host_call[], harness_host_call_end[];
extern const uint8_t harness_recurse[], harness_recurse_end[];
extern const uint8_t harness_clobber[], harness_clobber_end[];
extern const uint8_t harness_clobber_exit[], harness_clobber_exit_end[];
}

const HarnessFunction kAddOne = {harness_add_one, harness_add_one_end};
const HarnessFunction kHostCall = {harness_host_call, harness_host_call_end};
const HarnessFunction kRecurse = {harness_recurse, harness_recurse_end};
const HarnessFunction kClobber = {harness_clobber, harness_clobber_end};
const HarnessFunction kClobberExit = {harness_clobber_exit, harness_clobber_exit_end};
