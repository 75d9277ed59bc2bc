/**
 * The native compiler as an engine of the spec-test runner (`kiln spec --engine compiler`): one
 * registry of importable instances per store, with a `spectest` module whose memory is native.
 * Modules the compiler cannot compile yet fail with `CompileError("not supported by the compiler
 * yet: ...")`, which the runner counts as failures: nothing falls back to the interpreter.
 */

import { compileModule } from "../frontend/index.js";
import { requireNative } from "../native/addon.js";
import type { NativeAddon } from "../native/types.js";
import type { ExternVal } from "../runtime/link.js";
import { MemoryInstance } from "../runtime/memory.js";
import { runtimeSpecEngine } from "../runtime/spec-adapter.js";
import { createSpectest } from "../runtime/spectest.js";
import { TableInstance } from "../runtime/table.js";
import type { Engine } from "../spec/engine.js";
import { instantiateCompiled } from "./instance.js";
import { NativeMemory } from "./memory.js";
import { backendFor } from "./native-backend.js";
import { RefTable } from "./refs.js";
import { NativeTable } from "./table.js";

function nativeSpectest(addon: NativeAddon): Map<string, ExternVal> {
  const spectest = createSpectest();
  const memory = spectest.get("memory");
  if (memory instanceof MemoryInstance) spectest.set("memory", new NativeMemory(addon, memory.type()));
  const table = spectest.get("table");
  if (table instanceof TableInstance) spectest.set("table", new NativeTable(addon, table.type()));
  return spectest;
}

/** The compiler engine (x86-64 or arm64; throws when the native addon or the CPU cannot run it). */
export function createCompilerEngine(): Engine {
  const addon = requireNative();
  const backend = backendFor(addon.cpuFeatures());
  return runtimeSpecEngine("compiler", () => {
    const refs = new RefTable();
    return {
      spectest: nativeSpectest(addon),
      instantiate: (bytes, resolve) => {
        const { module, funcs } = compileModule(bytes);
        return instantiateCompiled(addon, backend, module, funcs, resolve, refs);
      },
    };
  });
}
