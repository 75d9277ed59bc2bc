/**
 * The A64 (arm64) assembler. Instruction families are layered classes:
 *   core.ts     word buffer, `emit(word)`, labels and fixups, veneer islands, data words, listing
 *   asm-int.ts  integer data processing and bitfield instructions (with their aliases)
 *   this file   loads and stores, branches, address computation, system instructions
 * The pure encoders live in `enc-int.ts`, `enc-ldst.ts`, `enc-branch.ts` (and the FP/NEON
 * encoders, whose words go through `emit`). Registers are typed (`registers.ts`): sp and xzr are
 * different kinds, and every register knows its width, from which the operation width follows.
 * Invalid forms and out-of-range fields throw `AsmError`.
 *
 * Typical use:
 *   const a = new Assembler();
 *   const loop = a.newLabel();
 *   a.bind(loop);
 *   a.ldr(x2, mem(x1, 8));
 *   a.subsImm(x0, x0, 1);
 *   a.bCond(Cond.NE, loop);
 *   a.ret();
 *   const code = a.finish();
 */
import { AsmError } from "../backend/asm-error.js";
import { IntAsm } from "./asm-int.js";
import { imm, type TextFn, target } from "./core.js";
import {
  Barrier,
  BranchReg,
  encAdr,
  encBranchCond,
  encBranchImm,
  encBranchReg,
  encBrk,
  encCompareBranch,
  encDmb,
  encDsb,
  encIsb,
  encNop,
  encTestBranch,
  encUdf,
} from "./enc-branch.js";
import {
  access,
  encLdrLiteral,
  encLdStImm9,
  encLdStPair,
  encLdStReg,
  encLdStUImm,
  Index,
  type LdStOp,
  PairMode,
  type Rt,
} from "./enc-ldst.js";
import { FixupKind, type Label, targetOf } from "./labels.js";
import { type Cond, condName, Extend, extendName, invert } from "./operands.js";
import { type Gp, gpName, type RS, type RZ, vName, withBits, x30 } from "./registers.js";

/** A memory operand: base register plus offset, pre/post-indexed, or base plus (extended) index. */
export type Mem =
  | { readonly mode: "offset" | "pre" | "post"; readonly base: RS; readonly offset: number }
  | {
      readonly mode: "index";
      readonly base: RS;
      readonly index: RZ;
      readonly ext: Extend;
      readonly shift: boolean;
    };

/** `[base, #offset]` (the assembler picks the scaled 12-bit or the unscaled 9-bit form). */
export function mem(base: RS, offset = 0): Mem {
  return { mode: "offset", base, offset };
}

/** `[base, #offset]!`: base += offset, then access. */
export function preIndex(base: RS, offset: number): Mem {
  return { mode: "pre", base, offset };
}

/** `[base], #offset`: access, then base += offset. */
export function postIndex(base: RS, offset: number): Mem {
  return { mode: "post", base, offset };
}

/**
 * `[base, index{, ext #scale}]`: `ext` is LSL (UXTX, the default; an X index), UXTW or SXTW
 * (a W index), SXTX; `shift` scales the index by the access size.
 */
export function memIndex(base: RS, index: RZ, ext: Extend = Extend.UXTX, shift = false): Mem {
  return { mode: "index", base, index, ext, shift };
}

function rtName(r: Rt): string {
  return r.kind === "fp" ? vName(r) : gpName(r);
}

function memText(m: Mem, scale: number): string {
  const b = gpName(m.base);
  switch (m.mode) {
    case "offset":
      return m.offset === 0 ? `[${b}]` : `[${b}, ${imm(m.offset)}]`;
    case "pre":
      return `[${b}, ${imm(m.offset)}]!`;
    case "post":
      return `[${b}], ${imm(m.offset)}`;
    case "index": {
      const i = gpName(m.index);
      if (m.ext === Extend.UXTX) return m.shift ? `[${b}, ${i}, lsl ${imm(scale)}]` : `[${b}, ${i}]`;
      return `[${b}, ${i}, ${extendName(m.ext)}${m.shift ? ` ${imm(scale)}` : ""}]`;
    }
  }
}

/** Listing text of a PC-relative instruction: `prefix` then the target decoded from the final word. */
function branchText(prefix: string, kind: FixupKind): TextFn {
  return (w, at) => `${prefix}${target(targetOf(kind, w, at))}`;
}

/** The complete A64 assembler (see the module comment). */
export class Assembler extends IntAsm {
  private ldst(op: LdStOp, t: Rt, m: Mem): void {
    const a = access(op, t);
    const base = m.base;
    switch (m.mode) {
      case "offset": {
        const scaled = m.offset / (1 << a.scale);
        if (Number.isInteger(scaled) && scaled >= 0 && scaled < 4096) {
          this.emit(
            encLdStUImm(a.size, a.opc, scaled, base, t),
            () => `${op} ${rtName(t)}, ${memText(m, a.scale)}`,
          );
        } else if (m.offset >= -256 && m.offset < 256) {
          const uname = `${op.startsWith("ld") ? "ldur" : "stur"}${op.slice(3)}`;
          this.emit(
            encLdStImm9(a.size, a.opc, m.offset, Index.Unscaled, base, t),
            () => `${uname} ${rtName(t)}, ${memText(m, a.scale)}`,
          );
        } else {
          throw new AsmError(`${op}: offset ${m.offset} fits neither the scaled 12-bit nor the 9-bit form`);
        }
        return;
      }
      case "pre":
      case "post":
        this.emit(
          encLdStImm9(a.size, a.opc, m.offset, m.mode === "pre" ? Index.Pre : Index.Post, base, t),
          () => `${op} ${rtName(t)}, ${memText(m, a.scale)}`,
        );
        return;
      case "index":
        this.emit(
          encLdStReg(a.size, a.opc, m.index, m.ext, m.shift ? 1 : 0, base, t),
          () => `${op} ${rtName(t)}, ${memText(m, a.scale)}`,
        );
        return;
    }
  }

  /** Loads a general-purpose (W/X) or SIMD&FP (b/h/s/d/q) register. */
  ldr(rt: Rt, m: Mem): void {
    this.ldst("ldr", rt, m);
  }

  /** Stores a general-purpose (W/X, or zr) or SIMD&FP register. */
  str(rt: Rt, m: Mem): void {
    this.ldst("str", rt, m);
  }

  /** Loads a byte, zero-extended (W register). */
  ldrb(rt: RZ, m: Mem): void {
    this.ldst("ldrb", rt, m);
  }

  /** Loads a halfword, zero-extended (W register). */
  ldrh(rt: RZ, m: Mem): void {
    this.ldst("ldrh", rt, m);
  }

  /** Loads a byte, sign-extended to the width of `rt`. */
  ldrsb(rt: RZ, m: Mem): void {
    this.ldst("ldrsb", rt, m);
  }

  /** Loads a halfword, sign-extended to the width of `rt`. */
  ldrsh(rt: RZ, m: Mem): void {
    this.ldst("ldrsh", rt, m);
  }

  /** Loads a word, sign-extended (X register). */
  ldrsw(rt: RZ, m: Mem): void {
    this.ldst("ldrsw", rt, m);
  }

  /** Stores the low byte (W register). */
  strb(rt: RZ, m: Mem): void {
    this.ldst("strb", rt, m);
  }

  /** Stores the low halfword (W register). */
  strh(rt: RZ, m: Mem): void {
    this.ldst("strh", rt, m);
  }

  private pair(name: string, l: number, t: Rt, t2: Rt, m: Mem): void {
    if (m.mode === "index") throw new AsmError(`${name}: no register-offset form`);
    let opc: number;
    let scale: number;
    if (t.kind === "fp") {
      if (t2.kind !== "fp" || t2.size !== t.size)
        throw new AsmError(`${name}: both registers must be the same kind`);
      const i = ["s", "d", "q"].indexOf(t.size);
      if (i < 0) throw new AsmError(`${name}: ${t.size} registers have no pair form`);
      opc = i;
      scale = i + 2;
    } else {
      if (t2.kind === "fp" || t2.bits !== t.bits)
        throw new AsmError(`${name}: both registers must be the same kind`);
      if (name === "ldpsw") {
        if (t.bits !== 64) throw new AsmError("ldpsw: needs X registers");
        opc = 1;
        scale = 2;
      } else {
        opc = t.bits === 64 ? 2 : 0;
        scale = t.bits === 64 ? 3 : 2;
      }
    }
    const scaled = m.offset / (1 << scale);
    if (!Number.isInteger(scaled))
      throw new AsmError(`${name}: offset ${m.offset} is not a multiple of ${1 << scale}`);
    const mode = m.mode === "pre" ? PairMode.Pre : m.mode === "post" ? PairMode.Post : PairMode.Offset;
    this.emit(
      encLdStPair(opc, mode, l, scaled, t2, m.base, t),
      () => `${name} ${rtName(t)}, ${rtName(t2)}, ${memText(m, scale)}`,
    );
  }

  /** Loads a pair of registers (offset a multiple of the register size, −64..63 of them). */
  ldp(rt: Rt, rt2: Rt, m: Mem): void {
    this.pair("ldp", 1, rt, rt2, m);
  }

  /** Stores a pair of registers. */
  stp(rt: Rt, rt2: Rt, m: Mem): void {
    this.pair("stp", 0, rt, rt2, m);
  }

  /** Loads a pair of words, sign-extended into X registers. */
  ldpsw(rt: RZ, rt2: RZ, m: Mem): void {
    this.pair("ldpsw", 1, rt, rt2, m);
  }

  /** Loads `rt` (W, X, or s/d/q) from the literal at `label` (±1 MiB). */
  ldrLiteral(rt: Rt, label: Label): void {
    let opc: number;
    if (rt.kind === "fp") {
      opc = ["s", "d", "q"].indexOf(rt.size);
      if (opc < 0) throw new AsmError(`ldr (literal): ${rt.size} registers have no literal form`);
    } else opc = rt.bits === 64 ? 1 : 0;
    this.emitRef(
      FixupKind.Literal19,
      encLdrLiteral(opc, rt, 0),
      label,
      branchText(`ldr ${rtName(rt)}, `, FixupKind.Literal19),
    );
  }

  /** Loads a word from the literal at `label`, sign-extended into an X register. */
  ldrswLiteral(rt: RZ, label: Label): void {
    if (rt.bits !== 64) throw new AsmError("ldrsw (literal): needs an X register");
    this.emitRef(
      FixupKind.Literal19,
      encLdrLiteral(2, rt, 0),
      label,
      branchText(`ldrsw ${gpName(rt)}, `, FixupKind.Literal19),
    );
  }

  /** Unconditional branch to `label` (±128 MiB). */
  b(label: Label): void {
    this.emitRef(FixupKind.Branch26, encBranchImm(0, 0), label, branchText("b ", FixupKind.Branch26));
  }

  /** Branch with link (call) to `label`. */
  bl(label: Label): void {
    this.emitRef(FixupKind.Branch26, encBranchImm(1, 0), label, branchText("bl ", FixupKind.Branch26));
  }

  /**
   * Short-range branch with a long fallback: a bound `label` out of the short range gets the
   * inverted branch over a `b`; forward references are extended by veneers when needed.
   */
  private shortBranch(
    kind: FixupKind,
    w: number,
    inverted: number,
    label: Label,
    text: TextFn,
    invText: TextFn,
  ): void {
    this.guard(); // an island placed after the range check could push a backward target out of reach
    if (this.reaches(kind, label)) {
      this.emitRef(kind, w, label, text);
      return;
    }
    const skip = this.newLabel();
    this.emitRef(kind, inverted, skip, invText);
    this.b(label);
    this.bind(skip);
  }

  /** `b.cond label` (±1 MiB, extended automatically). */
  bCond(cond: Cond, label: Label): void {
    const k = FixupKind.Branch19;
    this.shortBranch(
      k,
      encBranchCond(cond, 0),
      encBranchCond(invert(cond), 0),
      label,
      branchText(`b.${condName(cond)} `, k),
      branchText(`b.${condName(invert(cond))} `, k),
    );
  }

  private cb(op: number, rt: RZ, label: Label): void {
    const k = FixupKind.Branch19;
    const names = ["cbz", "cbnz"];
    this.shortBranch(
      k,
      encCompareBranch(op, rt, 0),
      encCompareBranch(op ^ 1, rt, 0),
      label,
      branchText(`${names[op]} ${gpName(rt)}, `, k),
      branchText(`${names[op ^ 1]} ${gpName(rt)}, `, k),
    );
  }

  /** Branch to `label` if `rt` is zero. */
  cbz(rt: RZ, label: Label): void {
    this.cb(0, rt, label);
  }

  /** Branch to `label` if `rt` is not zero. */
  cbnz(rt: RZ, label: Label): void {
    this.cb(1, rt, label);
  }

  private tb(op: number, rt: RZ, bit: number, label: Label): void {
    const k = FixupKind.Branch14;
    const names = ["tbz", "tbnz"];
    const shown = gpName(withBits(rt, bit < 32 ? 32 : 64));
    this.shortBranch(
      k,
      encTestBranch(op, rt, bit, 0),
      encTestBranch(op ^ 1, rt, bit, 0),
      label,
      branchText(`${names[op]} ${shown}, ${imm(bit)}, `, k),
      branchText(`${names[op ^ 1]} ${shown}, ${imm(bit)}, `, k),
    );
  }

  /** Branch to `label` if bit `bit` of `rt` is zero (±32 KiB, extended automatically). */
  tbz(rt: RZ, bit: number, label: Label): void {
    this.tb(0, rt, bit, label);
  }

  /** Branch to `label` if bit `bit` of `rt` is one. */
  tbnz(rt: RZ, bit: number, label: Label): void {
    this.tb(1, rt, bit, label);
  }

  /** Branch to the address in `rn`. */
  br(rn: Gp): void {
    this.emit(encBranchReg(BranchReg.BR, rn), () => `br ${gpName(rn)}`);
  }

  /** Call the address in `rn` (x30 = return address). */
  blr(rn: Gp): void {
    this.emit(encBranchReg(BranchReg.BLR, rn), () => `blr ${gpName(rn)}`);
  }

  /** Return to the address in `rn` (x30 by default). */
  ret(rn: Gp = x30): void {
    this.emit(encBranchReg(BranchReg.RET, rn), () => (rn.num === 30 ? "ret" : `ret ${gpName(rn)}`));
  }

  /** `rd = address of label` (±1 MiB). */
  adr(rd: RZ, label: Label): void {
    this.emitRef(
      FixupKind.Adr21,
      encAdr(0, rd, 0),
      label,
      branchText(`adr ${gpName(rd)}, `, FixupKind.Adr21),
    );
  }

  /**
   * `rd = 4 KiB page of label`, assuming the code is placed at a 4 KiB-aligned address (add the
   * low 12 bits with `addImm` or a load offset).
   */
  adrp(rd: RZ, label: Label): void {
    this.emitRef(
      FixupKind.Adrp21,
      encAdr(1, rd, 0),
      label,
      branchText(`adrp ${gpName(rd)}, `, FixupKind.Adrp21),
    );
  }

  /** No operation. */
  nop(): void {
    this.emit(encNop(), "nop");
  }

  /** Breakpoint with a 16-bit comment (raises SIGTRAP). */
  brk(imm16: number): void {
    this.emit(encBrk(imm16), `brk ${imm(imm16)}`);
  }

  /** Permanently undefined instruction with a 16-bit comment (raises SIGILL). */
  udf(imm16: number): void {
    this.emit(encUdf(imm16), `udf ${imm(imm16)}`);
  }

  /** Data memory barrier (`dmb ish` by default). */
  dmb(option: Barrier = Barrier.ISH): void {
    this.emit(encDmb(option), `dmb ${Barrier[option].toLowerCase()}`);
  }

  /** Data synchronisation barrier (`dsb ish` by default). */
  dsb(option: Barrier = Barrier.ISH): void {
    this.emit(encDsb(option), `dsb ${Barrier[option].toLowerCase()}`);
  }

  /** Instruction synchronisation barrier. */
  isb(): void {
    this.emit(encIsb(), "isb");
  }
}
