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
      mode =
        (flags & ELEM_EXPLICIT_TABLE_OR_DECLARATIVE) === 0 ? { kind: "passive" } : { kind: "declarative" };
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
    let mode: DataSegment["mode"];
    if (flags === 1) mode = { kind: "passive" };
    else {
      const memPos = r.pos;
      const index = flags === 2 ? r.u32() : 0;
      if (index >= m.memories.length) r.fail(`unknown memory ${index} in data segment ${i}`, memPos);
      mode = { kind: "active", index, offset: readConstExpr(st, ValType.I32, "offset of data segment", i) };
    }
    const len = r.u32();
    m.datas.push({ mode, bytes: r.take(len) });
  }
}
