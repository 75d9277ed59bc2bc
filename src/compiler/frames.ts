/**
 * Wasm stack traces for compiled code: the native frame-pointer walk of a suspended activation
 * (`Context.backtrace`) mapped through the module's call-site table to functions and wasm
 * offsets, added to errors the way the interpreter does (`RuntimeError.wasmStack` and lines in
 * `stack`).
 */
import { type CallSites, findCallSite } from "../backend/call-sites.js";
import type { RuntimeError, WasmStackFrame } from "../errors.js";
import type { NativeContext } from "../native/types.js";

/**
 * Most frames one activation contributes to a trace (the interpreter's default call depth: deeper
 * recursion, possible with a larger `maxCallDepth`, is cut off there).
 */
const MAX_FRAMES = 20000;

/**
 * The wasm frames of the innermost suspended activation of `ctx`, innermost first: every address
 * of its backtrace that is a call site of the code at `base` (others, such as import stubs,
 * entry thunks and the interrupt handler, are not wasm frames).
 */
export function activationFrames(
  ctx: NativeContext,
  base: number,
  sites: CallSites,
  name: (funcIndex: number) => string,
): WasmStackFrame[] {
  const frames: WasmStackFrame[] = [];
  for (const pc of ctx.backtrace(MAX_FRAMES)) {
    const k = findCallSite(sites, pc - base);
    if (k < 0) continue;
    const funcIndex = sites.funcIndices[k];
    frames.push({ funcIndex, name: name(funcIndex), offset: sites.wasmOffsets[k] });
  }
  return frames;
}

/** Appends `frames` (outer to those already there) to `err.wasmStack` and to its `stack` text. */
export function addFrames(err: RuntimeError, frames: readonly WasmStackFrame[]): void {
  if (frames.length === 0) return;
  const lines: string[] = [];
  for (const f of frames) {
    err.wasmStack.push(f);
    lines.push(`    at ${f.name} (wasm-function[${f.funcIndex}]:0x${f.offset.toString(16)})`);
  }
  err.stack = `${err.stack ?? `${err.name}: ${err.message}`}\n${lines.join("\n")}`;
}
