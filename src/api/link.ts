/**
 * Import objects: turns the JS values of an import object (or the exports of instances registered
 * by name) into the runtime values a module's imports resolve to, as the standard JS API does:
 * a callable becomes a host function of the declared signature (an exported wasm function stays
 * itself), a number or bigint an immutable global, and Kiln's `Memory`, `Table` and `Global`
 * objects their runtime instances. Type mismatches are reported by the runtime's linker.
 */
import { LinkError } from "../errors.js";
import type { Import, Module } from "../frontend/types.js";
import { GlobalInstance } from "../runtime/global.js";
import type { ExternVal, ImportResolver } from "../runtime/link.js";
import { Global } from "./global.js";
import { bindHostFunction, type CallerContext, HostFunctionDef, wrapJSFunction } from "./host.js";
import { Memory } from "./memory.js";
import { Table } from "./table.js";
import { functionInstanceOf, toWasmValue } from "./values.js";

/** An import object: module name, then field name, then value. */
export type ImportObject = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

/** Instances registered by name: their exports by export name. */
export type Registry = ReadonlyMap<string, ReadonlyMap<string, ExternVal>>;

function lookup(imports: ImportObject | undefined, imp: Import): unknown {
  if (imports === undefined) return undefined;
  const ns: unknown = imports[imp.module];
  if (ns === undefined) return undefined;
  if (ns === null || (typeof ns !== "object" && typeof ns !== "function")) {
    throw new TypeError(`import object field "${imp.module}" must be an object`);
  }
  return (ns as Record<string, unknown>)[imp.name];
}

function convert(module: Module, imp: Import, v: unknown, context: () => CallerContext): ExternVal {
  const where = `"${imp.module}" "${imp.name}"`;
  if (v instanceof Memory || v instanceof Table || v instanceof Global) return v.instance;
  const d = imp.desc;
  switch (d.kind) {
    case "func": {
      if (v instanceof HostFunctionDef) return bindHostFunction(v, context);
      const fn = functionInstanceOf(v);
      if (fn !== undefined) return fn;
      if (typeof v === "function") {
        return wrapJSFunction(module.types[d.typeIndex], v as (...args: unknown[]) => unknown, imp.name);
      }
      throw new LinkError(`import ${where} must be a function, got ${typeof v}`);
    }
    case "global": {
      if (typeof v !== "number" && typeof v !== "bigint") {
        throw new LinkError(`import ${where} must be a Global, a number or a bigint, got ${typeof v}`);
      }
      if (d.type.mutable) throw new LinkError(`import ${where} is a mutable global: pass a Global object`);
      if (d.type.type === 0x7b) throw new LinkError(`import ${where} is a v128 global: pass a Global object`);
      if ((d.type.type === 0x7e) !== (typeof v === "bigint")) {
        throw new LinkError(
          `import ${where} of type ${d.type.type === 0x7e ? "i64 needs a bigint" : "needs a number"}`,
        );
      }
      return new GlobalInstance(d.type, toWasmValue(d.type.type, v));
    }
    case "memory":
      throw new LinkError(`import ${where} must be a Memory, got ${typeof v}`);
    case "table":
      throw new LinkError(`import ${where} must be a Table, got ${typeof v}`);
  }
}

/**
 * A resolver for `module`'s imports: each comes from `imports` when it has the module name, else
 * from the registry. `context` gives host functions declared with `hostFunction` their caller.
 */
export function importResolver(
  module: Module,
  imports: ImportObject | undefined,
  registry: Registry,
  context: () => CallerContext,
): ImportResolver {
  const values: (ExternVal | undefined)[] = module.imports.map((imp) => {
    const v = lookup(imports, imp);
    if (v !== undefined) return convert(module, imp, v, context);
    return registry.get(imp.module)?.get(imp.name);
  });
  // The linker asks for the imports once each, in order.
  let next = 0;
  return () => values[next++];
}
