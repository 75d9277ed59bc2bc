/**
 * Opcode descriptors and field checks shared by the encoders. An `OpDef` names every part of an
 * SSE/AVX opcode (mandatory prefix, escape map, opcode byte, ModRM.reg extension, memory width),
 * and the `check*` helpers assert that each value fits its encoding field before it is written.
 */
import { AsmError } from "../backend/asm-error.js";
import type { Size } from "./registers.js";

/** Mandatory (or operand-size) prefix byte; 0 means none. */
export type Prefix = 0 | 0x66 | 0xf2 | 0xf3;
/** Opcode map: one-byte (0), `0F`, `0F 38` or `0F 3A`. */
export type OpMap = 0 | 0x0f | 0x0f38 | 0x0f3a;
/** Width of a memory operand in bits, as printed (`byte ptr` .. `ymmword ptr`); 0 prints no size. */
export type MemWidth = 0 | 8 | 16 | 32 | 64 | 128 | 256;

/** One opcode of the SSE/AVX tables. */
export interface OpDef {
  /** Mnemonic of the legacy (SSE) form; the VEX form prints it with a `v` prefix. */
  readonly name: string;
  /** Mandatory prefix (VEX.pp in VEX form). */
  readonly prefix: Prefix;
  /** Escape map (VEX.mmmmm in VEX form). */
  readonly map: OpMap;
  /** The opcode byte. */
  readonly opcode: number;
  /** ModRM.reg opcode extension (`/digit`), or -1 when ModRM.reg holds a register. */
  readonly ext: number;
  /** Width of the memory operand of the 128-bit form (VEX.256 forms double packed widths). */
  readonly mem: MemWidth;
  /** Mnemonic of the VEX form (`v` + `name`). */
  readonly vname: string;
}

/** Builds an `OpDef`; `ext` defaults to -1 (ModRM.reg is a register). */
export function op(name: string, prefix: Prefix, map: OpMap, opcode: number, mem: MemWidth, ext = -1): OpDef {
  checkField(opcode, 8, `opcode of ${name}`);
  if (ext !== -1) checkField(ext, 3, `ModRM.reg extension of ${name}`);
  return { name, prefix, map, opcode, ext, mem, vname: `v${name}` };
}

/** Throws unless `value` is an integer in `0 .. 2^bits - 1` (`bits` at most 30). */
export function checkField(value: number, bits: number, what: string): void {
  if ((value | 0) !== value || value < 0 || value >= 1 << bits) {
    throw new AsmError(`${what}: ${value} does not fit in a ${bits}-bit field`);
  }
}

/** Whether `v` is an integer in the signed 8-bit range. */
export function isInt8(v: number): boolean {
  return v >= -128 && v <= 127;
}

/**
 * Checks an immediate for a `size`-bit operation and returns it as a signed `size`-bit value.
 * 8/16/32-bit operations accept either the signed or the unsigned reading (`0xffffffff` and `-1`
 * are the same 32-bit immediate); 64-bit operations only have a sign-extended 32-bit immediate.
 */
export function checkImm(value: number, size: Size, what: string): number {
  if (!Number.isInteger(value)) throw new AsmError(`${what}: immediate ${value} is not an integer`);
  if (size === 64) {
    if (value < -0x8000_0000 || value > 0x7fff_ffff) {
      throw new AsmError(
        `${what}: immediate ${value} does not fit a sign-extended 32-bit field of a 64-bit operation`,
      );
    }
    return value;
  }
  const half = 2 ** (size - 1);
  if (value < -half || value >= 2 * half) {
    throw new AsmError(`${what}: immediate ${value} does not fit in ${size} bits`);
  }
  return value >= half ? value - 2 * half : value;
}

/**
 * Checks an unsigned immediate in `0..max` (lane indices, shuffle masks, shift counts). `name` and
 * `role` ("count", "lane", ...) only go into the message, built when the check fails.
 */
export function checkUimm(value: number, max: number, name: string, role: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new AsmError(`${name} ${role}: immediate ${value} is not an integer in 0..${max}`);
  }
  return value;
}
