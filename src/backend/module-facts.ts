/**
 * What every backend's code generator knows about the module it compiles, with the backend's own
 * label type `L`, and the error for what a backend cannot compile yet.
 */
import { CompileError } from "../errors.js";
import type { FuncSig } from "../ir/ops.js";
import type { CallSiteTable } from "./call-sites.js";

/** Module facts shared by the code generators (each target adds its own). */
export interface ModuleFacts<L> {
  /** Signature of every function, by function index. */
  readonly funcSigs: readonly FuncSig[];
  /** Signature of every type, by type index. */
  readonly typeSigs: readonly FuncSig[];
  /** The runtime's type id of every type, by type index (checked by `call_indirect`). */
  readonly typeIds: readonly number[];
  /** The id of the instance the code is compiled for (owner ids in table mirrors). */
  readonly instanceId: number;
  /** Label of every function's code (the call stub for imports), by function index. */
  readonly funcLabels: readonly L[];
  /** Whether the module has a memory. */
  readonly hasMemory: boolean;
  /** Where every call site's return address goes (for stack traces). */
  readonly sites: CallSiteTable;
  /** The module's interrupt handler (each target's `runtime-exits.ts`). */
  readonly interruptHandler: L;
  /** Whether interrupt polls also test the embedder's interrupt word. */
  readonly externalInterrupt: boolean;
}

/** The compile error for an operation or feature the compiler does not handle yet. */
export function unsupported(what: string, offset?: number): CompileError {
  return new CompileError(`not supported by the compiler yet: ${what}`, offset);
}
