/**
 * Decoders of the element section (all eight encodings) and the data section (all three),
 * validating segment modes, target tables and memories, offsets and items.
 */
import { readConstExpr } from "./const-expr.js";
import { type DecodeState, hex, readRefType } from "./decode-state.js";
import {
  type ConstExpr,
  type DataSegment,
  type RefType,
  type SegmentMode,
  ValType,
  valTypeName,
} from "./types.js";

/** The mode of every passive segment (immutable, so shared). */
const PASSIVE: { readonly kind: "passive" } = Object.freeze({ kind: "passive" });
/** The mode of every declarative element segment. */
const DECLARATIVE: { readonly kind: "declarative" } = Object.freeze({ kind: "declarative" });

/** Opcodes of the usual offset expression. */
const I32_CONST = 0x41;
const END = 0x0b;

/** Marks a passive data segment in `DecodedDataSegment`'s memory index. */
const NO_MEMORY = -1;

/**
 * A data segment decoded into a single object of plain numbers; its `mode` and `bytes` objects
 * are made on first use. Modules can have 10^5 segments (one per C global, say), and making
 * three objects and a typed-array view for each one up front costs more than the rest of the
 * data section's decoding.
 */
class DecodedDataSegment implements DataSegment {
  readonly #src: Uint8Array;
  readonly #start: number;
  readonly #end: number;
  /** Target memory of an active segment, or `NO_MEMORY`. */
  readonly #memory: number;
  /** An active segment's offset: the value of an `i32.const`, or the expression itself. */
  readonly #offset: number | ConstExpr;
  #mode: DataSegment["mode"] | null = null;
  #bytes: Uint8Array | null = null;

  constructor(memory: number, offset: number | ConstExpr, src: Uint8Array, start: number, end: number) {
    this.#memory = memory;
    this.#offset = offset;
    this.#src = src;
    this.#start = start;
    this.#end = end;
  }

  /** Passive, or active with its memory index and offset expression. */
  get mode(): DataSegment["mode"] {
    if (this.#mode === null) {
      const offset = this.#offset;
      this.#mode =
        this.#memory === NO_MEMORY
          ? PASSIVE
          : {
              kind: "active",
              index: this.#memory,
              offset: typeof offset === "number" ? { kind: "i32.const", value: offset } : offset,
            };
    }
    return this.#mode;
  }

  /** The segment's bytes, a view into the module's bytes. */
  get bytes(): Uint8Array {
    if (this.#bytes === null) this.#bytes = this.#src.subarray(this.#start, this.#end);
    return this.#bytes;
  }
}

/** Element segment flag bits (the segment kind is a 3-bit field). */
const ELEM_PASSIVE_OR_DECLARATIVE = 1;
const ELEM_EXPLICIT_TABLE_OR_DECLARATIVE = 2;
const ELEM_EXPRESSIONS = 4;

/** Element section: every segment's mode, type and items. */
export function decodeElementSection(st: DecodeState): void {
  const r = st.r;
  const m = st.m;
  const n = r.vecLen("element segment");
  for (let i = 0; i < n; i++) {
    const flagsPos = r.pos;
    const flags = r.u32();
    if (flags > 7) r.fail(`malformed elements segment kind ${flags} in element segment ${i}`, flagsPos);
    let mode: SegmentMode;
    let tableIndex = 0;
    let tablePos = flagsPos;
    if ((flags & ELEM_PASSIVE_OR_DECLARATIVE) === 0) {
      if ((flags & ELEM_EXPLICIT_TABLE_OR_DECLARATIVE) !== 0) {
        tablePos = r.pos;
        tableIndex = r.u32();
      }
      if (tableIndex >= m.tables.length)
        r.fail(`unknown table ${tableIndex} in element segment ${i}`, tablePos);
      const offset = readConstExpr(st, ValType.I32, "offset of element segment", i);
      mode = { kind: "active", index: tableIndex, offset };
    } else {
      mode = (flags & ELEM_EXPLICIT_TABLE_OR_DECLARATIVE) === 0 ? PASSIVE : DECLARATIVE;
    }
    const exprs = (flags & ELEM_EXPRESSIONS) !== 0;
    let type: RefType = ValType.FuncRef;
    // Encodings 0 and 4 imply funcref; the others name an element kind or a reference type.
    if ((flags & 3) !== 0) {
      if (exprs) type = readRefType(r);
      else {
        const kindPos = r.pos;
        const kind = r.u8();
        if (kind !== 0) r.fail(`malformed element kind ${hex(kind)} in element segment ${i}`, kindPos);
      }
    }
    if (mode.kind === "active" && m.tables[tableIndex]!.elem !== type) {
      r.fail(
        `type mismatch: element segment ${i} of ${valTypeName(type)} for table ${tableIndex} of ${valTypeName(m.tables[tableIndex]!.elem)}`,
        flagsPos,
      );
    }
    const count = r.vecLen("element");
    const items: ConstExpr[] = [];
    if (exprs) {
      for (let j = 0; j < count; j++) items.push(readConstExpr(st, type, "an item of element segment", i));
    } else {
      const numFuncs = m.funcs.length;
      for (let j = 0; j < count; j++) {
        const pos = r.pos;
        const funcIndex = r.u32();
        if (funcIndex >= numFuncs) r.fail(`unknown function ${funcIndex} in element segment ${i}`, pos);
        st.declaredFuncRefs.add(funcIndex);
        items.push({ kind: "ref.func", funcIndex });
      }
    }
    m.elems.push({ type, mode, items });
  }
}

/**
 * Reads the offset of data segment `i`: the value of an `i32.const` offset, read directly (the
 * usual case), else the whole constant expression.
 */
function readOffset(st: DecodeState, i: number): number | ConstExpr {
  const r = st.r;
  const start = r.pos;
  if (r.bytes[start] === I32_CONST && start < r.end) {
    r.pos++;
    const value = r.s32();
    if (r.pos < r.end && r.bytes[r.pos] === END) {
      r.pos++;
      return value;
    }
    r.pos = start;
  }
  return readConstExpr(st, ValType.I32, "offset of data segment", i);
}

/** Data section: every segment's mode and bytes (a view into the module). */
export function decodeDataSection(st: DecodeState): void {
  const r = st.r;
  const m = st.m;
  const countPos = r.pos;
  const n = r.vecLen("data segment");
  if (m.dataCount !== null && n !== m.dataCount) {
    r.fail(
      `data count and data section have inconsistent lengths (${m.dataCount} and ${n} segments)`,
      countPos,
    );
  }
  for (let i = 0; i < n; i++) {
    const flagsPos = r.pos;
    const flags = r.u32();
    if (flags > 2) r.fail(`malformed data segment kind ${flags} in data segment ${i}`, flagsPos);
    let memory = NO_MEMORY;
    let offset: number | ConstExpr = 0;
    if (flags !== 1) {
      const memPos = r.pos;
      memory = flags === 2 ? r.u32() : 0;
      if (memory >= m.memories.length) r.fail(`unknown memory ${memory} in data segment ${i}`, memPos);
      offset = readOffset(st, i);
    }
    const lenPos = r.pos;
    const len = r.u32();
    if (len > r.end - r.pos) {
      r.fail(
        `unexpected end of section or function: data segment ${i} of ${len} bytes, ${r.end - r.pos} left`,
        lenPos,
      );
    }
    const start = r.pos;
    r.pos += len;
    m.datas.push(new DecodedDataSegment(memory, offset, r.bytes, start, r.pos));
  }
}
