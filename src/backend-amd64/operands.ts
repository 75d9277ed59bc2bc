/**
 * Memory operands: `[base + index*scale + disp]`, absolute `[disp32]`, and `[rip + label + disp]`
 * for constant pools and jump tables. They are validated when built, so an illegal addressing
 * form (rsp as index, a scale of 3, a displacement beyond 32 bits) fails where it is written.
 */
import { AsmError } from "../backend/asm-error.js";
import type { Label } from "./labels.js";
import { Gpr, rsp } from "./registers.js";

/** Index scale factor. */
export type Scale = 1 | 2 | 4 | 8;

/** Whether `v` is an integer in the signed 32-bit range. */
export function isInt32(v: number): boolean {
  return Number.isInteger(v) && v >= -0x8000_0000 && v <= 0x7fff_ffff;
}

/** A memory operand. Build it with `mem`, `memIndex`, `absolute` or `ripRel`. */
export class Mem {
  /** Discriminant: distinguishes memory operands from registers. */
  readonly kind = "mem" as const;
  /** Base register, or null for `[index*scale + disp32]`, `[disp32]` and RIP-relative operands. */
  readonly base: Gpr | null;
  /** Index register (never rsp), or null. */
  readonly index: Gpr | null;
  /** Scale applied to the index (1 when there is no index). */
  readonly scale: Scale;
  /** Signed 32-bit displacement (for RIP operands: added to the label's offset). */
  readonly disp: number;
  /** For RIP-relative operands, the label addressed; null otherwise. */
  readonly label: Label | null;

  constructor(base: Gpr | null, index: Gpr | null, scale: Scale, disp: number, label: Label | null) {
    const problem = memProblem(base, index, scale, disp, label);
    if (problem !== null) {
      throw new AsmError(`memory operand ${describe(base, index, scale, disp, label)}: ${problem}`);
    }
    this.base = base;
    this.index = index;
    this.scale = scale;
    this.disp = disp;
    this.label = label;
  }
}

/** What is wrong with a memory operand's parts, or null when they form a valid address. */
function memProblem(
  base: Gpr | null,
  index: Gpr | null,
  scale: number,
  disp: number,
  label: Label | null,
): string | null {
  if (base !== null && base.kind !== "gpr") return "base must be a general-purpose register";
  if (index !== null && index.kind !== "gpr") return "index must be a general-purpose register";
  if (index === rsp || index?.num === 4) return "rsp cannot be an index register";
  if (scale !== 1 && scale !== 2 && scale !== 4 && scale !== 8) return "scale must be 1, 2, 4 or 8";
  if (index === null && scale !== 1) return "a scale needs an index register";
  if (!isInt32(disp)) return "displacement does not fit in a signed 32-bit field";
  if (label !== null && (base !== null || index !== null)) {
    return "a RIP-relative operand cannot have a base or index register";
  }
  return null;
}

function describe(
  base: Gpr | null,
  index: Gpr | null,
  scale: number,
  disp: number,
  label: Label | null,
): string {
  const parts: string[] = [];
  if (label !== null) parts.push(`rip:${label}`);
  if (base !== null) parts.push(regName(base));
  if (index !== null) parts.push(`${regName(index)}*${scale}`);
  const tail = disp < 0 ? ` - ${-disp}` : disp > 0 ? ` + ${disp}` : "";
  return `[${parts.join(" + ")}${tail}]`;
}

/** A register's 64-bit name, or `<kind>` for something that is not a GPR. */
function regName(r: { readonly kind: string }): string {
  return r instanceof Gpr ? r.name(64) : `<${r.kind}>`;
}

/** `[base + disp]`. */
export function mem(base: Gpr, disp = 0): Mem {
  return new Mem(base, null, 1, disp, null);
}

/** `[base + index*scale + disp]`, or `[index*scale + disp32]` when `base` is null. */
export function memIndex(base: Gpr | null, index: Gpr, scale: Scale, disp = 0): Mem {
  return new Mem(base, index, scale, disp, null);
}

/** `[disp32]`: an absolute address in the low 2 GiB (the displacement is sign-extended). */
export function absolute(disp: number): Mem {
  return new Mem(null, null, 1, disp, null);
}

/** `[rip + (label + disp - end of instruction)]`: the address `disp` bytes past `label`. */
export function ripRel(label: Label, disp = 0): Mem {
  return new Mem(null, null, 1, disp, label);
}
