/**
 * The embedding API's type descriptors: value types by their text names, function signatures,
 * and the types of imports and exports as plain objects.
 */
import {
  type Export,
  type FuncType,
  type GlobalType,
  type Import,
  type Limits,
  type Module,
  type TableType,
  ValType,
  valTypeName,
} from "../frontend/types.js";

/** A wasm value type by its text-format name. */
export type ValueTypeName = "i32" | "i64" | "f32" | "f64" | "v128" | "funcref" | "externref";

/** A function signature with value types by name, as given to `hostFunction`. */
export interface FunctionSignature {
  /** Parameter types, in order. */
  readonly params: readonly ValueTypeName[];
  /** Result types, in order. */
  readonly results: readonly ValueTypeName[];
}

/** A table's element type and size limits. */
export interface TableTypeInfo {
  /** Element type. */
  readonly element: "funcref" | "externref";
  /** Initial (or current) size in elements. */
  readonly minimum: number;
  /** Declared maximum size, or null. */
  readonly maximum: number | null;
}

/** A memory's size limits in 64 KiB pages. */
export interface MemoryTypeInfo {
  /** Initial (or current) size in pages. */
  readonly minimum: number;
  /** Declared maximum size, or null. */
  readonly maximum: number | null;
}

/** A global's value type and mutability. */
export interface GlobalTypeInfo {
  /** Value type. */
  readonly value: ValueTypeName;
  /** True for a mutable global. */
  readonly mutable: boolean;
}

/** The type of an import or export, tagged by kind. */
export type ExternTypeInfo =
  | { readonly kind: "function"; readonly type: FunctionSignature }
  | { readonly kind: "table"; readonly type: TableTypeInfo }
  | { readonly kind: "memory"; readonly type: MemoryTypeInfo }
  | { readonly kind: "global"; readonly type: GlobalTypeInfo };

/** One import of a module, with its type. */
export type ImportInfo = ExternTypeInfo & {
  /** Module name of the import. */
  readonly module: string;
  /** Field name of the import. */
  readonly name: string;
};

/** One export of a module, with its type. */
export type ExportInfo = ExternTypeInfo & {
  /** Export name. */
  readonly name: string;
};

const byName: Readonly<Record<ValueTypeName, ValType>> = {
  i32: ValType.I32,
  i64: ValType.I64,
  f32: ValType.F32,
  f64: ValType.F64,
  v128: ValType.V128,
  funcref: ValType.FuncRef,
  externref: ValType.ExternRef,
};

/** The value type named `name` (also accepting the JS API's `anyfunc`); throws `TypeError` for others. */
export function parseValueType(name: unknown): ValType {
  if (name === "anyfunc") return ValType.FuncRef;
  if (typeof name === "string" && Object.hasOwn(byName, name)) return byName[name as ValueTypeName];
  throw new TypeError(
    `unknown value type ${JSON.stringify(String(name))}: expected one of ${Object.keys(byName).join(", ")}`,
  );
}

/** The name of value type `t`. */
export function valueTypeName(t: ValType): ValueTypeName {
  return valTypeName(t) as ValueTypeName;
}

/** The runtime signature of a named signature; throws `TypeError` for unknown type names. */
export function parseSignature(sig: FunctionSignature): FuncType {
  if (sig === null || typeof sig !== "object" || !Array.isArray(sig.params) || !Array.isArray(sig.results)) {
    throw new TypeError(
      "a function signature is an object { params: [...], results: [...] } of value type names",
    );
  }
  return { params: sig.params.map(parseValueType), results: sig.results.map(parseValueType) };
}

/** The named form of a runtime signature. */
export function signatureInfo(t: FuncType): FunctionSignature {
  return { params: t.params.map(valueTypeName), results: t.results.map(valueTypeName) };
}

function limitsInfo(l: Limits): { minimum: number; maximum: number | null } {
  return { minimum: l.min, maximum: l.max };
}

/** The descriptor of a table type. */
export function tableInfo(t: TableType): TableTypeInfo {
  return { element: t.elem === ValType.FuncRef ? "funcref" : "externref", ...limitsInfo(t.limits) };
}

/** The descriptor of a global type. */
export function globalInfo(t: GlobalType): GlobalTypeInfo {
  return { value: valueTypeName(t.type), mutable: t.mutable };
}

/** Every import of `module` with its type, in order. */
export function importsOf(module: Module): ImportInfo[] {
  return module.imports.map((imp) => importInfo(module, imp));
}

function importInfo(module: Module, imp: Import): ImportInfo {
  const d = imp.desc;
  const at = { module: imp.module, name: imp.name };
  switch (d.kind) {
    case "func":
      return { ...at, kind: "function", type: signatureInfo(module.types[d.typeIndex]) };
    case "table":
      return { ...at, kind: "table", type: tableInfo(d.type) };
    case "memory":
      return { ...at, kind: "memory", type: limitsInfo(d.type.limits) };
    case "global":
      return { ...at, kind: "global", type: globalInfo(d.type) };
  }
}

/** Every export of `module` with its type, in order. */
export function exportsOf(module: Module): ExportInfo[] {
  return module.exports.map((e) => exportInfo(module, e));
}

function exportInfo(module: Module, e: Export): ExportInfo {
  switch (e.kind) {
    case "func":
      return { name: e.name, kind: "function", type: signatureInfo(module.types[module.funcs[e.index]]) };
    case "table":
      return { name: e.name, kind: "table", type: tableInfo(module.tables[e.index]) };
    case "memory":
      return { name: e.name, kind: "memory", type: limitsInfo(module.memories[e.index].limits) };
    case "global":
      return { name: e.name, kind: "global", type: globalInfo(module.globalTypes[e.index]) };
  }
}

/** The text form of an extern type, as in `(func (param i32) (result i64))` or `(memory 1 2)`. */
export function formatExternType(t: ExternTypeInfo): string {
  const lim = (l: { minimum: number; maximum: number | null }) =>
    l.maximum === null ? `${l.minimum}` : `${l.minimum} ${l.maximum}`;
  switch (t.kind) {
    case "function": {
      const parts = ["func"];
      if (t.type.params.length > 0) parts.push(`(param ${t.type.params.join(" ")})`);
      if (t.type.results.length > 0) parts.push(`(result ${t.type.results.join(" ")})`);
      return `(${parts.join(" ")})`;
    }
    case "table":
      return `(table ${lim(t.type)} ${t.type.element})`;
    case "memory":
      return `(memory ${lim(t.type)})`;
    case "global":
      return `(global ${t.type.mutable ? `(mut ${t.type.value})` : t.type.value})`;
  }
}
