/**
 * V8's WebAssembly as an engine of the spec-runner interface (`src/spec/engine.ts`), so the
 * differential tests drive it exactly like Kiln's engines. Values cross the JS boundary with
 * exact bits: every call and global read goes through a small adapter module (see
 * `wat-modules.ts`) that carries floats as their integer bits and v128 as two i64.
 */
import { CompileError, LinkError, RuntimeError, StackExhaustedError } from "../errors.js";
import { decodeModule } from "../frontend/index.js";
import {
  type FuncType,
  type GlobalType,
  type ValType,
  ValType as VT,
  valTypeName,
} from "../frontend/types.js";
import type { Engine, EngineInstance, EngineStore } from "../spec/engine.js";
import type { Value } from "../spec/values.js";
import type { WatToBinary } from "../spec/wat.js";
import { carrierTypes, globalAdapterWat, invokeAdapterWat } from "./wat-modules.js";

/** The part of the WebAssembly JS API used here (the project's `lib` has no DOM types). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
  Global: new (desc: { value: string; mutable?: boolean }, value: unknown) => object;
  Table: new (desc: { element: string; initial: number; maximum?: number }) => object;
  Memory: new (desc: { initial: number; maximum?: number }) => object;
  CompileError: new () => Error;
  LinkError: new () => Error;
  RuntimeError: new () => Error;
};

type Exports = Record<string, unknown>;

/** Turns V8's errors into the runner's error classes; rethrows anything else unchanged. */
function translate(e: unknown): never {
  if (e instanceof WebAssembly.CompileError) throw new CompileError(e.message);
  if (e instanceof WebAssembly.LinkError) throw new LinkError(e.message);
  if (e instanceof WebAssembly.RuntimeError) throw new RuntimeError(e.message);
  if (e instanceof RangeError && e.message.includes("Maximum call stack size exceeded")) {
    throw new StackExhaustedError(e.message);
  }
  throw e;
}

function guarded<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    return translate(e);
  }
}

const MASK64 = (1n << 64n) - 1n;

function i64Of(lo: number, hi: number): bigint {
  return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
}

function halves(x: unknown): [number, number] {
  const w = BigInt(x as bigint) & MASK64;
  return [Number(w & 0xffffffffn) >>> 0, Number(w >> 32n) >>> 0];
}

/** The carrier JS values of `v` (see `carrierTypes`). */
function toCarriers(v: Value): unknown[] {
  switch (v.type) {
    case "i32":
      return [v.value | 0];
    case "f32":
      return [v.bits | 0];
    case "i64":
    case "f64":
      return [i64Of(v.lo, v.hi)];
    case "v128": {
      const d = new DataView(v.bytes.buffer, v.bytes.byteOffset, 16);
      return [d.getBigInt64(0, true), d.getBigInt64(8, true)];
    }
    case "funcref":
    case "externref":
      return [v.ref];
  }
}

/** Rebuilds a value of type `t` from its carriers, taken from `xs` at `at`. */
function fromCarriers(t: ValType, xs: readonly unknown[], at: number): Value {
  switch (t) {
    case VT.I32:
      return { type: "i32", value: Number(xs[at]) | 0 };
    case VT.F32:
      return { type: "f32", bits: Number(xs[at]) >>> 0 };
    case VT.I64:
    case VT.F64: {
      const [lo, hi] = halves(xs[at]);
      return { type: t === VT.I64 ? "i64" : "f64", lo, hi };
    }
    case VT.V128: {
      const bytes = new Uint8Array(16);
      const d = new DataView(bytes.buffer);
      d.setBigUint64(0, BigInt(xs[at] as bigint) & MASK64, true);
      d.setBigUint64(8, BigInt(xs[at + 1] as bigint) & MASK64, true);
      return { type: "v128", bytes };
    }
    case VT.FuncRef:
      return { type: "funcref", ref: (xs[at] as object | null) ?? null };
    case VT.ExternRef:
      return { type: "externref", ref: (xs[at] as number | null) ?? null };
  }
}

/** Unpacks a JS call result into the values of types `ts`. */
function unpack(ts: readonly ValType[], out: unknown): Value[] {
  const carriers = ts.flatMap(carrierTypes);
  const xs = carriers.length === 1 ? [out] : carriers.length === 0 ? [] : [...(out as Iterable<unknown>)];
  const values: Value[] = [];
  let at = 0;
  for (const t of ts) {
    values.push(fromCarriers(t, xs, at));
    at += carrierTypes(t).length;
  }
  return values;
}

function spectest(): Exports {
  const print = (): void => {};
  return {
    print,
    print_i32: print,
    print_i64: print,
    print_f32: print,
    print_f64: print,
    print_i32_f32: print,
    print_f64_f64: print,
    global_i32: new WebAssembly.Global({ value: "i32" }, 666),
    global_i64: new WebAssembly.Global({ value: "i64" }, 666n),
    global_f32: new WebAssembly.Global({ value: "f32" }, 666.6),
    global_f64: new WebAssembly.Global({ value: "f64" }, 666.6),
    table: new WebAssembly.Table({ element: "anyfunc", initial: 10, maximum: 20 }),
    memory: new WebAssembly.Memory({ initial: 1, maximum: 2 }),
  };
}

class V8Instance implements EngineInstance {
  private readonly funcs = new Map<string, FuncType>();
  private readonly globals = new Map<string, GlobalType>();
  private readonly adapters = new Map<string, (...args: unknown[]) => unknown>();

  constructor(
    private readonly wat: WatToBinary,
    bytes: Uint8Array,
    /** The instance's JS exports. */
    readonly exports: Exports,
  ) {
    const m = decodeModule(bytes);
    const globalTypes = [
      ...m.imports.flatMap((i) => (i.desc.kind === "global" ? [i.desc.type] : [])),
      ...m.globals.map((g) => g.type),
    ];
    for (const e of m.exports) {
      if (e.kind === "func") this.funcs.set(e.name, m.types[m.funcs[e.index]]);
      if (e.kind === "global") this.globals.set(e.name, globalTypes[e.index]);
    }
  }

  /** The adapter function `key`, instantiated from `text` on first use against this instance. */
  private adapter(key: string, text: () => string, exportName: string): (...args: unknown[]) => unknown {
    let f = this.adapters.get(key);
    if (f === undefined) {
      const bytes = this.wat(new TextEncoder().encode(text()));
      const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { subject: this.exports });
      f = inst.exports[exportName] as (...args: unknown[]) => unknown;
      this.adapters.set(key, f);
    }
    return f;
  }

  invoke(name: string, args: readonly Value[]): Value[] {
    const type = this.funcs.get(name);
    if (type === undefined) throw new LinkError(`no exported function "${name}"`);
    if (args.length !== type.params.length || args.some((a, i) => a.type !== valTypeName(type.params[i]))) {
      throw new LinkError(`arguments of "${name}" do not match its parameter types`);
    }
    const w = this.adapter(`f:${name}`, () => invokeAdapterWat("subject", name, type), "w");
    const out = guarded(() => w(...args.flatMap(toCarriers)));
    return unpack(type.results, out);
  }

  getGlobal(name: string): Value {
    const g = this.globals.get(name);
    if (g === undefined) throw new LinkError(`no exported global "${name}"`);
    const get = this.adapter(`g:${name}`, () => globalAdapterWat("subject", name, g.type, g.mutable), "get");
    return unpack([g.type], get())[0];
  }
}

class V8Store implements EngineStore {
  private readonly modules = new Map<string, Exports>([["spectest", spectest()]]);

  constructor(private readonly wat: WatToBinary) {}

  instantiate(bytes: Uint8Array): EngineInstance {
    const module = guarded(() => new WebAssembly.Module(bytes));
    const imports: Record<string, Exports> = {};
    for (const [name, exports] of this.modules) imports[name] = exports;
    const inst = guarded(() => new WebAssembly.Instance(module, imports));
    return new V8Instance(this.wat, bytes, inst.exports);
  }

  register(as: string, instance: EngineInstance): void {
    if (!(instance instanceof V8Instance)) throw new LinkError("can only register instances of this store");
    this.modules.set(as, instance.exports);
  }
}

/** V8 as an engine; `wat` assembles the adapter modules. */
export function v8Engine(wat: WatToBinary): Engine {
  return { name: "v8", createStore: () => new V8Store(wat) };
}
