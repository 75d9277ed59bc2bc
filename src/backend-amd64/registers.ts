/**
 * Typed x86-64 registers, operand sizes and condition codes.
 *
 * General-purpose registers (`Gpr`), 128-bit SSE registers (`Xmm`) and 256-bit AVX registers (`Ymm`)
 * are distinct types, told apart by their `kind` field, so passing an XMM register where a GPR is
 * expected is a compile-time error. A `Gpr` has no size of its own: the operation's explicit `Size`
 * picks `rax`, `eax`, `ax` or `al`.
 */
import { AsmError } from "../backend/asm-error.js";

/** Operand size of a general-purpose operation, in bits. */
export type Size = 8 | 16 | 32 | 64;
/** 8-bit operand size (`al`, `byte ptr`). */
export const S8 = 8 as const;
/** 16-bit operand size (`ax`, `word ptr`). */
export const S16 = 16 as const;
/** 32-bit operand size (`eax`, `dword ptr`); writing a 32-bit register zeroes bits 32..63. */
export const S32 = 32 as const;
/** 64-bit operand size (`rax`, `qword ptr`). */
export const S64 = 64 as const;

const GPR_NAMES: Readonly<Record<Size, readonly string[]>> = {
  64: [
    "rax",
    "rcx",
    "rdx",
    "rbx",
    "rsp",
    "rbp",
    "rsi",
    "rdi",
    "r8",
    "r9",
    "r10",
    "r11",
    "r12",
    "r13",
    "r14",
    "r15",
  ],
  32: [
    "eax",
    "ecx",
    "edx",
    "ebx",
    "esp",
    "ebp",
    "esi",
    "edi",
    "r8d",
    "r9d",
    "r10d",
    "r11d",
    "r12d",
    "r13d",
    "r14d",
    "r15d",
  ],
  16: [
    "ax",
    "cx",
    "dx",
    "bx",
    "sp",
    "bp",
    "si",
    "di",
    "r8w",
    "r9w",
    "r10w",
    "r11w",
    "r12w",
    "r13w",
    "r14w",
    "r15w",
  ],
  8: [
    "al",
    "cl",
    "dl",
    "bl",
    "spl",
    "bpl",
    "sil",
    "dil",
    "r8b",
    "r9b",
    "r10b",
    "r11b",
    "r12b",
    "r13b",
    "r14b",
    "r15b",
  ],
};

/** A general-purpose register, numbered 0 (rax) to 15 (r15) as in the ModRM/REX encoding. */
export class Gpr {
  /** Discriminant: distinguishes a `Gpr` from vector registers and memory operands. */
  readonly kind = "gpr" as const;
  /** Encoding number, 0..15. */
  readonly num: number;

  constructor(num: number) {
    if (!Number.isInteger(num) || num < 0 || num > 15)
      throw new AsmError(`GPR number ${num} is not in 0..15`);
    this.num = num;
  }

  /** The register's name at operand size `size` (for example `eax` for rax at 32 bits). */
  name(size: Size): string {
    return GPR_NAMES[size][this.num]!;
  }
}

/** A 128-bit SSE register, numbered 0 (xmm0) to 15 (xmm15). */
export class Xmm {
  /** Discriminant: distinguishes an `Xmm` from other registers and memory operands. */
  readonly kind = "xmm" as const;
  /** Encoding number, 0..15. */
  readonly num: number;

  constructor(num: number) {
    if (!Number.isInteger(num) || num < 0 || num > 15)
      throw new AsmError(`XMM number ${num} is not in 0..15`);
    this.num = num;
  }

  /** The register's name, `xmm0`..`xmm15`. */
  name(): string {
    return `xmm${this.num}`;
  }
}

/** A 256-bit AVX register, numbered 0 (ymm0) to 15 (ymm15); only VEX-encoded instructions accept it. */
export class Ymm {
  /** Discriminant: distinguishes a `Ymm` from other registers and memory operands. */
  readonly kind = "ymm" as const;
  /** Encoding number, 0..15. */
  readonly num: number;

  constructor(num: number) {
    if (!Number.isInteger(num) || num < 0 || num > 15)
      throw new AsmError(`YMM number ${num} is not in 0..15`);
    this.num = num;
  }

  /** The register's name, `ymm0`..`ymm15`. */
  name(): string {
    return `ymm${this.num}`;
  }
}

/** A vector register of either width (VEX instructions take both; the width sets VEX.L). */
export type Vec = Xmm | Ymm;

/** All sixteen GPRs indexed by encoding number, for register allocators. */
export const GPRS: readonly Gpr[] = Array.from({ length: 16 }, (_, i) => new Gpr(i));
/** All sixteen XMM registers indexed by encoding number. */
export const XMMS: readonly Xmm[] = Array.from({ length: 16 }, (_, i) => new Xmm(i));
/** All sixteen YMM registers indexed by encoding number. */
export const YMMS: readonly Ymm[] = Array.from({ length: 16 }, (_, i) => new Ymm(i));

/** rax (accumulator; implicit in mul/div/cdq/cqo). */
export const rax = GPRS[0]!;
/** rcx (its low byte `cl` is the variable shift count). */
export const rcx = GPRS[1]!;
/** rdx (implicit high half in mul/div). */
export const rdx = GPRS[2]!;
/** rbx. */
export const rbx = GPRS[3]!;
/** rsp (stack pointer; cannot be an index register). */
export const rsp = GPRS[4]!;
/** rbp. */
export const rbp = GPRS[5]!;
/** rsi. */
export const rsi = GPRS[6]!;
/** rdi. */
export const rdi = GPRS[7]!;
/** r8. */
export const r8 = GPRS[8]!;
/** r9. */
export const r9 = GPRS[9]!;
/** r10. */
export const r10 = GPRS[10]!;
/** r11. */
export const r11 = GPRS[11]!;
/** r12. */
export const r12 = GPRS[12]!;
/** r13. */
export const r13 = GPRS[13]!;
/** r14. */
export const r14 = GPRS[14]!;
/** r15. */
export const r15 = GPRS[15]!;

/** xmm0 (implicit mask operand of blendvps/blendvpd/pblendvb). */
export const xmm0 = XMMS[0]!;
/** xmm1. */
export const xmm1 = XMMS[1]!;
/** xmm2. */
export const xmm2 = XMMS[2]!;
/** xmm3. */
export const xmm3 = XMMS[3]!;
/** xmm4. */
export const xmm4 = XMMS[4]!;
/** xmm5. */
export const xmm5 = XMMS[5]!;
/** xmm6. */
export const xmm6 = XMMS[6]!;
/** xmm7. */
export const xmm7 = XMMS[7]!;
/** xmm8. */
export const xmm8 = XMMS[8]!;
/** xmm9. */
export const xmm9 = XMMS[9]!;
/** xmm10. */
export const xmm10 = XMMS[10]!;
/** xmm11. */
export const xmm11 = XMMS[11]!;
/** xmm12. */
export const xmm12 = XMMS[12]!;
/** xmm13. */
export const xmm13 = XMMS[13]!;
/** xmm14. */
export const xmm14 = XMMS[14]!;
/** xmm15. */
export const xmm15 = XMMS[15]!;

/** ymm0. */
export const ymm0 = YMMS[0]!;
/** ymm1. */
export const ymm1 = YMMS[1]!;
/** ymm2. */
export const ymm2 = YMMS[2]!;
/** ymm3. */
export const ymm3 = YMMS[3]!;
/** ymm4. */
export const ymm4 = YMMS[4]!;
/** ymm5. */
export const ymm5 = YMMS[5]!;
/** ymm6. */
export const ymm6 = YMMS[6]!;
/** ymm7. */
export const ymm7 = YMMS[7]!;
/** ymm8. */
export const ymm8 = YMMS[8]!;
/** ymm9. */
export const ymm9 = YMMS[9]!;
/** ymm10. */
export const ymm10 = YMMS[10]!;
/** ymm11. */
export const ymm11 = YMMS[11]!;
/** ymm12. */
export const ymm12 = YMMS[12]!;
/** ymm13. */
export const ymm13 = YMMS[13]!;
/** ymm14. */
export const ymm14 = YMMS[14]!;
/** ymm15. */
export const ymm15 = YMMS[15]!;

/**
 * Condition codes, numbered as in the low nibble of the Jcc/SETcc/CMOVcc opcodes. Unsigned
 * comparisons use B/AE/BE/A, signed ones L/GE/LE/G; after ucomiss/ucomisd, P means "unordered".
 */
export enum Cond {
  /** Overflow (OF=1). */
  O = 0,
  /** No overflow (OF=0). */
  NO = 1,
  /** Below, unsigned < (CF=1); also "carry". */
  B = 2,
  /** Above or equal, unsigned >= (CF=0); also "no carry". */
  AE = 3,
  /** Equal / zero (ZF=1). */
  E = 4,
  /** Not equal / not zero (ZF=0). */
  NE = 5,
  /** Below or equal, unsigned <= (CF=1 or ZF=1). */
  BE = 6,
  /** Above, unsigned > (CF=0 and ZF=0). */
  A = 7,
  /** Sign (SF=1). */
  S = 8,
  /** No sign (SF=0). */
  NS = 9,
  /** Parity even (PF=1); "unordered" after a float compare. */
  P = 10,
  /** Parity odd (PF=0); "ordered" after a float compare. */
  NP = 11,
  /** Less, signed < (SF!=OF). */
  L = 12,
  /** Greater or equal, signed >= (SF=OF). */
  GE = 13,
  /** Less or equal, signed <= (ZF=1 or SF!=OF). */
  LE = 14,
  /** Greater, signed > (ZF=0 and SF=OF). */
  G = 15,
}

/** Mnemonic suffixes of the condition codes, as printed in `j<cc>`, `set<cc>` and `cmov<cc>`. */
export const COND_SUFFIX: readonly string[] = [
  "o",
  "no",
  "b",
  "ae",
  "e",
  "ne",
  "be",
  "a",
  "s",
  "ns",
  "p",
  "np",
  "l",
  "ge",
  "le",
  "g",
];

/** The condition that holds exactly when `cc` does not (flips the low bit of the encoding). */
export function invertCond(cc: Cond): Cond {
  return (cc ^ 1) as Cond;
}
