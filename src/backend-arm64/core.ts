/**
 * The A64 assembler's core: a growable buffer of 32-bit instruction words, labels and fixups,
 * veneer islands for short-range forward branches, data words, and the optional listing.
 *
 * Veneers (the scheme Cranelift's MachBuffer uses): b.cond/cbz/cbnz reach ±1 MiB and tbz/tbnz
 * ±32 KiB. Every forward reference of those kinds to an unbound label has a deadline, the last
 * offset where the label (or a veneer) must be for the field to reach it. Before the code passes
 * the earliest deadline, an island is emitted: `b` over the island, then for each label with
 * pending short branches close to their deadline a `b label` veneer (±128 MiB), with those short
 * branches redirected to it. The code generator calls `maybeEmitIsland(margin)` between
 * instruction sequences (at block ends, say), `margin` being the most bytes it emits before the
 * next call; in addition
 * `emit` itself emits an island when a deadline is about to pass, so a missed call cannot make a
 * branch unreachable. Because of that, an offset read with `offset` before emitting an
 * instruction may end up pointing at an island's leading `b` (which falls through to the
 * instruction, so branching there is fine). Where the exact address of an instruction matters
 * (a trap site, a return address), take the offset `emit` returns, or `offset - 4` after an
 * instruction method: islands only ever go before an instruction.
 * Data words never trigger an island: call `maybeEmitIsland(tableBytes)` before a jump table.
 * Backward short branches out of range are handled by the branch methods (an inverted branch
 * over a `b`).
 */
import { AsmError } from "../backend/asm-error.js";
import { encBranchImm, encNop } from "./enc-branch.js";
import {
  checkOwner,
  type Fixup,
  FixupKind,
  Label,
  maxForward,
  patchWord,
  targetOf,
  veneerable,
} from "./labels.js";

/** Formats a listing text from the final instruction word and its byte offset. */
export type TextFn = (word: number, at: number) => string;

/** One line of a listing. */
export interface ListingLine {
  /** Byte offset of the word. */
  readonly offset: number;
  /** The final word (after fixups). */
  readonly word: number;
  /** Disassembly in capstone's syntax, or `.word` for data. */
  readonly text: string;
}

/** Options for a new assembler. */
export interface AssemblerOptions {
  /** Keep the text of every instruction for `listing()` (off by default: costs time and memory). */
  readonly listing?: boolean;
}

/** Pending fixups whose deadline is within this many bytes get a veneer in an island. */
const VENEER_WINDOW = 16 * 1024;
/** Default `maybeEmitIsland` margin in bytes. */
const DEFAULT_MARGIN = 1024;

/** Formats an immediate the way capstone does: decimal from -9 to 9, `0x` hex otherwise. */
export function imm(v: number | bigint): string {
  const n = BigInt(v);
  if (n >= -9n && n <= 9n) return `#${n}`;
  return n < 0n ? `#-0x${(-n).toString(16)}` : `#0x${n.toString(16)}`;
}

/** Formats a branch target (a byte offset from the start of the code) the way capstone does. */
export function target(offset: number): string {
  return imm(offset);
}

/** The buffer, labels, islands and listing shared by all instruction families. */
export class AsmCore {
  private buf = new Uint32Array(256);
  private n = 0;
  private nextLabelId = 0;
  /** Veneerable fixups not yet known to be done (done ones are dropped lazily). */
  private readonly short: Fixup[] = [];
  /** How many fixups in `short` are still pending. */
  private live = 0;
  /** The earliest deadline among the pending `short` fixups. */
  private deadline = Number.POSITIVE_INFINITY;
  private readonly diffs: { at: number; target: Label; base: Label }[] = [];
  private readonly texts: (TextFn | undefined)[] | null;
  private readonly referenced = new Set<Label>();
  private finished = false;
  /** Number of islands emitted so far (for tests and statistics). */
  islands = 0;

  constructor(options: AssemblerOptions = {}) {
    this.texts = options.listing === true ? [] : null;
  }

  /** The current byte offset (the address of the next instruction relative to the start). */
  get offset(): number {
    return this.n * 4;
  }

  private put(w: number, text: TextFn | undefined): void {
    if (this.finished) throw new AsmError("assembler: emitting after finish()");
    if (this.n === this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = w >>> 0;
    if (this.texts !== null) this.texts.push(text);
  }

  /**
   * Emits an island first when a pending short branch's deadline would otherwise pass (before
   * every instruction; a caller that measures a distance from `offset` calls it first).
   */
  protected guard(): void {
    if (this.offset + 4 * (this.live + 4) >= this.deadline) this.emitIsland();
  }

  /**
   * Emits one instruction word (from any encoder, including the FP/NEON ones), with an optional
   * listing text; may emit a veneer island before it (see the module comment). Returns the byte
   * offset the word was placed at.
   */
  emit(w: number, text?: TextFn | string): number {
    this.guard();
    this.put(w, typeof text === "string" ? () => text : text);
    return this.offset - 4;
  }

  /**
   * Emits an instruction word whose PC-relative field refers to `label`: patched now when the
   * label is bound (throws if out of range), otherwise when it is bound. `text` prints it.
   */
  emitRef(kind: FixupKind, w: number, label: Label, text?: TextFn): void {
    checkOwner(label, this);
    this.guard();
    const at = this.offset;
    if (label.pos >= 0) {
      this.put(patchWord(kind, w, at, label.pos), text);
      return;
    }
    const fixup: Fixup = {
      kind,
      at,
      label,
      deadline: veneerable(kind) ? at + maxForward(kind) : Number.POSITIVE_INFINITY,
      done: false,
    };
    label.pending.push(fixup);
    this.referenced.add(label);
    if (veneerable(kind)) {
      this.short.push(fixup);
      this.live++;
      this.deadline = Math.min(this.deadline, fixup.deadline);
    }
    this.put(w, text);
  }

  /** Whether `label` is unbound or within `kind`'s range from the current offset. */
  protected reaches(kind: FixupKind, label: Label): boolean {
    if (label.pos < 0) return true;
    const delta = label.pos - this.offset;
    return delta >= -maxForward(kind) - 4 && delta <= maxForward(kind);
  }

  /** Creates an unbound label. */
  newLabel(): Label {
    return new Label(this, this.nextLabelId++);
  }

  /** Binds `label` to the current offset and patches the references emitted so far. */
  bind(label: Label): void {
    checkOwner(label, this);
    if (label.pos >= 0) throw new AsmError(`label ${label} is bound twice`);
    label.pos = this.offset;
    let earliest = false;
    for (const f of label.pending) {
      if (f.done) continue;
      const i = f.at / 4;
      this.buf[i] = patchWord(f.kind, this.buf[i]!, f.at, label.pos);
      f.done = true;
      if (veneerable(f.kind)) {
        this.live--;
        if (f.deadline <= this.deadline) earliest = true;
      }
    }
    label.pending.length = 0;
    // Recompute the deadline only when the earliest one is gone; compact when mostly done.
    if (earliest || this.live * 2 < this.short.length - 32) this.pruneShort();
  }

  /** A new label bound at the current offset. */
  here(): Label {
    const l = this.newLabel();
    this.bind(l);
    return l;
  }

  private pruneShort(): void {
    let w = 0;
    let deadline = Number.POSITIVE_INFINITY;
    for (const f of this.short) {
      if (f.done) continue;
      this.short[w++] = f;
      deadline = Math.min(deadline, f.deadline);
    }
    this.short.length = w;
    this.live = w;
    this.deadline = deadline;
  }

  /**
   * Emits a veneer island if a pending short branch could otherwise become unreachable within
   * the next `margin` bytes of code; returns whether it did. Call it between instruction
   * sequences, with `margin` at least the size of what comes before the next call.
   */
  maybeEmitIsland(margin = DEFAULT_MARGIN): boolean {
    if (this.offset + 2 * margin + 4 * (this.live + 4) < this.deadline) return false;
    return this.emitIsland(margin);
  }

  /**
   * Emits an island with veneers for the short branches due within the margin (one veneer per
   * label, shared by its branches); false if none are due.
   */
  private emitIsland(margin = 0): boolean {
    const start = this.offset;
    const horizon = start + 2 * margin + 4 * (this.live + 4) + VENEER_WINDOW;
    const due = this.short.filter((f) => !f.done && f.deadline < horizon);
    if (due.length === 0) return false;
    this.islands++;
    const skip = this.newLabel();
    const text: TextFn = (w, at) => `b ${target(targetOf(FixupKind.Branch26, w, at))}`;
    this.emitRefRaw(FixupKind.Branch26, encBranchImm(0, 0), skip, text);
    const veneers = new Map<Label, number>();
    for (const f of due) {
      let veneer = veneers.get(f.label);
      if (veneer === undefined) {
        veneer = this.offset;
        veneers.set(f.label, veneer);
        this.emitRefRaw(FixupKind.Branch26, encBranchImm(0, 0), f.label, text);
      }
      const i = f.at / 4;
      this.buf[i] = patchWord(f.kind, this.buf[i]!, f.at, veneer);
      f.done = true;
    }
    this.pruneShort();
    this.bind(skip);
    return true;
  }

  /** `emitRef` without the island guard (used inside an island). */
  private emitRefRaw(kind: FixupKind, w: number, label: Label, text: TextFn): void {
    const at = this.offset;
    if (label.pos >= 0) {
      this.put(patchWord(kind, w, at, label.pos), text);
      return;
    }
    label.pending.push({ kind, at, label, deadline: Number.POSITIVE_INFINITY, done: false });
    this.referenced.add(label);
    this.put(w, text);
  }

  /** Emits a 32-bit data word (never triggers an island). */
  data32(value: number): void {
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 32) {
      throw new AsmError(`data32: ${value} does not fit 32 bits`);
    }
    const w = value >>> 0;
    this.put(w, () => `.word 0x${w.toString(16).padStart(8, "0")}`);
  }

  /** Emits a 64-bit data word (two words, low half first; never triggers an island). */
  data64(value: number | bigint): void {
    if (typeof value === "number" && !Number.isSafeInteger(value))
      throw new AsmError(`data64: ${value} is not a safe integer`);
    if (typeof value === "bigint" && (value < -(2n ** 63n) || value >= 2n ** 64n)) {
      throw new AsmError(`data64: ${value} does not fit 64 bits`);
    }
    const v = BigInt.asUintN(64, BigInt(value));
    this.data32(Number(v & 0xffffffffn));
    this.data32(Number(v >> 32n));
  }

  /**
   * Emits a 32-bit data word holding `target - base` in bytes (a jump-table entry), resolved at
   * `finish()`; never triggers an island.
   */
  dataLabelDiff(targetLabel: Label, base: Label): void {
    checkOwner(targetLabel, this);
    checkOwner(base, this);
    this.diffs.push({ at: this.offset, target: targetLabel, base });
    this.put(0, () => `.word ${targetLabel} - ${base}`);
  }

  /** Pads with nops to a multiple of `bytes` (a power of two, at least 4). */
  align(bytes: number): void {
    if (bytes < 4 || (bytes & (bytes - 1)) !== 0)
      throw new AsmError(`align: ${bytes} is not a power of two ≥ 4`);
    while (this.offset % bytes !== 0) this.put(encNop(), () => "nop");
  }

  /**
   * Resolves the label differences, checks that every referenced label is bound, and returns
   * the code as little-endian bytes. The assembler accepts no more instructions afterwards.
   */
  finish(): Uint8Array {
    for (const l of this.referenced) {
      if (l.pos < 0) throw new AsmError(`label ${l} is referenced but never bound`);
    }
    for (const d of this.diffs) {
      if (d.target.pos < 0 || d.base.pos < 0) {
        throw new AsmError(
          `jump table word at 0x${d.at.toString(16)}: label ${d.target.pos < 0 ? d.target : d.base} is never bound`,
        );
      }
      this.buf[d.at / 4] = (d.target.pos - d.base.pos) >>> 0;
    }
    this.finished = true;
    const out = new Uint8Array(this.n * 4);
    const view = new DataView(out.buffer);
    for (let i = 0; i < this.n; i++) view.setUint32(i * 4, this.buf[i]!, true);
    return out;
  }

  /** The listing (offset, final word, text); needs `{ listing: true }` and `finish()` first. */
  listing(): ListingLine[] {
    if (this.texts === null)
      throw new AsmError("listing: the assembler was created without { listing: true }");
    if (!this.finished) throw new AsmError("listing: call finish() first");
    const out: ListingLine[] = [];
    for (let i = 0; i < this.n; i++) {
      const w = this.buf[i]!;
      const fn = this.texts[i];
      out.push({
        offset: i * 4,
        word: w,
        text: fn === undefined ? `.inst 0x${w.toString(16).padStart(8, "0")}` : fn(w, i * 4),
      });
    }
    return out;
  }
}
