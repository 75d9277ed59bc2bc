/**
 * Labels and the fixups that refer to them. A label is created unbound, referenced by branches,
 * RIP-relative memory operands and data words, and bound once to a code offset; each reference
 * is patched as soon as both ends are known.
 */

/** A pending patch: a little-endian field of `width` bytes at `at` receives `target + addend - base`. */
export interface Fixup {
  /** Offset of the field to patch. */
  readonly at: number;
  /** Field width in bytes: 1 (rel8) or 4 (rel32, disp32, data word). */
  readonly width: 1 | 4;
  /** Offset the value is relative to (the end of the instruction for branches and RIP operands). */
  readonly base: number;
  /** Constant added to the label's offset (a RIP operand's displacement). */
  readonly addend: number;
  /** Offset of the instruction or data word holding the field, for error messages. */
  readonly insn: number;
}

/** A position in the code, created by `Assembler.newLabel` and bound with `Assembler.bind`. */
export class Label {
  /** Sequence number within its assembler, used in error messages and listings. */
  readonly id: number;
  /** The assembler that created the label; using it with another assembler is an error. */
  readonly owner: object;
  /** The bound code offset, or -1 while the label is unbound. */
  pos = -1;
  /** References emitted before the label was bound, patched by `bind`. */
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
