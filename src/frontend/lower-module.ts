/**
 * Entry points from wasm bytes to IR: `compileModule` decodes, validates and lowers a whole
 * module in one pass over its bytes (the lowering rides along with each body's validation),
 * and `lowerFunction` lowers one function of an already decoded module.
 */
import type { Func } from "../ir/types.js";
import { decodeModule } from "./decoder.js";
import { FuncLowerer } from "./lower.js";
import type { Module } from "./types.js";
import { validateFunction } from "./validate-function.js";

/** A decoded module and the IR of its functions. */
export interface CompiledModule {
  readonly module: Module;
  /**
   * IR of the functions the module defines: `funcs[i]` is function `module.numImportedFuncs + i`
   * (imported functions have no IR). Names come from the module's `name` section.
   */
  readonly funcs: readonly Func[];
}

function named(module: Module, f: Func): Func {
  const name = module.names.functionNames.get(f.index) ?? null;
  return name === f.name ? f : { ...f, name };
}

/**
 * Decodes, validates and lowers a module in one pass. Throws `CompileError` when the module is
 * malformed or invalid.
 */
export function compileModule(bytes: Uint8Array): CompiledModule {
  const funcs: Func[] = [];
  let lowerer: FuncLowerer | null = null;
  const module = decodeModule(bytes, (m) => {
    lowerer ??= new FuncLowerer(m, (f) => funcs.push(f));
    return lowerer;
  });
  // The name section follows the code section, so names are attached afterwards.
  return { module, funcs: funcs.map((f) => named(module, f)) };
}

/**
 * Lowers defined function `funcIndex` of `module`, which `decodeModule` has already decoded and
 * validated (the body is validated again on the way, as the lowering's traversal).
 */
export function lowerFunction(module: Module, funcIndex: number): Func {
  const body = module.codes[funcIndex - module.numImportedFuncs];
  if (body === undefined) throw new RangeError(`function ${funcIndex} is not defined by the module`);
  // The module is valid, so every ref.func in its code names a declared function.
  const declaredFuncRefs = new Set(module.funcs.keys());
  const lowerer = new FuncLowerer(module);
  validateFunction({ module, declaredFuncRefs }, funcIndex, body, lowerer);
  return named(module, lowerer.finish());
}
