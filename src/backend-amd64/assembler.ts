/**
 * The x86-64 assembler: integer, control-flow, SSE/SSE4.1 and AVX/AVX2 instructions emitted into
 * a growable buffer, with labels and an optional Intel-syntax listing. Each instruction family
 * lives in its own module; this class is the complete stack of them:
 *   core.ts      buffer, labels/fixups, listing, data/padding, REX/VEX/ModRM/SIB encoders
 *   integer.ts   GPR instructions (explicit operand size: S8/S16/S32/S64)
 *   control.ts   jmp/jcc/call (rel8/rel32 policy documented there), indirect jumps and calls
 *   sse.ts       scalar/packed float, conversions, moves;  sse-int.ts  packed integer
 *   avx.ts       VEX three-operand and ymm forms;          avx-gpr.ts  VEX forms with GPRs
 * Registers (registers.ts) and memory operands (operands.ts) are typed and validated; an invalid
 * form, an out-of-range field or a label misuse throws an `AsmError` naming the instruction and
 * operand. Nothing builds strings while emitting unless `{ listing: true }` was passed.
 *
 * Typical use:
 *   const a = new Assembler();
 *   const loop = a.newLabel();
 *   a.bind(loop);
 *   a.add(S64, rax, mem(rsi, 8));
 *   a.dec(S32, rcx);
 *   a.jcc(Cond.NE, loop);
 *   a.ret();
 *   const code = a.finish();
 */
import { AvxGprAsm } from "./avx-gpr.js";

/** The complete assembler (see the module comment). */
export class Assembler extends AvxGprAsm {}
