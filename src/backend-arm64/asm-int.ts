/**
 * The assembler's integer data-processing methods: thin wrappers over the pure encoders of
 * `enc-int.ts` that pick the encoding form (for instance the extended-register form when `sp`
 * is an operand, or sub for a negative add immediate), expand the aliases (cmp, tst, mov, mul,
 * lsl, ubfx, cset, ...) and record capstone-style listing text.
 */
import { AsmError } from "../backend/asm-error.js";
import { AsmCore, imm } from "./core.js";
import {
  Dp1,
  Dp2,
  encAddSubCarry,
  encAddSubExt,
  encAddSubImm,
  encAddSubShifted,
  encBitfield,
  encCondCompareImm,
  encCondCompareReg,
  encCondSelect,
  encDp1,
  encDp2,
  encDp3,
  encExtr,
  encLogicalImm,
  encLogicalShifted,
  encMoveWide,
} from "./enc-int.js";
import { movImmSequence } from "./immediates.js";
import { Cond, condName, Extend, extendName, invert, Shift, shiftName } from "./operands.js";
import { type Gp, gpName as nm, type RS, type RZ, withBits, wzr, xzr, type ZeroReg } from "./registers.js";

function zr(r: Gp): ZeroReg {
  return r.bits === 64 ? xzr : wzr;
}

function shiftText(shift: Shift, amount: number): string {
  return amount === 0 && shift === Shift.LSL ? "" : `, ${shiftName(shift)} #${amount}`;
}

/** Whether a 32-bit value is one movz or movn (then `orr wd, wzr, #v` does not print as mov). */
function movWideable(v: bigint): boolean {
  const inv = ~v & 0xffffffffn;
  return (v & 0xffffn) === 0n || v >> 16n === 0n || (inv & 0xffffn) === 0n || inv >> 16n === 0n;
}

const ADD_SUB = ["add", "adds", "sub", "subs"];
const LOGICAL = ["and", "orr", "eor", "ands", "bic", "orn", "eon", "bics"];

/** Integer data-processing instructions (see the module comment). */
export class IntAsm extends AsmCore {
  private addSubImm(op: number, s: number, rd: Gp, rn: Gp, value: number): void {
    if (!Number.isInteger(value)) throw new AsmError(`${ADD_SUB[op * 2 + s]}: ${value} is not an integer`);
    if (value < 0) {
      op ^= 1;
      value = -value;
    }
    let sh = 0;
    if (value > 0xfff && (value & 0xfff) === 0 && value <= 0xfff000) {
      sh = 1;
      value /= 4096;
    }
    const w = encAddSubImm(op, s, sh, value, rn, rd);
    const name = ADD_SUB[op * 2 + s]!;
    this.emit(w, () => {
      if (op === 0 && s === 0 && value === 0 && sh === 0 && (rd.kind === "sp" || rn.kind === "sp")) {
        return `mov ${nm(rd)}, ${nm(rn)}`;
      }
      const tail = `${imm(value)}${sh === 1 ? ", lsl #12" : ""}`;
      if (s === 1 && rd.kind === "zr") return `${op === 1 ? "cmp" : "cmn"} ${nm(rn)}, ${tail}`;
      return `${name} ${nm(rd)}, ${nm(rn)}, ${tail}`;
    });
  }

  /**
   * `rd = rn + value`: add (immediate) with `value` in 0–4095 or a multiple of 4096 up to
   * 0xfff000 (lsl #12); a negative value becomes sub. Rd and Rn may be sp. Throws otherwise.
   */
  addImm(rd: RS, rn: RS, value: number): void {
    this.addSubImm(0, 0, rd, rn, value);
  }

  /** `rd = rn - value` (sub immediate; see `addImm` for the accepted values). */
  subImm(rd: RS, rn: RS, value: number): void {
    this.addSubImm(1, 0, rd, rn, value);
  }

  /** adds (immediate), setting flags (see `addImm`). Rd is zr-kind, Rn may be sp. */
  addsImm(rd: RZ, rn: RS, value: number): void {
    this.addSubImm(0, 1, rd, rn, value);
  }

  /** subs (immediate), setting flags (see `addImm`). */
  subsImm(rd: RZ, rn: RS, value: number): void {
    this.addSubImm(1, 1, rd, rn, value);
  }

  /** `cmp rn, #value` (subs to zr). */
  cmpImm(rn: RS, value: number): void {
    this.addSubImm(1, 1, zr(rn), rn, value);
  }

  /** `cmn rn, #value` (adds to zr). */
  cmnImm(rn: RS, value: number): void {
    this.addSubImm(0, 1, zr(rn), rn, value);
  }

  private addSubReg(op: number, s: number, rd: Gp, rn: Gp, rm: Gp, shift: Shift, amount: number): void {
    if (rd.kind === "sp" || rn.kind === "sp") {
      if (shift !== Shift.LSL) throw new AsmError(`${ADD_SUB[op * 2 + s]}: sp operands allow only lsl`);
      this.addSubExt(op, s, rd, rn, rm, rd.bits === 64 ? Extend.UXTX : Extend.UXTW, amount);
      return;
    }
    const w = encAddSubShifted(op, s, shift, rm, amount, rn, rd);
    this.emit(w, () => {
      const tail = `${nm(rm)}${shiftText(shift, amount)}`;
      if (s === 1 && rd.kind === "zr") return `${op === 1 ? "cmp" : "cmn"} ${nm(rn)}, ${tail}`;
      if (op === 1 && rn.kind === "zr") return `${s === 1 ? "negs" : "neg"} ${nm(rd)}, ${tail}`;
      return `${ADD_SUB[op * 2 + s]} ${nm(rd)}, ${nm(rn)}, ${tail}`;
    });
  }

  private addSubExt(op: number, s: number, rd: Gp, rn: Gp, rm: Gp, ext: Extend, amount: number): void {
    const w = encAddSubExt(op, s, rm, ext, amount, rn, rd);
    this.emit(w, () => {
      const plain =
        (rd.kind === "sp" || rn.kind === "sp") && ext === (rd.bits === 64 ? Extend.UXTX : Extend.UXTW);
      const tail = plain
        ? `${nm(rm)}${amount === 0 ? "" : `, lsl ${imm(amount)}`}`
        : `${nm(rm)}, ${extendName(ext)}${amount === 0 ? "" : ` ${imm(amount)}`}`;
      if (s === 1 && rd.kind === "zr") return `${op === 1 ? "cmp" : "cmn"} ${nm(rn)}, ${tail}`;
      return `${ADD_SUB[op * 2 + s]} ${nm(rd)}, ${nm(rn)}, ${tail}`;
    });
  }

  /**
   * `rd = rn + (rm shift amount)` (shifted register). When rd or rn is sp the extended-register
   * form is used (only lsl then).
   */
  add(rd: Gp, rn: Gp, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.addSubReg(0, 0, rd, rn, rm, shift, amount);
  }

  /** `rd = rn - (rm shift amount)` (see `add`). */
  sub(rd: Gp, rn: Gp, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.addSubReg(1, 0, rd, rn, rm, shift, amount);
  }

  /** adds (shifted register; see `add`). */
  adds(rd: RZ, rn: Gp, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.addSubReg(0, 1, rd, rn, rm, shift, amount);
  }

  /** subs (shifted register; see `add`). */
  subs(rd: RZ, rn: Gp, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.addSubReg(1, 1, rd, rn, rm, shift, amount);
  }

  /** `cmp rn, rm{, shift #amount}`. */
  cmp(rn: Gp, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.addSubReg(1, 1, zr(rn), rn, rm, shift, amount);
  }

  /** `cmn rn, rm{, shift #amount}`. */
  cmn(rn: Gp, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.addSubReg(0, 1, zr(rn), rn, rm, shift, amount);
  }

  /** `rd = -(rm shift amount)`. */
  neg(rd: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.addSubReg(1, 0, rd, zr(rd), rm, shift, amount);
  }

  /** negs: neg setting flags. */
  negs(rd: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.addSubReg(1, 1, rd, zr(rd), rm, shift, amount);
  }

  /** `rd = rn + extend(rm) << amount` (extended register; amount 0–4). */
  addExt(rd: RS, rn: RS, rm: RZ, ext: Extend, amount = 0): void {
    this.addSubExt(0, 0, rd, rn, rm, ext, amount);
  }

  /** `rd = rn - extend(rm) << amount`. */
  subExt(rd: RS, rn: RS, rm: RZ, ext: Extend, amount = 0): void {
    this.addSubExt(1, 0, rd, rn, rm, ext, amount);
  }

  /** adds (extended register). */
  addsExt(rd: RZ, rn: RS, rm: RZ, ext: Extend, amount = 0): void {
    this.addSubExt(0, 1, rd, rn, rm, ext, amount);
  }

  /** subs (extended register); `cmpExt` with rd = zr. */
  subsExt(rd: RZ, rn: RS, rm: RZ, ext: Extend, amount = 0): void {
    this.addSubExt(1, 1, rd, rn, rm, ext, amount);
  }

  /** `cmp rn, rm, ext #amount` (extended register). */
  cmpExt(rn: RS, rm: RZ, ext: Extend, amount = 0): void {
    this.addSubExt(1, 1, zr(rn), rn, rm, ext, amount);
  }

  private carry(op: number, s: number, rd: RZ, rn: RZ, rm: RZ): void {
    const name = ["adc", "adcs", "sbc", "sbcs"][op * 2 + s]!;
    this.emit(encAddSubCarry(op, s, rm, rn, rd), () =>
      op === 1 && rn.kind === "zr"
        ? `${s === 1 ? "ngcs" : "ngc"} ${nm(rd)}, ${nm(rm)}`
        : `${name} ${nm(rd)}, ${nm(rn)}, ${nm(rm)}`,
    );
  }

  /** `rd = rn + rm + C`. */
  adc(rd: RZ, rn: RZ, rm: RZ): void {
    this.carry(0, 0, rd, rn, rm);
  }

  /** adc setting flags. */
  adcs(rd: RZ, rn: RZ, rm: RZ): void {
    this.carry(0, 1, rd, rn, rm);
  }

  /** `rd = rn - rm - !C`. */
  sbc(rd: RZ, rn: RZ, rm: RZ): void {
    this.carry(1, 0, rd, rn, rm);
  }

  /** sbc setting flags. */
  sbcs(rd: RZ, rn: RZ, rm: RZ): void {
    this.carry(1, 1, rd, rn, rm);
  }

  private logical(opc: number, n: number, rd: RZ, rn: RZ, rm: RZ, shift: Shift, amount: number): void {
    this.emit(encLogicalShifted(opc, n, shift, rm, amount, rn, rd), () => {
      const tail = `${nm(rm)}${shiftText(shift, amount)}`;
      if (opc === 1 && rn.kind === "zr" && shift === Shift.LSL && amount === 0) {
        return `${n === 1 ? "mvn" : "mov"} ${nm(rd)}, ${tail}`;
      }
      if (opc === 1 && n === 1 && rn.kind === "zr") return `mvn ${nm(rd)}, ${tail}`;
      if (opc === 3 && n === 0 && rd.kind === "zr") return `tst ${nm(rn)}, ${tail}`;
      return `${LOGICAL[n * 4 + opc]} ${nm(rd)}, ${nm(rn)}, ${tail}`;
    });
  }

  /** `rd = rn & (rm shift amount)`. */
  and(rd: RZ, rn: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(0, 0, rd, rn, rm, shift, amount);
  }

  /** `rd = rn | (rm shift amount)`. */
  orr(rd: RZ, rn: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(1, 0, rd, rn, rm, shift, amount);
  }

  /** `rd = rn ^ (rm shift amount)`. */
  eor(rd: RZ, rn: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(2, 0, rd, rn, rm, shift, amount);
  }

  /** `rd = rn & (rm shift amount)`, setting N and Z. */
  ands(rd: RZ, rn: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(3, 0, rd, rn, rm, shift, amount);
  }

  /** `rd = rn & ~(rm shift amount)`. */
  bic(rd: RZ, rn: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(0, 1, rd, rn, rm, shift, amount);
  }

  /** `rd = rn | ~(rm shift amount)`. */
  orn(rd: RZ, rn: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(1, 1, rd, rn, rm, shift, amount);
  }

  /** `rd = rn ^ ~(rm shift amount)`. */
  eon(rd: RZ, rn: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(2, 1, rd, rn, rm, shift, amount);
  }

  /** bic setting flags. */
  bics(rd: RZ, rn: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(3, 1, rd, rn, rm, shift, amount);
  }

  /** `tst rn, rm{, shift #amount}` (ands to zr). */
  tst(rn: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(3, 0, zr(rn), rn, rm, shift, amount);
  }

  /** `rd = ~(rm shift amount)` (orn from zr). */
  mvn(rd: RZ, rm: RZ, shift = Shift.LSL, amount = 0): void {
    this.logical(1, 1, rd, zr(rd), rm, shift, amount);
  }

  /** `rd = rm`: orr from zr, or add #0 when either is sp. */
  mov(rd: Gp, rm: Gp): void {
    if (rd.kind === "sp" || rm.kind === "sp") this.addSubImm(0, 0, rd, rm, 0);
    else this.logical(1, 0, rd, zr(rd), rm, Shift.LSL, 0);
  }

  private logicalImm(opc: number, rd: Gp, rn: RZ, value: number | bigint): void {
    const w = encLogicalImm(opc, value, rn, rd);
    this.emit(w, () => {
      const v = BigInt.asUintN(rd.bits, BigInt(value));
      if (opc === 3 && rd.kind === "zr") return `tst ${nm(rn)}, ${imm(v)}`;
      if (opc === 1 && rn.kind === "zr" && rd.bits === 32 && !movWideable(v)) {
        return `mov ${nm(rd)}, ${imm(BigInt.asIntN(32, v))}`;
      }
      return `${LOGICAL[opc]} ${nm(rd)}, ${nm(rn)}, ${imm(v)}`;
    });
  }

  /** `rd = rn & value` with a bitmask immediate (throws when `value` is not encodable). */
  andImm(rd: RS, rn: RZ, value: number | bigint): void {
    this.logicalImm(0, rd, rn, value);
  }

  /** `rd = rn | value` (bitmask immediate). */
  orrImm(rd: RS, rn: RZ, value: number | bigint): void {
    this.logicalImm(1, rd, rn, value);
  }

  /** `rd = rn ^ value` (bitmask immediate). */
  eorImm(rd: RS, rn: RZ, value: number | bigint): void {
    this.logicalImm(2, rd, rn, value);
  }

  /** ands with a bitmask immediate. */
  andsImm(rd: RZ, rn: RZ, value: number | bigint): void {
    this.logicalImm(3, rd, rn, value);
  }

  /** `tst rn, #value` (bitmask immediate). */
  tstImm(rn: RZ, value: number | bigint): void {
    this.logicalImm(3, zr(rn), rn, value);
  }

  private moveWide(opc: number, rd: RZ, imm16: number, shift: number): void {
    if (shift % 16 !== 0) throw new AsmError(`mov wide: shift ${shift} is not a multiple of 16`);
    const hw = shift / 16;
    const w = encMoveWide(opc, hw, imm16, rd);
    this.emit(w, () => {
      const lsl = hw === 0 ? "" : `, lsl #${shift}`;
      if (opc === 3) return `movk ${nm(rd)}, ${imm(imm16)}${lsl}`;
      if (imm16 === 0 && hw !== 0) return `${opc === 2 ? "movz" : "movn"} ${nm(rd)}, #0${lsl}`;
      if (opc === 0 && rd.bits === 32 && imm16 === 0xffff) return `movn ${nm(rd)}, ${imm(imm16)}${lsl}`;
      const v = BigInt(imm16) << BigInt(shift);
      return `mov ${nm(rd)}, ${imm(BigInt.asIntN(rd.bits, opc === 2 ? v : ~v))}`;
    });
  }

  /** `movz rd, #imm16, lsl #shift` (shift 0, 16, 32, 48). */
  movz(rd: RZ, imm16: number, shift = 0): void {
    this.moveWide(2, rd, imm16, shift);
  }

  /** `movn rd, #imm16, lsl #shift`: rd = ~(imm16 << shift). */
  movn(rd: RZ, imm16: number, shift = 0): void {
    this.moveWide(0, rd, imm16, shift);
  }

  /** `movk rd, #imm16, lsl #shift`: replaces one 16-bit slot, keeping the others. */
  movk(rd: RZ, imm16: number, shift = 0): void {
    this.moveWide(3, rd, imm16, shift);
  }

  /**
   * Puts `value` (modulo 2^width; a bigint for 64-bit constants beyond 2^53) in `rd` (not zr)
   * with the shortest sequence: movz/movn, orr of a bitmask immediate, or movz/movn or orr plus
   * a movk per remaining 16-bit slot (see `movImmSequence`).
   */
  movImm(rd: RZ, value: number | bigint): void {
    if (rd.kind !== "r") throw new AsmError(`movImm: the destination must be a register, not ${nm(rd)}`);
    if (typeof value === "number" && !Number.isSafeInteger(value)) {
      throw new AsmError(`movImm: ${value} is not a safe integer (pass a bigint)`);
    }
    for (const step of movImmSequence(value, rd.bits)) {
      if (step.op === "orr") this.logicalImm(1, rd, zr(rd), step.value);
      else this.moveWide(step.op === "movn" ? 0 : step.op === "movz" ? 2 : 3, rd, step.imm16, step.hw * 16);
    }
  }

  private dp3(name: string, op31: number, o0: number, rd: RZ, rn: RZ, rm: RZ, ra: RZ): void {
    this.emit(encDp3(op31, o0, rm, ra, rn, rd), () => {
      if (ra.kind === "zr" && op31 !== 2 && op31 !== 6) {
        const alias = {
          madd: "mul",
          msub: "mneg",
          smaddl: "smull",
          smsubl: "smnegl",
          umaddl: "umull",
          umsubl: "umnegl",
        };
        return `${alias[name as keyof typeof alias]} ${nm(rd)}, ${nm(rn)}, ${nm(rm)}`;
      }
      return `${name} ${nm(rd)}, ${nm(rn)}, ${nm(rm)}${op31 === 2 || op31 === 6 ? "" : `, ${nm(ra)}`}`;
    });
  }

  /** `rd = ra + rn * rm`. */
  madd(rd: RZ, rn: RZ, rm: RZ, ra: RZ): void {
    this.dp3("madd", 0, 0, rd, rn, rm, ra);
  }

  /** `rd = ra - rn * rm`. */
  msub(rd: RZ, rn: RZ, rm: RZ, ra: RZ): void {
    this.dp3("msub", 0, 1, rd, rn, rm, ra);
  }

  /** `rd = rn * rm`. */
  mul(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp3("madd", 0, 0, rd, rn, rm, zr(rd));
  }

  /** `rd = -(rn * rm)`. */
  mneg(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp3("msub", 0, 1, rd, rn, rm, zr(rd));
  }

  /** `xd = xa + sext(wn) * sext(wm)`. */
  smaddl(rd: RZ, rn: RZ, rm: RZ, ra: RZ): void {
    this.dp3("smaddl", 1, 0, rd, rn, rm, ra);
  }

  /** `xd = xa - sext(wn) * sext(wm)`. */
  smsubl(rd: RZ, rn: RZ, rm: RZ, ra: RZ): void {
    this.dp3("smsubl", 1, 1, rd, rn, rm, ra);
  }

  /** `xd = zext(wn) * zext(wm) + xa`. */
  umaddl(rd: RZ, rn: RZ, rm: RZ, ra: RZ): void {
    this.dp3("umaddl", 5, 0, rd, rn, rm, ra);
  }

  /** `xd = xa - zext(wn) * zext(wm)`. */
  umsubl(rd: RZ, rn: RZ, rm: RZ, ra: RZ): void {
    this.dp3("umsubl", 5, 1, rd, rn, rm, ra);
  }

  /** `xd = sext(wn) * sext(wm)`. */
  smull(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp3("smaddl", 1, 0, rd, rn, rm, xzr);
  }

  /** `xd = zext(wn) * zext(wm)`. */
  umull(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp3("umaddl", 5, 0, rd, rn, rm, xzr);
  }

  /** High 64 bits of the signed 128-bit product. */
  smulh(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp3("smulh", 2, 0, rd, rn, rm, xzr);
  }

  /** High 64 bits of the unsigned 128-bit product. */
  umulh(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp3("umulh", 6, 0, rd, rn, rm, xzr);
  }

  private dp2(opcode: Dp2, name: string, rd: RZ, rn: RZ, rm: RZ): void {
    this.emit(encDp2(opcode, rm, rn, rd), () => `${name} ${nm(rd)}, ${nm(rn)}, ${nm(rm)}`);
  }

  /** Unsigned divide (x/0 = 0, no trap). */
  udiv(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp2(Dp2.UDIV, "udiv", rd, rn, rm);
  }

  /** Signed divide (x/0 = 0, MIN/-1 = MIN, no trap). */
  sdiv(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp2(Dp2.SDIV, "sdiv", rd, rn, rm);
  }

  /** `rd = rn << (rm mod width)` (lslv). */
  lsl(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp2(Dp2.LSLV, "lsl", rd, rn, rm);
  }

  /** `rd = rn >>> (rm mod width)` (lsrv). */
  lsr(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp2(Dp2.LSRV, "lsr", rd, rn, rm);
  }

  /** `rd = rn >> (rm mod width)` (asrv). */
  asr(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp2(Dp2.ASRV, "asr", rd, rn, rm);
  }

  /** `rd = rn rotated right by (rm mod width)` (rorv). */
  ror(rd: RZ, rn: RZ, rm: RZ): void {
    this.dp2(Dp2.RORV, "ror", rd, rn, rm);
  }

  private dp1(opcode: Dp1, name: string, rd: RZ, rn: RZ): void {
    this.emit(encDp1(opcode, rn, rd), () => `${name} ${nm(rd)}, ${nm(rn)}`);
  }

  /** Count leading zeros. */
  clz(rd: RZ, rn: RZ): void {
    this.dp1(Dp1.CLZ, "clz", rd, rn);
  }

  /** Count leading sign bits (not counting the sign bit itself). */
  cls(rd: RZ, rn: RZ): void {
    this.dp1(Dp1.CLS, "cls", rd, rn);
  }

  /** Reverse the bit order. */
  rbit(rd: RZ, rn: RZ): void {
    this.dp1(Dp1.RBIT, "rbit", rd, rn);
  }

  /** Reverse the byte order of the whole register. */
  rev(rd: RZ, rn: RZ): void {
    this.dp1(rd.bits === 64 ? Dp1.REV64 : Dp1.REV32, "rev", rd, rn);
  }

  /** Reverse the bytes within each halfword. */
  rev16(rd: RZ, rn: RZ): void {
    this.dp1(Dp1.REV16, "rev16", rd, rn);
  }

  /** Reverse the bytes within each word (X registers). */
  rev32(rd: RZ, rn: RZ): void {
    if (rd.bits !== 64) throw new AsmError("rev32: needs X registers (use rev for W registers)");
    this.dp1(Dp1.REV32, "rev32", rd, rn);
  }

  private condSelect(op: number, o2: number, rd: RZ, rn: RZ, rm: RZ, cond: Cond): void {
    this.emit(encCondSelect(op, o2, rm, cond, rn, rd), () => {
      const names = [
        ["csel", "csinc"],
        ["csinv", "csneg"],
      ];
      if (cond < Cond.AL && rn.num === rm.num && rn.kind === rm.kind && o2 + op > 0) {
        const inv = condName(invert(cond));
        if (rn.kind === "zr" && op + o2 === 1) return `${op === 0 ? "cset" : "csetm"} ${nm(rd)}, ${inv}`;
        return `${["", "cinc", "cinv", "cneg"][op * 2 + o2]} ${nm(rd)}, ${nm(rn)}, ${inv}`;
      }
      return `${names[op]![o2]} ${nm(rd)}, ${nm(rn)}, ${nm(rm)}, ${condName(cond)}`;
    });
  }

  /** `rd = cond ? rn : rm`. */
  csel(rd: RZ, rn: RZ, rm: RZ, cond: Cond): void {
    this.condSelect(0, 0, rd, rn, rm, cond);
  }

  /** `rd = cond ? rn : rm + 1`. */
  csinc(rd: RZ, rn: RZ, rm: RZ, cond: Cond): void {
    this.condSelect(0, 1, rd, rn, rm, cond);
  }

  /** `rd = cond ? rn : ~rm`. */
  csinv(rd: RZ, rn: RZ, rm: RZ, cond: Cond): void {
    this.condSelect(1, 0, rd, rn, rm, cond);
  }

  /** `rd = cond ? rn : -rm`. */
  csneg(rd: RZ, rn: RZ, rm: RZ, cond: Cond): void {
    this.condSelect(1, 1, rd, rn, rm, cond);
  }

  /** `rd = cond ? 1 : 0` (csinc rd, zr, zr, !cond); `cond` is not AL/NV. */
  cset(rd: RZ, cond: Cond): void {
    if (cond >= Cond.AL) throw new AsmError("cset: the condition cannot be al/nv");
    this.condSelect(0, 1, rd, zr(rd), zr(rd), invert(cond));
  }

  /** `rd = cond ? -1 : 0` (csinv rd, zr, zr, !cond). */
  csetm(rd: RZ, cond: Cond): void {
    if (cond >= Cond.AL) throw new AsmError("csetm: the condition cannot be al/nv");
    this.condSelect(1, 0, rd, zr(rd), zr(rd), invert(cond));
  }

  /** `rd = cond ? rn + 1 : rn`. */
  cinc(rd: RZ, rn: RZ, cond: Cond): void {
    if (cond >= Cond.AL) throw new AsmError("cinc: the condition cannot be al/nv");
    this.condSelect(0, 1, rd, rn, rn, invert(cond));
  }

  /** `rd = cond ? ~rn : rn`. */
  cinv(rd: RZ, rn: RZ, cond: Cond): void {
    if (cond >= Cond.AL) throw new AsmError("cinv: the condition cannot be al/nv");
    this.condSelect(1, 0, rd, rn, rn, invert(cond));
  }

  /** `rd = cond ? -rn : rn`. */
  cneg(rd: RZ, rn: RZ, cond: Cond): void {
    if (cond >= Cond.AL) throw new AsmError("cneg: the condition cannot be al/nv");
    this.condSelect(1, 1, rd, rn, rn, invert(cond));
  }

  /** `ccmp rn, rm, #nzcv, cond`: flags of `cmp rn, rm` if cond holds, else `nzcv`. */
  ccmp(rn: RZ, rm: RZ, nzcv: number, cond: Cond): void {
    this.emit(
      encCondCompareReg(1, rm, cond, nzcv, rn),
      () => `ccmp ${nm(rn)}, ${nm(rm)}, ${imm(nzcv)}, ${condName(cond)}`,
    );
  }

  /** `ccmn rn, rm, #nzcv, cond`. */
  ccmn(rn: RZ, rm: RZ, nzcv: number, cond: Cond): void {
    this.emit(
      encCondCompareReg(0, rm, cond, nzcv, rn),
      () => `ccmn ${nm(rn)}, ${nm(rm)}, ${imm(nzcv)}, ${condName(cond)}`,
    );
  }

  /** `ccmp rn, #imm5, #nzcv, cond` (imm5 0–31). */
  ccmpImm(rn: RZ, imm5: number, nzcv: number, cond: Cond): void {
    this.emit(
      encCondCompareImm(1, imm5, cond, nzcv, rn),
      () => `ccmp ${nm(rn)}, ${imm(imm5)}, ${imm(nzcv)}, ${condName(cond)}`,
    );
  }

  /** `ccmn rn, #imm5, #nzcv, cond`. */
  ccmnImm(rn: RZ, imm5: number, nzcv: number, cond: Cond): void {
    this.emit(
      encCondCompareImm(0, imm5, cond, nzcv, rn),
      () => `ccmn ${nm(rn)}, ${imm(imm5)}, ${imm(nzcv)}, ${condName(cond)}`,
    );
  }

  private bitfield(opc: number, rd: RZ, rn: RZ, immr: number, imms: number): void {
    this.emit(encBitfield(opc, immr, imms, rn, rd), () => this.bitfieldText(opc, rd, rn, immr, imms));
  }

  private bitfieldText(opc: number, rd: RZ, rn: RZ, immr: number, imms: number): string {
    const width = rd.bits;
    const ops = `${nm(rd)}, ${nm(rn)}`;
    if (opc === 2 && imms !== width - 1 && imms + 1 === immr) return `lsl ${ops}, ${imm(width - 1 - imms)}`;
    if (opc !== 1 && imms === width - 1) return `${opc === 2 ? "lsr" : "asr"} ${ops}, ${imm(immr)}`;
    if (immr === 0 && (imms === 7 || imms === 15 || (imms === 31 && opc === 0))) {
      const ext = imms === 7 ? "b" : imms === 15 ? "h" : "w";
      if (opc === 0) return `sxt${ext} ${nm(rd)}, ${nm(withBits(rn, 32))}`;
      if (opc === 2 && width === 32) return `uxt${ext} ${ops}`;
    }
    const prefix = ["sbf", "bf", "ubf"][opc]!;
    if (opc === 1 && rn.kind === "zr" && (imms < immr || immr === 0)) {
      return `bfc ${nm(rd)}, ${imm((width - immr) & (width - 1))}, ${imm(imms + 1)}`;
    }
    if (imms < immr)
      return `${opc === 1 ? "bfi" : `${prefix}iz`} ${ops}, ${imm((width - immr) & (width - 1))}, ${imm(imms + 1)}`;
    return `${opc === 1 ? "bfxil" : `${prefix}x`} ${ops}, ${imm(immr)}, ${imm(imms - immr + 1)}`;
  }

  /** sbfm (signed bitfield move), raw fields. */
  sbfm(rd: RZ, rn: RZ, immr: number, imms: number): void {
    this.bitfield(0, rd, rn, immr, imms);
  }

  /** bfm (bitfield move, keeping the other bits), raw fields. */
  bfm(rd: RZ, rn: RZ, immr: number, imms: number): void {
    this.bitfield(1, rd, rn, immr, imms);
  }

  /** ubfm (unsigned bitfield move), raw fields. */
  ubfm(rd: RZ, rn: RZ, immr: number, imms: number): void {
    this.bitfield(2, rd, rn, immr, imms);
  }

  private checkShift(what: string, rd: RZ, n: number): void {
    if (!Number.isInteger(n) || n < 0 || n >= rd.bits)
      throw new AsmError(`${what}: shift ${n} is out of range`);
  }

  /** `rd = rn << n` (ubfm). */
  lslImm(rd: RZ, rn: RZ, n: number): void {
    this.checkShift("lsl", rd, n);
    if (n === 0) this.ubfm(rd, rn, 0, rd.bits - 1);
    else this.ubfm(rd, rn, rd.bits - n, rd.bits - 1 - n);
  }

  /** `rd = rn >>> n` (ubfm). */
  lsrImm(rd: RZ, rn: RZ, n: number): void {
    this.checkShift("lsr", rd, n);
    this.ubfm(rd, rn, n, rd.bits - 1);
  }

  /** `rd = rn >> n` (sbfm). */
  asrImm(rd: RZ, rn: RZ, n: number): void {
    this.checkShift("asr", rd, n);
    this.sbfm(rd, rn, n, rd.bits - 1);
  }

  /** `rd = rn rotated right by n` (extr rd, rn, rn, #n). */
  rorImm(rd: RZ, rn: RZ, n: number): void {
    this.checkShift("ror", rd, n);
    this.extr(rd, rn, rn, n);
  }

  /** `rd = (rn:rm) >> lsb` (the low half of the pair shifted right). */
  extr(rd: RZ, rn: RZ, rm: RZ, lsb: number): void {
    this.emit(encExtr(rm, lsb, rn, rd), () =>
      rn.num === rm.num && rn.kind === rm.kind
        ? `ror ${nm(rd)}, ${nm(rn)}, ${imm(lsb)}`
        : `extr ${nm(rd)}, ${nm(rn)}, ${nm(rm)}, ${imm(lsb)}`,
    );
  }

  private checkField(what: string, rd: RZ, lsb: number, width: number): void {
    if (!Number.isInteger(lsb) || !Number.isInteger(width) || lsb < 0 || width < 1 || lsb + width > rd.bits) {
      throw new AsmError(`${what}: bit field at ${lsb} of width ${width} does not fit ${rd.bits} bits`);
    }
  }

  /** `rd = zext(rn[lsb +: width])`. */
  ubfx(rd: RZ, rn: RZ, lsb: number, width: number): void {
    this.checkField("ubfx", rd, lsb, width);
    this.ubfm(rd, rn, lsb, lsb + width - 1);
  }

  /** `rd = sext(rn[lsb +: width])`. */
  sbfx(rd: RZ, rn: RZ, lsb: number, width: number): void {
    this.checkField("sbfx", rd, lsb, width);
    this.sbfm(rd, rn, lsb, lsb + width - 1);
  }

  /** `rd[lsb +: width] = rn[0 +: width]`, other bits kept. */
  bfi(rd: RZ, rn: RZ, lsb: number, width: number): void {
    this.checkField("bfi", rd, lsb, width);
    this.bfm(rd, rn, (rd.bits - lsb) & (rd.bits - 1), width - 1);
  }

  /** `rd[0 +: width] = rn[lsb +: width]`, other bits kept. */
  bfxil(rd: RZ, rn: RZ, lsb: number, width: number): void {
    this.checkField("bfxil", rd, lsb, width);
    this.bfm(rd, rn, lsb, lsb + width - 1);
  }

  /** `rd = zext(rn[0 +: width]) << lsb`. */
  ubfiz(rd: RZ, rn: RZ, lsb: number, width: number): void {
    this.checkField("ubfiz", rd, lsb, width);
    this.ubfm(rd, rn, (rd.bits - lsb) & (rd.bits - 1), width - 1);
  }

  /** `rd = sext(rn[0 +: width]) << lsb`. */
  sbfiz(rd: RZ, rn: RZ, lsb: number, width: number): void {
    this.checkField("sbfiz", rd, lsb, width);
    this.sbfm(rd, rn, (rd.bits - lsb) & (rd.bits - 1), width - 1);
  }

  /** Sign-extend the low byte of `rn` (a W register view) into `rd`. */
  sxtb(rd: RZ, rn: RZ): void {
    this.sbfm(rd, withBits(rn, rd.bits), 0, 7);
  }

  /** Sign-extend the low halfword. */
  sxth(rd: RZ, rn: RZ): void {
    this.sbfm(rd, withBits(rn, rd.bits), 0, 15);
  }

  /** Sign-extend the low word into an X register. */
  sxtw(rd: RZ, rn: RZ): void {
    if (rd.bits !== 64) throw new AsmError("sxtw: the destination must be an X register");
    this.sbfm(rd, withBits(rn, 64), 0, 31);
  }

  /** Zero-extend the low byte (W registers; writing a W register clears the upper half). */
  uxtb(rd: RZ, rn: RZ): void {
    this.ubfm(withBits(rd, 32), withBits(rn, 32), 0, 7);
  }

  /** Zero-extend the low halfword (W registers). */
  uxth(rd: RZ, rn: RZ): void {
    this.ubfm(withBits(rd, 32), withBits(rn, 32), 0, 15);
  }
}
