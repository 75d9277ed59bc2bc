/**
 * The interface between the spec-test runner and an execution engine (the interpreter, the
 * native compiler). The runner drives a script through it: it instantiates modules in a
 * store, registers instances under import names, invokes exports and reads globals. Values
 * cross it as exact bits (see `values.ts`).
 *
 * Errors are the contract: `CompileError` for a module that fails to decode or validate,
 * `LinkError` for unresolvable or mistyped imports, `RuntimeError` for a trap, and
 * `StackExhaustedError` (a `RuntimeError`, from `src/errors.ts`) when the call stack or another resource runs out.
 * Anything else thrown is treated as an engine crash.
 */
import type { Value } from "./values.js";

/** An instantiated module. */
export interface EngineInstance {
  /**
   * Calls the exported function `name` with `args` (which the runner takes from the script and
   * does not check against the function's type) and returns its results. Throws `RuntimeError`
   * on a trap, `StackExhaustedError` on exhaustion, and `LinkError` when there is no such exported
   * function or the arguments do not match its parameter types.
   */
  invoke(name: string, args: readonly Value[]): Value[];
  /** Reads the current value of the exported global `name`; throws `LinkError` if there is none. */
  getGlobal(name: string): Value;
}

/**
 * A store: the instances of one script, which can import from each other. Every store
 * provides the spec's `spectest` host module: functions `print`, `print_i32`, `print_i64`,
 * `print_f32`, `print_f64`, `print_i32_f32`, `print_f64_f64` (no results); globals
 * `global_i32` (666), `global_i64` (666), `global_f32` (666.6), `global_f64` (666.6), all
 * immutable; `table` (10 to 20 funcref) and `memory` (1 to 2 pages).
 */
export interface EngineStore {
  /**
   * Decodes, validates, compiles and instantiates a module binary, resolving its imports
   * against `spectest` and the registered instances, then runs its start function. Throws
   * `CompileError`, `LinkError`, or `RuntimeError` / `StackExhaustedError` for a trap during
   * instantiation (effects made before the trap, e.g. on imported tables, stay visible).
   */
  instantiate(bytes: Uint8Array): EngineInstance;
  /** Makes the exports of `instance` (which this store created) importable under the module name `as`. */
  register(as: string, instance: EngineInstance): void;
}

/** An execution engine. */
export interface Engine {
  /** The engine's name in the registry (`interp`, `compiler`). */
  readonly name: string;
  /** Starts an empty store; the runner uses one store per script. */
  createStore(): EngineStore;
}
