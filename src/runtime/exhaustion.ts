/** Resource exhaustion while running wasm code. */
import { RuntimeError } from "../errors.js";

/** Message of a call-stack exhaustion. */
export const CALL_STACK_EXHAUSTED = "call stack exhausted";

/** The call stack (frame count or register file) ran out: the spec's `assert_exhaustion`. */
export class StackExhaustedError extends RuntimeError {
  constructor(message: string = CALL_STACK_EXHAUSTED) {
    super(message);
    this.name = "RuntimeError";
  }
}

/**
 * True for V8's "Maximum call stack size exceeded" (a `RangeError`, or another error raised by
 * something that ran out of stack on the way, such as compiling a regular expression).
 */
export function isJsStackOverflow(e: unknown): boolean {
  return e instanceof Error && e.message.includes("Maximum call stack size exceeded");
}
