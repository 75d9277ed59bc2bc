/**
 * The native compiler as an engine of the spec-test runner (`kiln spec --engine compiler`): one
 * registry of importable instances per store, with a `spectest` module whose memory is native.
 * Modules the compiler cannot compile yet fail with `CompileError("not supported by the compiler
 * yet: ...")`, which the runner counts as failures: nothing falls back to the interpreter.
 */

import type { Backend } from "../backend/backend.js";
import { Amd64Backend } from "../backend-amd64/compile.js";
import { LinkError } from "../errors.js";
import { compileModule } from "../frontend/index.js";
import { requireNative } from "../native/addon.js";
import type { NativeAddon } from "../native/types.js";
import { StackExhaustedError } from "../runtime/exhaustion.js";
import { invokeFunction, isFunctionInstance } from "../runtime/function.js";
import { GlobalInstance } from "../runtime/global.js";
import type { Instance } from "../runtime/instance.js";
import type { ExternVal } from "../runtime/link.js";
import { MemoryInstance } from "../runtime/memory.js";
import { createSpectest } from "../runtime/spectest.js";
import { TableInstance } from "../runtime/table.js";
import { hasType, type Value as RuntimeValue } from "../runtime/values.js";
import { type Engine, type EngineInstance, type EngineStore, ExhaustionError } from "../spec/engine.js";
import type { Value } from "../spec/values.js";
import { instantiateCompiled } from "./instance.js";
import { NativeMemory } from "./memory.js";
import { RefTable } from "./refs.js";
import { NativeTable } from "./table.js";

function guarded<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof StackExhaustedError) throw new ExhaustionError(e.message);
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

class CompiledInstance implements EngineInstance {
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

class CompiledStore implements EngineStore {
  private readonly modules: Map<string, ReadonlyMap<string, ExternVal>>;
  private readonly refs = new RefTable();

  constructor(
    private readonly addon: NativeAddon,
    private readonly backend: Backend,
  ) {
    const spectest = createSpectest();
    const memory = spectest.get("memory");
    if (memory instanceof MemoryInstance) spectest.set("memory", new NativeMemory(addon, memory.type()));
    const table = spectest.get("table");
    if (table instanceof TableInstance) spectest.set("table", new NativeTable(addon, table.type()));
    this.modules = new Map([["spectest", spectest]]);
  }

  instantiate(bytes: Uint8Array): EngineInstance {
    const { module, funcs } = compileModule(bytes);
    const instance = guarded(() =>
      instantiateCompiled(
        this.addon,
        this.backend,
        module,
        funcs,
        (m, name) => this.modules.get(m)?.get(name),
        this.refs,
      ),
    );
    return new CompiledInstance(instance);
  }

  register(as: string, instance: EngineInstance): void {
    if (!(instance instanceof CompiledInstance))
      throw new LinkError("can only register instances of this store");
    this.modules.set(as, instance.instance.exports);
  }
}

/** The compiler engine (x86-64; throws when the native addon or the CPU cannot run it). */
export function createCompilerEngine(): Engine {
  const addon = requireNative();
  const cpu = addon.cpuFeatures();
  if (cpu.arch !== "x64") throw new Error(`the compiler engine supports x86-64 only (this is ${cpu.arch})`);
  if (!cpu.sse41) throw new Error("the compiler engine needs SSE4.1");
  const backend = new Amd64Backend({ popcnt: cpu.popcnt });
  return { name: "compiler", createStore: () => new CompiledStore(addon, backend) };
}
