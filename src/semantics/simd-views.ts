/**
 * The v128 register file's lane views, and scratch registers for SIMD operations.
 *
 * SIMD operations work in place on an `Int32Array` register file: a v128 is 4 consecutive int32
 * slots starting at a slot index. Every operation takes a {@link V128Views} (typed-array views of
 * that register file, created once with {@link createV128Views}) and slot indices `d` (destination)
 * and `a`, `b`, `c` (operands). Slot indices must be even, because f64 lanes are read through a
 * `Float64Array` (8-byte aligned) view. A destination may be the same register as an operand.
 * Lanes are little-endian, as on every platform Kiln targets.
 */

/** Typed-array views of one v128 register file; index arithmetic: slot `s` is byte `s * 4`. */
export interface V128Views {
  /** Signed 8-bit lanes. */
  readonly i8: Int8Array;
  /** Unsigned 8-bit lanes. */
  readonly u8: Uint8Array;
  /** Signed 16-bit lanes. */
  readonly i16: Int16Array;
  /** Unsigned 16-bit lanes. */
  readonly u16: Uint16Array;
  /** Signed 32-bit lanes: the register file itself. */
  readonly i32: Int32Array;
  /** Unsigned 32-bit lanes. */
  readonly u32: Uint32Array;
  /** f32 lanes. */
  readonly f32: Float32Array;
  /** f64 lanes. */
  readonly f64: Float64Array;
}

/**
 * Creates the lane views of a register file. Throws a `RangeError` (a Kiln bug, not a wasm error)
 * when the register file is not 8-byte aligned in its buffer or its length is not a multiple of 4.
 */
export function createV128Views(regs: Int32Array): V128Views {
  if (regs.byteOffset % 8 !== 0 || regs.length % 4 !== 0) {
    throw new RangeError("v128 register file must be 8-byte aligned and hold whole v128 values");
  }
  const buffer = regs.buffer;
  const offset = regs.byteOffset;
  const bytes = regs.length * 4;
  return {
    i8: new Int8Array(buffer, offset, bytes),
    u8: new Uint8Array(buffer, offset, bytes),
    i16: new Int16Array(buffer, offset, bytes >> 1),
    u16: new Uint16Array(buffer, offset, bytes >> 1),
    i32: regs,
    u32: new Uint32Array(buffer, offset, bytes >> 2),
    f32: new Float32Array(buffer, offset, bytes >> 2),
    f64: new Float64Array(buffer, offset, bytes >> 3),
  };
}

/**
 * Scratch registers for operations whose output lanes read other input lanes: slots 0..3 hold a
 * copy of the first operand, 4..7 of the second, so a destination may alias either operand.
 */
export const scratch: V128Views = createV128Views(new Int32Array(8));

/** Copies register `a` into scratch slots 0..3. */
export function toScratch1(v: V128Views, a: number): void {
  const r = v.i32;
  const s = scratch.i32;
  s[0] = r[a]!;
  s[1] = r[a + 1]!;
  s[2] = r[a + 2]!;
  s[3] = r[a + 3]!;
}

/** Copies register `a` into scratch slots 0..3 and register `b` into slots 4..7. */
export function toScratch2(v: V128Views, a: number, b: number): void {
  const r = v.i32;
  const s = scratch.i32;
  s[0] = r[a]!;
  s[1] = r[a + 1]!;
  s[2] = r[a + 2]!;
  s[3] = r[a + 3]!;
  s[4] = r[b]!;
  s[5] = r[b + 1]!;
  s[6] = r[b + 2]!;
  s[7] = r[b + 3]!;
}

/** Copies register `a` to register `d` (no-op when they are the same). */
export function v128Copy(v: V128Views, d: number, a: number): void {
  if (d === a) return;
  const r = v.i32;
  r[d] = r[a]!;
  r[d + 1] = r[a + 1]!;
  r[d + 2] = r[a + 2]!;
  r[d + 3] = r[a + 3]!;
}

/** An integer lane view of the register file. */
type IntLanes = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/**
 * Lane-wise minimum over the v128s at slots `d`, `a`, `b` of view `s`, which holds `lanes` lanes
 * per v128 (16, 8 or 4); the view's signedness gives the `_s` or `_u` semantics.
 */
export function lanesMin(s: IntLanes, lanes: number, d: number, a: number, b: number): void {
  const k = lanes >> 2;
  d *= k;
  a *= k;
  b *= k;
  for (let i = 0; i < lanes; i++) s[d + i] = Math.min(s[a + i]!, s[b + i]!);
}

/** Lane-wise maximum, as `lanesMin`. */
export function lanesMax(s: IntLanes, lanes: number, d: number, a: number, b: number): void {
  const k = lanes >> 2;
  d *= k;
  a *= k;
  b *= k;
  for (let i = 0; i < lanes; i++) s[d + i] = Math.max(s[a + i]!, s[b + i]!);
}
