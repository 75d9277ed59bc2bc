/**
 * Labels and the fixups that refer to them. A64 PC-relative fields come in a few shapes (the
 * `FixupKind`s); each has a range, and the short forward branch kinds can be redirected to a
 * veneer in an island when the label is bound too far away (see `core.ts`).
 */
import { AsmError } from "../backend/asm-error.js";
import { sfield } from "./fields.js";

/** The PC-relative field a fixup patches. */
export enum FixupKind {
  /** b/bl: imm26 at bits 0–25, in words (±128 MiB). */
  Branch26 = 0,
  /** b.cond/cbz/cbnz: imm19 at bits 5–23, in words (±1 MiB); veneerable. */
  Branch19 = 1,
  /** tbz/tbnz: imm14 at bits 5–18, in words (±32 KiB); veneerable. */
  Branch14 = 2,
  /** ldr (literal): imm19 at bits 5–23, in words (±1 MiB); not a branch, so never veneered. */
  Literal19 = 3,
  /** adr: immhi:immlo (bits 5–23, 29–30), in bytes (±1 MiB). */
  Adr21 = 4,
  /** adrp: immhi:immlo in 4 KiB pages, assuming the code is placed at a 4 KiB-aligned address. */
  Adrp21 = 5,
}

/** The largest forward distance in bytes a fixup kind can reach. */
export function maxForward(kind: FixupKind): number {
  switch (kind) {
    case FixupKind.Branch26:
      return (2 ** 25 - 1) * 4;
    case FixupKind.Branch19:
    case FixupKind.Literal19:
      return (2 ** 18 - 1) * 4;
    case FixupKind.Branch14:
      return (2 ** 13 - 1) * 4;
    case FixupKind.Adr21:
      return 2 ** 20 - 1;
    case FixupKind.Adrp21:
      return (2 ** 20 - 1) * 4096;
  }
}

/** Whether a fixup of this kind is a branch that an island veneer can extend. */
export function veneerable(kind: FixupKind): boolean {
  return kind === FixupKind.Branch19 || kind === FixupKind.Branch14;
}

const IMM19_MASK = ((2 ** 19 - 1) << 5) >>> 0;
const IMM14_MASK = ((2 ** 14 - 1) << 5) >>> 0;

/**
 * Returns the instruction word `w` at byte offset `at` with its PC-relative field set to reach
 * byte offset `target`; throws `AsmError` when the distance does not fit the field.
 */
export function patchWord(kind: FixupKind, w: number, at: number, target: number): number {
  const delta = target - at;
  const where = `fixup at 0x${at.toString(16)}`;
  switch (kind) {
    case FixupKind.Branch26:
      return ((w & 0xfc000000) | sfield(delta / 4, 0, 26, `${where}: b/bl imm26`)) >>> 0;
    case FixupKind.Branch19:
    case FixupKind.Literal19:
      return ((w & ~IMM19_MASK) | sfield(delta / 4, 5, 19, `${where}: imm19`)) >>> 0;
    case FixupKind.Branch14:
      return ((w & ~IMM14_MASK) | sfield(delta / 4, 5, 14, `${where}: tbz imm14`)) >>> 0;
    case FixupKind.Adr21:
    case FixupKind.Adrp21: {
      const v = kind === FixupKind.Adr21 ? delta : (target >> 12) - (at >> 12);
      const imm = sfield(v, 0, 21, `${where}: adr imm21`);
      return ((w & 0x9f00001f) | ((imm & 3) << 29) | ((imm >>> 2) << 5)) >>> 0;
    }
  }
}

/**
 * The byte offset a PC-relative instruction word at `at` refers to (the inverse of
 * `patchWord`), for listings.
 */
export function targetOf(kind: FixupKind, w: number, at: number): number {
  switch (kind) {
    case FixupKind.Branch26:
      return at + ((w << 6) >> 6) * 4;
    case FixupKind.Branch19:
    case FixupKind.Literal19:
      return at + ((w << 8) >> 13) * 4;
    case FixupKind.Branch14:
      return at + ((w << 13) >> 18) * 4;
    case FixupKind.Adr21:
    case FixupKind.Adrp21: {
      const imm = (((w << 8) >> 13) << 2) | ((w >>> 29) & 3);
      return kind === FixupKind.Adr21 ? at + imm : ((at >> 12) + imm) * 4096;
    }
  }
}

/** A reference to a label from the instruction word at `at`, patched when the label is bound. */
export interface Fixup {
  /** The field shape. */
  readonly kind: FixupKind;
  /** Byte offset of the instruction word. */
  readonly at: number;
  /** The label referred to. */
  readonly label: Label;
  /** Last byte offset the label (or a veneer) may be at; for veneerable kinds only. */
  readonly deadline: number;
  /** Set once patched (by `bind` or by redirection to a veneer). */
  done: boolean;
}

/** A position in the code, created by `Assembler.newLabel` and bound once with `Assembler.bind`. */
export class Label {
  /** Sequence number within its assembler, for messages and listings. */
  readonly id: number;
  /** The assembler that created the label; using it with another assembler is an error. */
  readonly owner: object;
  /** The bound byte offset, or -1 while unbound. */
  pos = -1;
  /** References emitted before the label was bound. */
  readonly pending: Fixup[] = [];

  constructor(owner: object, id: number) {
    this.owner = owner;
    this.id = id;
  }

  /** A short name for messages: `L<id>`. */
  toString(): string {
    return `L${this.id}`;
  }
}

/** Throws unless `label` belongs to `owner`. */
export function checkOwner(label: Label, owner: object): void {
  if (label.owner !== owner) throw new AsmError(`label ${label} belongs to another assembler`);
}
