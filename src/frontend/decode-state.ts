/**
 * The state shared by the section decoders while one module is decoded: the module under
 * construction, the byte reader, and the facts later sections need (declared function count,
 * the functions `ref.func` may name). Also the readers of the small type encodings (value types,
 * reference types, limits, table, memory and global types) used by several sections.
 */
import type { Reader } from "./reader.js";
import {
  type CustomSection,
  type DataSegment,
  type ElemSegment,
  type Export,
  type FuncType,
  type FunctionBody,
  type Global,
  type GlobalType,
  type Import,
  type Limits,
  type MemoryType,
  type Module,
  type NameSection,
  type RefType,
  type TableType,
  ValType,
} from "./types.js";
import type { FuncVisitor } from "./visitor.js";

/** Largest memory size in Wasm 2.0, in 64 KiB pages (4 GiB). */
export const MAX_MEMORY_PAGES = 65536;

/** A `Module` while it is being built: the same fields, appendable and assignable. */
export interface ModuleBuilder extends Module {
  readonly types: FuncType[];
  readonly imports: Import[];
  readonly funcs: number[];
  readonly tables: TableType[];
  readonly memories: MemoryType[];
  readonly globalTypes: GlobalType[];
  readonly globals: Global[];
  readonly exports: Export[];
  start: number | null;
  readonly elems: ElemSegment[];
  readonly datas: DataSegment[];
  dataCount: number | null;
  readonly codes: FunctionBody[];
  numImportedFuncs: number;
  numImportedTables: number;
  numImportedMemories: number;
  numImportedGlobals: number;
  names: NameSection;
  readonly customSections: CustomSection[];
}

/** Everything the section decoders read and update. */
export interface DecodeState {
  /** The reader over the whole module; its `end` is set to the current section's end. */
  readonly r: Reader;
  /** The module being built. */
  readonly m: ModuleBuilder;
  /** Function indices named outside function bodies (elements, exports, globals): C.refs. */
  readonly declaredFuncRefs: Set<number>;
  /** Number of functions declared by the function section (0 when it is absent). */
  numDefinedFuncs: number;
  /** True once the code section has been decoded. */
  sawCode: boolean;
  /** True once a `name` custom section has been seen (only the first one is parsed). */
  sawNames: boolean;
  /** Gives the visitor (if any) that rides along with each function's validation. */
  readonly visitorFor?: FuncVisitorFactory | undefined;
}

/**
 * Makes the `FuncVisitor` for one defined function, given the module decoded so far (every
 * section before the code section is complete), or returns undefined for none.
 */
export type FuncVisitorFactory = (module: Module, funcIndex: number) => FuncVisitor | undefined;

/** Creates an empty module builder over `bytes`. */
export function newModuleBuilder(bytes: Uint8Array): ModuleBuilder {
  return {
    bytes,
    types: [],
    imports: [],
    funcs: [],
    tables: [],
    memories: [],
    globalTypes: [],
    globals: [],
    exports: [],
    start: null,
    elems: [],
    datas: [],
    dataCount: null,
    codes: [],
    numImportedFuncs: 0,
    numImportedTables: 0,
    numImportedMemories: 0,
    numImportedGlobals: 0,
    names: { moduleName: null, functionNames: new Map(), localNames: new Map() },
    customSections: [],
  };
}

/** Formats a byte as `0xNN` for error messages. */
export function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, "0")}`;
}

/**
 * Fails on a type byte with its continuation bit set: types are 7-bit signed LEB128 integers
 * in the binary format, so such a byte is an over-long encoding (as the spec tests expect).
 */
export function tooLong(r: Reader, what: string, pos: number): never {
  return r.fail(`integer representation too long: ${what} ${hex(r.bytes[pos]!)}`, pos);
}

/** Reads a value type (`i32` ... `externref`); anything else is "malformed value type". */
export function readValType(r: Reader): ValType {
  const pos = r.pos;
  const b = r.u8();
  if ((b & 0x80) !== 0) tooLong(r, "value type", pos);
  if ((b >= ValType.V128 && b <= ValType.I32) || b === ValType.FuncRef || b === ValType.ExternRef) {
    return b as ValType;
  }
  return r.fail(`malformed value type ${hex(b)}`, pos);
}

/** Reads a reference type (`funcref` or `externref`); anything else is "malformed reference type". */
export function readRefType(r: Reader): RefType {
  const pos = r.pos;
  const b = r.u8();
  if ((b & 0x80) !== 0) tooLong(r, "reference type", pos);
  if (b === ValType.FuncRef || b === ValType.ExternRef) return b;
  return r.fail(`malformed reference type ${hex(b)}`, pos);
}

/**
 * Reads limits: a flag (0: min only, 1: min and max) then u32 LEB128 bounds. The flag is a
 * one-bit LEB128, so a continuation bit is "integer representation too long" and any other
 * value "integer too large", as the spec tests expect.
 */
function readLimits(r: Reader): Limits {
  const pos = r.pos;
  const flag = r.u8();
  if ((flag & 0x80) !== 0) r.fail(`integer representation too long: limits flag ${hex(flag)}`, pos);
  if (flag > 1) r.fail(`integer too large: limits flag ${hex(flag)} (expected 0x00 or 0x01)`, pos);
  const min = r.u32();
  const max = flag === 1 ? r.u32() : null;
  return { min, max };
}

/** Reads a table type and checks its limits. */
export function readTableType(r: Reader): TableType {
  const elem = readRefType(r);
  const pos = r.pos;
  const limits = readLimits(r);
  if (limits.max !== null && limits.min > limits.max) {
    r.fail(`size minimum must not be greater than maximum (table ${limits.min} > ${limits.max})`, pos);
  }
  return { elem, limits };
}

/** Reads a memory type and checks its limits (at most 65536 pages, min <= max). */
export function readMemoryType(r: Reader): MemoryType {
  const pos = r.pos;
  const limits = readLimits(r);
  if (limits.min > MAX_MEMORY_PAGES || (limits.max !== null && limits.max > MAX_MEMORY_PAGES)) {
    r.fail(
      `memory size must be at most 65536 pages (4GiB), got ${limits.min}..${limits.max ?? "unbounded"}`,
      pos,
    );
  }
  if (limits.max !== null && limits.min > limits.max) {
    r.fail(`size minimum must not be greater than maximum (memory ${limits.min} > ${limits.max})`, pos);
  }
  return { limits };
}

/** Reads a global type: a value type then a mutability byte (0 or 1, else "malformed mutability"). */
export function readGlobalType(r: Reader): GlobalType {
  const type = readValType(r);
  const pos = r.pos;
  const mut = r.u8();
  if (mut > 1) r.fail(`malformed mutability ${hex(mut)}`, pos);
  return { type, mutable: mut === 1 };
}

/** Adds a memory to the module, enforcing Wasm 2.0's limit of one memory. */
export function addMemory(st: DecodeState, mem: MemoryType, pos: number): void {
  if (st.m.memories.length > 0) st.r.fail("multiple memories", pos);
  st.m.memories.push(mem);
}
