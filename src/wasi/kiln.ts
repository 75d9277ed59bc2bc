/**
 * Runs WASI guests on Kiln's own runtime: compiles a binary, links the WASI imports as host
 * functions of the interpreter, and exposes the instance's exports in the shape `WASI.start`
 * expects: memories, and its functions without parameters (`_start`, `_initialize`) as JS
 * functions.
 */
import { LinkError } from "../errors.js";
import { compileModule, lowerFunction } from "../frontend/index.js";
import { type FuncType, ValType } from "../frontend/types.js";
import { Interpreter } from "../interp/interpreter.js";
import type { Func } from "../ir/types.js";
import { HostFunction, invokeFunction, isFunctionInstance } from "../runtime/function.js";
import { instantiate } from "../runtime/instance.js";
import type { ExternVal } from "../runtime/link.js";
import { MemoryInstance } from "../runtime/memory.js";
import { SIGNATURES } from "./signatures.js";
import type { WASI, WasiInstance } from "./wasi.js";

/** Engines a guest can run on. */
export type EngineName = "auto" | "compiler" | "interpreter";

function funcType(sig: string, name: string): FuncType {
  return {
    params: [...sig].map((c) => (c === "I" ? ValType.I64 : ValType.I32)),
    results: name === "proc_exit" ? [] : [ValType.I32],
  };
}

/**
 * Compiles `bytes` and instantiates it with `wasi`'s imports on `engine`. Throws
 * `CompileError` for a bad binary, `LinkError` for an import WASI does not provide (or an
 * engine that is not available), and `RuntimeError` for a trap while instantiating.
 */
export function instantiateWasi(bytes: Uint8Array, wasi: WASI, engine: EngineName = "auto"): WasiInstance {
  if (engine === "compiler")
    throw new LinkError("the compiler engine is not available yet; use --engine interpreter");
  const { module, funcs } = compileModule(bytes);
  const irs = new WeakMap<object, readonly Func[]>([[module, funcs]]);
  const interp = new Interpreter({
    lower: (m, i) => irs.get(m)?.[i - m.numImportedFuncs] ?? lowerFunction(m, i),
  });
  const imports = wasi.getImportObject().wasi_snapshot_preview1;
  const instance = instantiate(
    module,
    (mod, name): ExternVal | undefined => {
      const sig = SIGNATURES[name];
      const f = imports[name];
      if (mod !== "wasi_snapshot_preview1" || sig === undefined || f === undefined) return undefined;
      return new HostFunction(funcType(sig, name), f as (...args: unknown[]) => unknown, name);
    },
    interp,
  );
  const exports: Record<string, unknown> = {};
  for (const [name, v] of instance.exports) {
    if (v instanceof MemoryInstance) exports[name] = v;
    else if (isFunctionInstance(v) && v.type.params.length === 0) exports[name] = () => invokeFunction(v, []);
  }
  return { exports };
}
