/**
 * Kiln's error classes. They mirror the standard `WebAssembly.CompileError`, `LinkError` and
 * `RuntimeError`: every failure Kiln reports on bad input is one of these three.
 */

/** A module's bytes are malformed or fail validation. */
export class CompileError extends Error {
  /** Byte offset in the module where the problem was found, when known. */
  readonly offset: number | undefined;

  constructor(message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte offset ${offset})`);
    this.name = "CompileError";
    this.offset = offset;
  }
}

/** Instantiation failed because an import is missing or has the wrong type. */
export class LinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LinkError";
  }
}

/** One frame of a wasm stack trace. */
export interface WasmStackFrame {
  /** Function index in its module. */
  readonly funcIndex: number;
  /** Name from the `name` section, or `func[N]`. */
  readonly name: string;
  /** Byte offset of the executing instruction in the module. */
  readonly offset: number;
}

/** A trap, or another failure while running wasm code. */
export class RuntimeError extends Error {
  /** The wasm frames active when the error was raised, innermost first (empty outside wasm code). */
  wasmStack: WasmStackFrame[] = [];

  constructor(message: string) {
    super(message);
    this.name = "RuntimeError";
  }
}

/**
 * The call stack (frame count, register file or native stack) ran out: the spec's
 * `assert_exhaustion`. A `RuntimeError`, so callers that catch traps catch it too.
 */
export class StackExhaustedError extends RuntimeError {
  constructor(message = "call stack exhausted") {
    super(message);
    this.name = "StackExhaustedError";
  }
}
