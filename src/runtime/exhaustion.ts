/** Recognising JS stack overflow, so it becomes a wasm `StackExhaustedError`. */

/**
 * True for V8's "Maximum call stack size exceeded" (a `RangeError`, or another error raised by
 * something that ran out of stack on the way, such as compiling a regular expression).
 */
export function isJsStackOverflow(e: unknown): boolean {
  return e instanceof Error && e.message.includes("Maximum call stack size exceeded");
}
