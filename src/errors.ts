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

/** A trap, or another failure while running wasm code. */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuntimeError";
  }
}
