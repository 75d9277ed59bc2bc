/**
 * The interpreter as an engine of the spec-test runner (`kiln spec --engine interp`): one
 * interpreter and one registry of importable instances per store, with the `spectest` module.
 */
import { LinkError } from "../errors.js";
import { compileModule, lowerFunction } from "../frontend/index.js";
import type { Module } from "../frontend/types.js";
import type { Func } from "../ir/types.js";
import { StackExhaustedError } from "../runtime/exhaustion.js";
import { invokeFunction, isFunctionInstance } from "../runtime/function.js";
import { GlobalInstance } from "../runtime/global.js";
import { type Instance, instantiate } from "../runtime/instance.js";
import type { ExternVal } from "../runtime/link.js";
import { createSpectest } from "../runtime/spectest.js";
import { hasType, type Value as RuntimeValue } from "../runtime/values.js";
import { type Engine, type EngineInstance, type EngineStore, ExhaustionError } from "../spec/engine.js";
import type { Value } from "../spec/values.js";
import { Interpreter } from "./interpreter.js";

/** Runs `f`, turning call-stack exhaustion into the runner's `ExhaustionError`. */
function guarded<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof StackExhaustedError) {
      const x = new ExhaustionError(e.message);
      x.wasmStack = e.wasmStack;
      throw x;
    }
    throw e;
  }
}

function toSpec(v: RuntimeValue): Value {
  switch (v.type) {
    case "i32":
      return { type: "i32", value: v.value | 0 };
    case "i64":
    case "f64":
      return { type: v.type, lo: v.lo >>> 0, hi: v.hi >>> 0 };
    case "f32":
      return { type: "f32", bits: v.bits >>> 0 };
    case "v128":
      return v;
    case "funcref":
      return { type: "funcref", ref: v.ref as object | null };
    case "externref":
      return { type: "externref", ref: v.ref as number | null };
  }
}

class InterpInstance implements EngineInstance {
  constructor(readonly instance: Instance) {}

  invoke(name: string, args: readonly Value[]): Value[] {
    const f = this.instance.getExport(name);
    if (!isFunctionInstance(f)) throw new LinkError(`no exported function "${name}"`);
    const params = f.type.params;
    if (args.length !== params.length || args.some((a, i) => !hasType(a, params[i]))) {
      throw new LinkError(`arguments of "${name}" do not match its parameter types`);
    }
    return guarded(() => invokeFunction(f, args)).map(toSpec);
  }

  getGlobal(name: string): Value {
    const g = this.instance.getExport(name);
    if (!(g instanceof GlobalInstance)) throw new LinkError(`no exported global "${name}"`);
    return toSpec(g.read());
  }
}

class InterpStore implements EngineStore {
  private readonly modules = new Map<string, ReadonlyMap<string, ExternVal>>([
    ["spectest", createSpectest()],
  ]);
  private readonly irs = new WeakMap<Module, readonly Func[]>();
  private readonly interp = new Interpreter({
    lower: (m, i) => this.irs.get(m)?.[i - m.numImportedFuncs] ?? lowerFunction(m, i),
  });

  instantiate(bytes: Uint8Array): EngineInstance {
    const { module, funcs } = compileModule(bytes);
    this.irs.set(module, funcs);
    const instance = guarded(() =>
      instantiate(module, (m, name) => this.modules.get(m)?.get(name), this.interp),
    );
    return new InterpInstance(instance);
  }

  register(as: string, instance: EngineInstance): void {
    if (!(instance instanceof InterpInstance))
      throw new LinkError("can only register instances of this store");
    this.modules.set(as, instance.instance.exports);
  }
}

/** The interpreter engine. */
export const interpEngine: Engine = {
  name: "interp",
  createStore: () => new InterpStore(),
};
