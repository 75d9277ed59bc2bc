/** V8's WebAssembly through the JS API, as the benchmarks' calling interface. */
import { readFileSync } from "node:fs";
import type { Call } from "./workloads.js";

/** The part of the WebAssembly JS API used here (the project's `lib` has no DOM types). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
};

const instances = new Map<string, Call>();

/** Compiles `bytes` with `new WebAssembly.Module` (for compile throughput). */
export function v8Compile(bytes: Uint8Array): void {
  new WebAssembly.Module(bytes);
}

/** Instantiates `bytes` with `imports` on V8 and returns its exports. */
export function v8Instantiate(bytes: Uint8Array, imports: object = {}): Record<string, unknown> {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
}

/** A calling interface on a V8 instance of the module in `file` (one per file unless `fresh`). */
export function v8Call(file: string, fresh = false): Call {
  let call = fresh ? undefined : instances.get(file);
  if (call === undefined) {
    const exports = v8Instantiate(new Uint8Array(readFileSync(file)));
    call = (name, args) => Number((exports[name] as (...a: number[]) => unknown)(...args) ?? 0);
    instances.set(file, call);
  }
  return call;
}
