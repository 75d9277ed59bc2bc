/**
 * Branches and calls: `jmp`/`jcc`/`call` to labels (rel8/rel32 fixups) and `jmp`/`call` through a
 * register or memory.
 *
 * Branch width policy for `jmp`/`jcc` to a label (`width` argument):
 *   - "auto" (default): a backward branch (label already bound) uses rel8 when the distance from
 *     the end of the 2-byte short form fits in -128..127, else rel32; a forward branch (label not
 *     bound yet) always uses rel32. Code is never moved after emission, so recorded offsets stay
 *     valid.
 *   - "short": always rel8; throws at once for a backward target out of range, and at `bind` for
 *     a forward one.
 *   - "near": always rel32.
 * `call` to a label is always rel32 (x86-64 has no rel8 call).
 */

import { AsmError } from "../backend/asm-error.js";
import { M, R, T } from "./core.js";
import { checkUimm, isInt8 } from "./encoding.js";
import { checkGpr, IntegerAsm } from "./integer.js";
import { Label } from "./labels.js";
import type { Mem } from "./operands.js";
import { COND_SUFFIX, type Cond, type Gpr } from "./registers.js";

/** How a branch to a label is encoded; see the module comment. */
export type BranchWidth = "auto" | "short" | "near";

/** `j<cc>` mnemonics by condition code, built once. */
const JCC_NAMES: readonly string[] = COND_SUFFIX.map((s) => `j${s}`);

/** Control-flow instructions. */
export class ControlAsm extends IntegerAsm {
  private branch(cc: Cond | -1, label: Label, width: BranchWidth): void {
    this.checkLabel(label);
    const start = this.buf.length;
    const name = cc === -1 ? "jmp" : JCC_NAMES[cc]!;
    let short: boolean;
    if (width !== "auto" && width !== "short" && width !== "near") {
      throw new AsmError(`${name}: branch width ${String(width)} is not auto, short or near`);
    }
    if (label.pos >= 0) {
      const fits = isInt8(label.pos - (start + 2));
      if (width === "short" && !fits) {
        throw new AsmError(
          `${name} at 0x${start.toString(16)}: short branch to ${label} at 0x${label.pos.toString(16)} ` +
            `is ${label.pos - (start + 2)} bytes away, outside the rel8 range -128..127`,
        );
      }
      short = width !== "near" && fits;
    } else {
      short = width === "short";
    }
    const b = this.buf;
    if (short) {
      b.u8(cc === -1 ? 0xeb : 0x70 | cc);
      b.u8(0);
      this.refLabel(label, start + 1, 1, start + 2, 0, start);
    } else {
      if (cc === -1) {
        b.u8(0xe9);
      } else {
        b.u8(0x0f);
        b.u8(0x80 | cc);
      }
      const at = b.length;
      b.u32(0);
      this.refLabel(label, at, 4, at + 4, 0, start);
    }
    if (this.records !== null) this.note(start, name, [T(label)]);
  }

  /** `jmp label` (see the width policy above). */
  jmp(target: Label, width?: BranchWidth): void;
  /** `jmp reg` / `jmp qword ptr [mem]` (indirect). */
  jmp(target: Gpr | Mem): void;
  jmp(target: Label | Gpr | Mem, width: BranchWidth = "auto"): void {
    if (target instanceof Label) this.branch(-1, target, width);
    else this.indirect("jmp", 4, target);
  }

  /** `j<cc> label` (see the width policy above). */
  jcc(cc: Cond, target: Label, width: BranchWidth = "auto"): void {
    checkUimm(cc, 15, "jcc", "condition");
    this.branch(cc, target, width);
  }

  /** `call label` (rel32), `call reg` or `call qword ptr [mem]`. */
  call(target: Label | Gpr | Mem): void {
    if (!(target instanceof Label)) {
      this.indirect("call", 2, target);
      return;
    }
    this.checkLabel(target);
    const start = this.buf.length;
    this.buf.u8(0xe8);
    this.buf.u32(0);
    this.refLabel(target, start + 1, 4, start + 5, 0, start);
    if (this.records !== null) this.note(start, "call", [T(target)]);
  }

  private indirect(name: string, ext: number, target: Gpr | Mem): void {
    if (target.kind !== "mem") checkGpr(target, name, "target");
    const start = this.buf.length;
    this.legacy(false, 0, false, 0, 0xff, ext, target, 0, false);
    if (this.records !== null)
      this.note(start, name, [target.kind === "mem" ? M(target, 64) : R(target, 64)]);
  }
}
