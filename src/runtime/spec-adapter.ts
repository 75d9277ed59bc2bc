/**
 * What every engine's adapter to the spec-test runner shares: instances of the runtime behind the
 * runner's `EngineInstance`, and a store holding the registry of importable instances (with the
 * `spectest` module). Each engine supplies only how a module is instantiated. Engines throw
 * `StackExhaustedError` (src/errors.ts) on exhaustion, which the runner reads directly.
 */
import { LinkError } from "../errors.js";
import type { Engine, EngineInstance, EngineStore } from "../spec/engine.js";
import type { Value } from "../spec/values.js";
import { invokeFunction, isFunctionInstance } from "./function.js";
import { GlobalInstance } from "./global.js";
import type { Instance } from "./instance.js";
import type { ExternVal } from "./link.js";
import { hasType, type Value as RuntimeValue } from "./values.js";

/** Resolves an import by module and field name among the store's registered instances. */
export type ImportResolver = (module: string, name: string) => ExternVal | undefined;

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

class SpecInstance implements EngineInstance {
  constructor(readonly instance: Instance) {}

  invoke(name: string, args: readonly Value[]): Value[] {
    const f = this.instance.getExport(name);
    if (!isFunctionInstance(f)) throw new LinkError(`no exported function "${name}"`);
    const params = f.type.params;
    if (args.length !== params.length || args.some((a, i) => !hasType(a, params[i]))) {
      throw new LinkError(`arguments of "${name}" do not match its parameter types`);
    }
    return invokeFunction(f, args).map(toSpec);
  }

  getGlobal(name: string): Value {
    const g = this.instance.getExport(name);
    if (!(g instanceof GlobalInstance)) throw new LinkError(`no exported global "${name}"`);
    return toSpec(g.read());
  }
}

class SpecStore implements EngineStore {
  private readonly modules: Map<string, ReadonlyMap<string, ExternVal>>;

  constructor(
    spectest: ReadonlyMap<string, ExternVal>,
    private readonly instantiateModule: (bytes: Uint8Array, resolve: ImportResolver) => Instance,
  ) {
    this.modules = new Map([["spectest", spectest]]);
  }

  instantiate(bytes: Uint8Array): EngineInstance {
    const resolve: ImportResolver = (m, name) => this.modules.get(m)?.get(name);
    return new SpecInstance(this.instantiateModule(bytes, resolve));
  }

  register(as: string, instance: EngineInstance): void {
    if (!(instance instanceof SpecInstance)) throw new LinkError("can only register instances of this store");
    this.modules.set(as, instance.instance.exports);
  }
}

/**
 * Builds a spec-runner engine over the runtime. `createStore` is called once per script and
 * returns that store's `spectest` module and how it instantiates a module's bytes.
 */
export function runtimeSpecEngine(
  name: string,
  createStore: () => {
    spectest: ReadonlyMap<string, ExternVal>;
    instantiate: (bytes: Uint8Array, resolve: ImportResolver) => Instance;
  },
): Engine {
  return {
    name,
    createStore: () => {
      const s = createStore();
      return new SpecStore(s.spectest, s.instantiate);
    },
  };
}
