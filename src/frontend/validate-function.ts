/**
 * Function-body validation. Placeholder interface; the real implementation replaces this file.
 */
import type { FunctionBody, Module } from "./types.js";

/** What the function validator needs from the module being decoded. */
export interface ModuleContext {
  /** The module as decoded so far: every section before the code section is complete. */
  readonly module: Module;
  /** Function indices that may be named by `ref.func` in code (C.refs in the spec). */
  readonly declaredFuncRefs: ReadonlySet<number>;
}

/** Validates one function body; throws `CompileError` when it is invalid. */
export function validateFunction(_ctx: ModuleContext, _funcIndex: number, _body: FunctionBody): void {
  throw new Error("validateFunction is not implemented yet");
}
