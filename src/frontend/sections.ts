/**
 * Decoders of the module's declaration sections: type, import, function, table, memory, global,
 * export, start and data count. Each reads its section from `st.r` (whose `end` is the section's
 * end), validates what it can at once, and appends to the module being built.
 */
import { readConstExpr } from "./const-expr.js";
import {
  addMemory,
  type DecodeState,
  hex,
  readGlobalType,
  readMemoryType,
  readTableType,
  readValType,
  tooLong,
} from "./decode-state.js";
import type { ExternKind, ValType } from "./types.js";

/** The `func` type constructor that starts every function type. */
const FUNC_TYPE_FORM = 0x60;

/** Reads a vector of value types (parameters or results). */
function readResultType(st: DecodeState, what: string): ValType[] {
  const r = st.r;
  const n = r.vecLen(what);
  const out: ValType[] = [];
  for (let i = 0; i < n; i++) out.push(readValType(r));
  return out;
}

/** Type section: function types. */
export function decodeTypeSection(st: DecodeState): void {
  const r = st.r;
  const n = r.vecLen("type");
  for (let i = 0; i < n; i++) {
    const pos = r.pos;
    const form = r.u8();
    if ((form & 0x80) !== 0) tooLong(r, "function type", pos);
    if (form !== FUNC_TYPE_FORM) r.fail(`malformed function type: expected 0x60, got ${hex(form)}`, pos);
    const params = readResultType(st, "parameter");
    const results = readResultType(st, "result");
    st.m.types.push({ params, results });
  }
}

/** Checks that `typeIndex`, read at `pos`, names a type. */
function checkTypeIndex(st: DecodeState, typeIndex: number, pos: number): void {
  if (typeIndex >= st.m.types.length) {
    st.r.fail(`unknown type ${typeIndex} (the module has ${st.m.types.length} types)`, pos);
  }
}

/** Import section: imported functions, tables, memories and globals, in index-space order. */
export function decodeImportSection(st: DecodeState): void {
  const r = st.r;
  const m = st.m;
  const n = r.vecLen("import");
  for (let i = 0; i < n; i++) {
    const module = r.name();
    const name = r.name();
    const pos = r.pos;
    const kind = r.u8();
    switch (kind) {
      case 0: {
        const typePos = r.pos;
        const typeIndex = r.u32();
        checkTypeIndex(st, typeIndex, typePos);
        m.funcs.push(typeIndex);
        m.numImportedFuncs++;
        m.imports.push({ module, name, desc: { kind: "func", typeIndex } });
        break;
      }
      case 1: {
        const type = readTableType(r);
        m.tables.push(type);
        m.numImportedTables++;
        m.imports.push({ module, name, desc: { kind: "table", type } });
        break;
      }
      case 2: {
        const type = readMemoryType(r);
        addMemory(st, type, pos);
        m.numImportedMemories++;
        m.imports.push({ module, name, desc: { kind: "memory", type } });
        break;
      }
      case 3: {
        const type = readGlobalType(r);
        m.globalTypes.push(type);
        m.numImportedGlobals++;
        m.imports.push({ module, name, desc: { kind: "global", type } });
        break;
      }
      default:
        r.fail(`malformed import kind ${hex(kind)}`, pos);
    }
  }
}

/** Function section: the type index of each function the module defines. */
export function decodeFunctionSection(st: DecodeState): void {
  const r = st.r;
  const n = r.vecLen("function");
  for (let i = 0; i < n; i++) {
    const pos = r.pos;
    const typeIndex = r.u32();
    checkTypeIndex(st, typeIndex, pos);
    st.m.funcs.push(typeIndex);
  }
  st.numDefinedFuncs = n;
}

/** Table section. */
export function decodeTableSection(st: DecodeState): void {
  const r = st.r;
  const n = r.vecLen("table");
  for (let i = 0; i < n; i++) st.m.tables.push(readTableType(r));
}

/** Memory section (at most one memory in Wasm 2.0, imports included). */
export function decodeMemorySection(st: DecodeState): void {
  const r = st.r;
  const n = r.vecLen("memory");
  for (let i = 0; i < n; i++) {
    const pos = r.pos;
    addMemory(st, readMemoryType(r), pos);
  }
}

/** Global section: each global's type and constant initialiser. */
export function decodeGlobalSection(st: DecodeState): void {
  const r = st.r;
  const m = st.m;
  const n = r.vecLen("global");
  for (let i = 0; i < n; i++) {
    const type = readGlobalType(r);
    const init = readConstExpr(st, type.type, "initialiser of global", m.globalTypes.length);
    m.globals.push({ type, init });
    m.globalTypes.push(type);
  }
}

/** The export kinds, by their binary encoding. */
const EXPORT_KINDS: readonly ExternKind[] = ["func", "table", "memory", "global"];

/** Export section: names must be unique and indices valid; exported functions become declared refs. */
export function decodeExportSection(st: DecodeState): void {
  const r = st.r;
  const m = st.m;
  const n = r.vecLen("export");
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const namePos = r.pos;
    const name = r.name();
    const kindPos = r.pos;
    const kindByte = r.u8();
    const kind = EXPORT_KINDS[kindByte];
    if (kind === undefined) r.fail(`malformed export kind ${hex(kindByte)}`, kindPos);
    const indexPos = r.pos;
    const index = r.u32();
    const count =
      kind === "func"
        ? m.funcs.length
        : kind === "table"
          ? m.tables.length
          : kind === "memory"
            ? m.memories.length
            : m.globalTypes.length;
    if (index >= count) {
      const noun = kind === "func" ? "function" : kind;
      r.fail(`unknown ${noun} ${index} in export "${name}"`, indexPos);
    }
    if (seen.has(name)) r.fail(`duplicate export name "${name}"`, namePos);
    seen.add(name);
    if (kind === "func") st.declaredFuncRefs.add(index);
    m.exports.push({ name, kind, index });
  }
}

/** Start section: a function of type [] -> []. */
export function decodeStartSection(st: DecodeState): void {
  const r = st.r;
  const m = st.m;
  const pos = r.pos;
  const index = r.u32();
  if (index >= m.funcs.length) r.fail(`unknown function ${index} as start function`, pos);
  const type = m.types[m.funcs[index]!]!;
  if (type.params.length !== 0 || type.results.length !== 0) {
    r.fail(`start function ${index} must have type [] -> []`, pos);
  }
  m.start = index;
}

/** Data count section: the number of data segments, needed by `memory.init` and `data.drop`. */
export function decodeDataCountSection(st: DecodeState): void {
  st.m.dataCount = st.r.u32();
}
