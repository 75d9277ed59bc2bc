/**
 * The x86-64 assembler: integer, control-flow, SSE/SSE4.1 and AVX/AVX2 instructions emitted into
 * a growable buffer, with labels and an optional Intel-syntax listing. Each instruction family
 * lives in its own module; this class is the complete stack of them.
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
