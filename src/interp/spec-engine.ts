/**
 * The interpreter as an engine of the spec-test runner (`kiln spec --engine interp`): one
 * interpreter and one registry of importable instances per store, with the `spectest` module.
 */
import { compileModule, lowerFunction } from "../frontend/index.js";
import type { Module } from "../frontend/types.js";
import type { Func } from "../ir/types.js";
import { instantiate } from "../runtime/instance.js";
import { runtimeSpecEngine } from "../runtime/spec-adapter.js";
import { createSpectest } from "../runtime/spectest.js";
import type { Engine } from "../spec/engine.js";
import { Interpreter } from "./interpreter.js";

/** The interpreter engine. */
export const interpEngine: Engine = runtimeSpecEngine("interp", () => {
  const irs = new WeakMap<Module, readonly Func[]>();
  const interp = new Interpreter({
    lower: (m, i) => irs.get(m)?.[i - m.numImportedFuncs] ?? lowerFunction(m, i),
  });
  return {
    spectest: createSpectest(),
    instantiate: (bytes, resolve) => {
      const { module, funcs } = compileModule(bytes);
      irs.set(module, funcs);
      return instantiate(module, resolve, interp);
    },
  };
});
