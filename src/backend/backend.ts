/**
 * The machine-independent interface every backend implements: it turns a module's IR into one
 * block of position-independent machine code with known entry offsets. The runtime glue
 * (`src/compiler/`) maps the code and drives it through the native addon using the ABI of
 * `README.md` and `abi.ts`.
 */
import type { Module } from "../frontend/types.js";
import type { Func } from "../ir/types.js";
import type { CallSites } from "./call-sites.js";

/** Machine code for a whole module. */
export interface ModuleCode {
  /** The code bytes (position independent). */
  readonly code: Uint8Array;
  /**
   * Offset of the entry thunk of every function, by function index (imports included): entering
   * the code there with the arguments in the context's value area runs the function and leaves
   * its results in the value area.
   */
  readonly entryOffsets: readonly number[];
  /** Offset of the code of every function by function index (-1 for imports), for table mirrors. */
  readonly bodyOffsets: readonly number[];
  /** Every call site of the defined functions' code (see `call-sites.ts`), for stack traces. */
  readonly callSites: CallSites;
}

/** Facts about the instance a module is compiled for. */
export interface CompileEnv {
  /** The runtime's interned type id of every type of the module, by type index. */
  readonly typeIds: readonly number[];
  /** The instance's id in table mirrors (code compares mirror entries' owner ids with it). */
  readonly instanceId: number;
  /**
   * Whether interrupt polls also test the word whose address is at `ContextOffset.interruptWord`
   * (the embedder's shared interrupt flag) besides the context's own interrupt flag.
   */
  readonly externalInterrupt?: boolean;
}

/** A compiler for one target architecture. */
export interface Backend {
  /** The target's name (`x64`, `arm64`). */
  readonly arch: string;
  /**
   * Compiles `funcs` (the IR of the module's defined functions, in order) to machine code. Throws
   * `CompileError("not supported by the compiler yet: ...")` for what the backend cannot compile.
   */
  compileModule(module: Module, funcs: readonly Func[], env: CompileEnv): ModuleCode;
}
