/**
 * The assemblers' error type (shared by every backend). Assembler errors are bugs in the code generator (an operand form the
 * instruction does not have, an immediate that does not fit, a label never bound), not problems
 * with user input, so they are a plain `Error` subclass rather than one of Kiln's wasm errors.
 */

/** An invalid instruction form, out-of-range field or label misuse, with the offending context. */
export class AsmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AsmError";
  }
}
