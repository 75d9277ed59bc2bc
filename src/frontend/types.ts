/**
 * The decoded structure of a WebAssembly 2.0 module: everything the decoder produces and the
 * validator, the IR lowering and the runtime consume. Values are kept as their exact bits
 * (f32 as a u32, f64 and i64 as two u32 halves, v128 as 16 bytes) so nothing is lost to
 * JS number conversion, and no bigint is needed.
 */

/** Value types, by their binary encoding. */
export const ValType = {
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
  V128: 0x7b,
  FuncRef: 0x70,
  ExternRef: 0x6f,
} as const;

/** A value type, by its binary encoding. */
export type ValType = (typeof ValType)[keyof typeof ValType];

/** A reference type (funcref or externref). */
export type RefType = typeof ValType.FuncRef | typeof ValType.ExternRef;

/** True when `t` is a reference type. */
export function isRefType(t: ValType): t is RefType {
  return t === ValType.FuncRef || t === ValType.ExternRef;
}

/** The text-format name of a value type (`i32`, `funcref`, ...). */
export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.I32:
      return "i32";
    case ValType.I64:
      return "i64";
    case ValType.F32:
      return "f32";
    case ValType.F64:
      return "f64";
    case ValType.V128:
      return "v128";
    case ValType.FuncRef:
      return "funcref";
    case ValType.ExternRef:
      return "externref";
  }
}

/** A function signature. */
export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** Size limits of a memory (in 64 KiB pages) or a table (in elements); `max` is null when absent. */
export interface Limits {
  readonly min: number;
  readonly max: number | null;
}

/** A table's element type and limits. */
export interface TableType {
  readonly elem: RefType;
  readonly limits: Limits;
}

/** A linear memory's limits, in pages. */
export interface MemoryType {
  readonly limits: Limits;
}

/** A global's value type and mutability. */
export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}

/** The four kinds of importable and exportable entities. */
export type ExternKind = "func" | "table" | "memory" | "global";

/** What an import brings in. */
export type ImportDesc =
  | { readonly kind: "func"; readonly typeIndex: number }
  | { readonly kind: "table"; readonly type: TableType }
  | { readonly kind: "memory"; readonly type: MemoryType }
  | { readonly kind: "global"; readonly type: GlobalType };

/** One entry of the import section. */
export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
}

/** One entry of the export section. */
export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
}

/**
 * A constant expression, as allowed in Wasm 2.0 (global initialisers, segment offsets and
 * element expressions): a single constant, `ref.null`, `ref.func` or `global.get`.
 */
export type ConstExpr =
  | { readonly kind: "i32.const"; readonly value: number }
  | { readonly kind: "i64.const"; readonly lo: number; readonly hi: number }
  | { readonly kind: "f32.const"; readonly bits: number }
  | { readonly kind: "f64.const"; readonly lo: number; readonly hi: number }
  | { readonly kind: "v128.const"; readonly bytes: Uint8Array }
  | { readonly kind: "ref.null"; readonly type: RefType }
  | { readonly kind: "ref.func"; readonly funcIndex: number }
  | { readonly kind: "global.get"; readonly globalIndex: number };

/** A global defined by the module. */
export interface Global {
  readonly type: GlobalType;
  readonly init: ConstExpr;
}

/** How an element or data segment is applied. */
export type SegmentMode =
  | { readonly kind: "passive" }
  | { readonly kind: "declarative" }
  | { readonly kind: "active"; readonly index: number; readonly offset: ConstExpr };

/** An element segment; every item is a constant expression (`ref.func` / `ref.null` / `global.get`). */
export interface ElemSegment {
  readonly type: RefType;
  readonly mode: SegmentMode;
  readonly items: readonly ConstExpr[];
}

/** A data segment; `bytes` is a view into the module's bytes. */
export interface DataSegment {
  readonly mode:
    | { readonly kind: "passive" }
    | { readonly kind: "active"; readonly index: number; readonly offset: ConstExpr };
  readonly bytes: Uint8Array;
}

/** A function body: its declared locals (parameters excluded) and where its code lies in the module. */
export interface FunctionBody {
  /** Local types in order, with runs expanded (parameters not included). */
  readonly locals: readonly ValType[];
  /** Offset of the first instruction byte in the module. */
  readonly codeStart: number;
  /** Offset just past the body's final `end`. */
  readonly codeEnd: number;
}

/** A custom section other than `name`, kept as bytes. */
export interface CustomSection {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The contents of the `name` custom section; absent entries are simply missing from the maps. */
export interface NameSection {
  moduleName: string | null;
  readonly functionNames: Map<number, string>;
  readonly localNames: Map<number, Map<number, string>>;
}

/** A decoded and validated module. Index spaces put imports first, as the spec does. */
export interface Module {
  /** The module's bytes, which function bodies and data segments refer into. */
  readonly bytes: Uint8Array;
  readonly types: readonly FuncType[];
  readonly imports: readonly Import[];
  /** Type index of every function, imported ones first. */
  readonly funcs: readonly number[];
  /** Every table, imported ones first. */
  readonly tables: readonly TableType[];
  /** Every memory, imported ones first. */
  readonly memories: readonly MemoryType[];
  /** Type of every global, imported ones first. */
  readonly globalTypes: readonly GlobalType[];
  /** Globals defined by the module (the index space minus imports). */
  readonly globals: readonly Global[];
  readonly exports: readonly Export[];
  readonly start: number | null;
  readonly elems: readonly ElemSegment[];
  readonly datas: readonly DataSegment[];
  /** The data count section's value, when present. */
  readonly dataCount: number | null;
  /** Bodies of the functions defined by the module (index = function index - imported function count). */
  readonly codes: readonly FunctionBody[];
  readonly numImportedFuncs: number;
  readonly numImportedTables: number;
  readonly numImportedMemories: number;
  readonly numImportedGlobals: number;
  readonly names: NameSection;
  readonly customSections: readonly CustomSection[];
}
