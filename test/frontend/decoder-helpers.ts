/**
 * Helpers for the decoder tests: compiling WAT with wabt, and building binary modules by hand
 * (for malformed cases wabt would refuse to produce).
 */
import wabtInit from "wabt";
import { CompileError } from "../../src/errors.js";

const wabt = await wabtInit();

/**
 * Compiles WAT text to a binary module with every Wasm 2.0 feature and debug names; `check`
 * false skips wabt's validation, to build invalid modules.
 */
export function wat(text: string, check = true): Uint8Array {
  const m = wabt.parseWat("test.wat", text, {
    simd: true,
    bulk_memory: true,
    reference_types: true,
    multi_value: true,
    sign_extension: true,
    sat_float_to_int: true,
    mutable_globals: true,
  });
  try {
    m.resolveNames();
    if (check) m.validate();
    return m.toBinary({ write_debug_names: true }).buffer;
  } finally {
    m.destroy();
  }
}

/** Unsigned LEB128 encoding of `n` (a non-negative safe integer). */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 encoding of a 32-bit integer. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** A length-prefixed UTF-8 name. */
export function str(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...leb(b.length), ...b];
}

/** A vector: its count then its elements' bytes. */
export function vec(items: number[][]): number[] {
  return [...leb(items.length), ...items.flat()];
}

/** A section with id `id` and contents `bytes`, its size computed. */
export function section(id: number, bytes: number[]): number[] {
  return [id, ...leb(bytes.length), ...bytes];
}

/** A custom section. */
export function custom(name: string, payload: number[]): number[] {
  return section(0, [...str(name), ...payload]);
}

/** The 8-byte preamble. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A module made of the preamble then `parts` (sections or raw bytes). */
export function mod(...parts: number[][]): Uint8Array {
  return Uint8Array.from([...HEADER, ...parts.flat()]);
}

/** Section ids. */
export const S = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
} as const;

/** Calls `f`, expects it to throw a `CompileError`, and returns that error. */
export function compileError(f: () => unknown): CompileError {
  try {
    f();
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw new Error(`expected a CompileError, got ${String(e)}`);
  }
  throw new Error("expected a CompileError, but nothing was thrown");
}
