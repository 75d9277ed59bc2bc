/**
 * Import resolution: finds every import of a module and checks its type against what the module
 * declares (function signatures exactly, table and memory limits by subtyping, global value type
 * and mutability exactly), failing with a `LinkError` that names the import and both types.
 */

import { LinkError } from "../errors.js";
import { type Import, type Limits, type Module, valTypeName } from "../frontend/types.js";
import { formatFuncType, funcTypeId } from "./func-type.js";
import { type FunctionInstance, isFunctionInstance } from "./function.js";
import { GlobalInstance } from "./global.js";
import { MemoryInstance } from "./memory.js";
import { TableInstance } from "./table.js";

/** Anything an instance can import or export. */
export type ExternVal = FunctionInstance | TableInstance | MemoryInstance | GlobalInstance;

/** Finds the value for an import, or undefined when there is none. */
export type ImportResolver = (module: string, name: string) => ExternVal | undefined;

/** A module's imports resolved and checked, split by kind in index-space order. */
export interface ResolvedImports {
  readonly funcs: FunctionInstance[];
  readonly tables: TableInstance[];
  readonly memories: MemoryInstance[];
  readonly globals: GlobalInstance[];
}

function formatLimits(l: Limits): string {
  return l.max === null ? `${l.min}` : `${l.min} ${l.max}`;
}

/** Limits subtyping: `actual` (current size and declared maximum) fits `expected`. */
function limitsMatch(actual: Limits, expected: Limits): boolean {
  if (actual.min < expected.min) return false;
  if (expected.max === null) return true;
  return actual.max !== null && actual.max <= expected.max;
}

function kindOf(v: ExternVal): string {
  if (isFunctionInstance(v)) return "func";
  if (v instanceof TableInstance) return "table";
  if (v instanceof MemoryInstance) return "memory";
  return "global";
}

function describe(v: ExternVal): string {
  if (isFunctionInstance(v)) return formatFuncType(v.type);
  if (v instanceof TableInstance) return `(table ${formatLimits(v.type().limits)} ${valTypeName(v.elem)})`;
  if (v instanceof MemoryInstance) return `(memory ${formatLimits(v.type().limits)})`;
  const t = valTypeName(v.type.type);
  return `(global ${v.type.mutable ? `(mut ${t})` : t})`;
}

function expectedText(module: Module, imp: Import): string {
  const d = imp.desc;
  switch (d.kind) {
    case "func":
      return formatFuncType(module.types[d.typeIndex]);
    case "table":
      return `(table ${formatLimits(d.type.limits)} ${valTypeName(d.type.elem)})`;
    case "memory":
      return `(memory ${formatLimits(d.type.limits)})`;
    case "global": {
      const t = valTypeName(d.type.type);
      return `(global ${d.type.mutable ? `(mut ${t})` : t})`;
    }
  }
}

function matches(module: Module, imp: Import, v: ExternVal): boolean {
  const d = imp.desc;
  switch (d.kind) {
    case "func":
      return isFunctionInstance(v) && v.typeId === funcTypeId(module.types[d.typeIndex]);
    case "table":
      return (
        v instanceof TableInstance && v.elem === d.type.elem && limitsMatch(v.type().limits, d.type.limits)
      );
    case "memory":
      return v instanceof MemoryInstance && limitsMatch(v.type().limits, d.type.limits);
    case "global":
      return v instanceof GlobalInstance && v.type.type === d.type.type && v.type.mutable === d.type.mutable;
  }
}

/** Resolves and type-checks every import of `module`; throws `LinkError` on the first failure. */
export function resolveImports(module: Module, resolve: ImportResolver): ResolvedImports {
  const out: ResolvedImports = { funcs: [], tables: [], memories: [], globals: [] };
  for (const imp of module.imports) {
    const where = `"${imp.module}" "${imp.name}"`;
    const v = resolve(imp.module, imp.name);
    if (v === undefined) throw new LinkError(`unknown import ${where}: nothing provides it`);
    if (!matches(module, imp, v)) {
      const got = kindOf(v) === imp.desc.kind ? describe(v) : `a ${kindOf(v)} ${describe(v)}`;
      throw new LinkError(
        `incompatible import type for ${where}: expected ${expectedText(module, imp)}, got ${got}`,
      );
    }
    if (isFunctionInstance(v)) out.funcs.push(v);
    else if (v instanceof TableInstance) out.tables.push(v);
    else if (v instanceof MemoryInstance) out.memories.push(v);
    else out.globals.push(v);
  }
  return out;
}
