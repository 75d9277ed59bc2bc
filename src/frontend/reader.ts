/**
 * A bounds-checked cursor over a module's bytes. Every read either succeeds or throws a
 * `CompileError` naming the byte offset, the current section and what was expected.
 */
import { CompileError } from "../errors.js";

/** Strict UTF-8 decoder; `ignoreBOM` keeps a leading U+FEFF, which is part of a wasm name. */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The spec's wording for reading past the end of a section or function body. */
const EOF = "unexpected end of section or function";

/** Reads LEB128 integers, fixed-width floats, names and byte ranges from a module. */
export class Reader {
  /** The whole module's bytes; offsets are absolute within them. */
  readonly bytes: Uint8Array;
  /** Current read position. */
  pos: number;
  /** Offset one past the last readable byte (the end of the current section or body). */
  end: number;
  /** What is being decoded, for error messages (for example "type section"). */
  context = "module";

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  /** Throws a `CompileError` at `offset` (default: the current position) with the current context. */
  fail(message: string, offset: number = this.pos): never {
    throw new CompileError(`${this.context}: ${message}`, offset);
  }

  /** True when no bytes are left before `end`. */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Bytes left before `end`. */
  remaining(): number {
    return this.end - this.pos;
  }

  /** Reads one byte. */
  u8(): number {
    if (this.pos >= this.end) this.fail(`${EOF}: expected a byte`);
    return this.bytes[this.pos++]!;
  }

  /** Reads an unsigned 32-bit LEB128 integer. */
  u32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) this.fail(`${EOF}: expected a LEB128 u32`, start);
      const b = this.bytes[this.pos++]!;
      if (shift === 28) {
        if ((b & 0x80) !== 0) this.fail("integer representation too long", start);
        if ((b & 0x70) !== 0) this.fail("integer too large", start);
        return (result | (b << 28)) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }

  /** Reads a signed 32-bit LEB128 integer. */
  s32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) this.fail(`${EOF}: expected a LEB128 s32`, start);
      const b = this.bytes[this.pos++]!;
      if (shift === 28) {
        if ((b & 0x80) !== 0) this.fail("integer representation too long", start);
        const rest = b & 0x78;
        if (rest !== 0 && rest !== 0x78) this.fail("integer too large", start);
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) return shift < 32 ? (result << (32 - shift)) >> (32 - shift) : result;
    }
  }

  /** Reads a signed 33-bit LEB128 integer (block types); the result is exact as a JS number. */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(`${EOF}: expected a LEB128 s33`, start);
      const b = this.bytes[this.pos++]!;
      if (i === 4) {
        if ((b & 0x80) !== 0) this.fail("integer representation too long", start);
        const rest = b & 0x70;
        if (rest !== 0 && rest !== 0x70) this.fail("integer too large", start);
        result += (b & 0x1f) * mul;
        return (b & 0x10) !== 0 ? result - 2 ** 33 : result;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return (b & 0x40) !== 0 ? result - mul : result;
    }
  }

  /**
   * Reads a signed 64-bit LEB128 integer into two's-complement halves. Returns the low half and
   * leaves the high half in `hi64`.
   */
  s64(): number {
    const start = this.pos;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) this.fail(`${EOF}: expected a LEB128 s64`, start);
      const b = this.bytes[this.pos++]!;
      const v = b & 0x7f;
      if (shift === 63) {
        if ((b & 0x80) !== 0) this.fail("integer representation too long", start);
        if (v !== 0 && v !== 0x7f) this.fail("integer too large", start);
        hi |= v << 31;
        this.hi64 = hi;
        return lo;
      }
      if (shift < 28) lo |= v << shift;
      else if (shift === 28) {
        lo |= v << 28;
        hi |= v >>> 4;
      } else hi |= v << (shift - 32);
      shift += 7;
      if ((b & 0x80) === 0) {
        if ((b & 0x40) !== 0) {
          if (shift < 32) {
            lo |= -1 << shift;
            hi = -1;
          } else hi |= -1 << (shift - 32);
        }
        this.hi64 = hi | 0;
        return lo | 0;
      }
    }
  }

  /** High half of the last `s64()` or `f64()` read. */
  hi64 = 0;

  /** Reads a little-endian u32 (the bits of an f32). */
  fixed32(): number {
    if (this.end - this.pos < 4) this.fail(`${EOF}: expected 4 bytes`);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** Reads the 8 bytes of an f64: returns the low half and leaves the high half in `hi64`. */
  fixed64(): number {
    const lo = this.fixed32();
    this.hi64 = this.fixed32();
    return lo;
  }

  /** Reads `n` bytes as a view into the module (no copy). */
  take(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(`${EOF}: expected ${n} bytes, ${this.end - this.pos} left`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Reads a length-prefixed UTF-8 name; a length past the end is "length out of bounds". */
  name(): string {
    const start = this.pos;
    const len = this.u32();
    if (len > this.end - this.pos) {
      this.fail(`length out of bounds: name of ${len} bytes, ${this.end - this.pos} left`, start);
    }
    const p = this.pos;
    this.pos = p + len;
    const raw = this.bytes.subarray(p, p + len);
    try {
      // TextDecoder refuses views of shared memory: decode a copy of those.
      return utf8.decode(raw.buffer instanceof SharedArrayBuffer ? raw.slice() : raw);
    } catch {
      return this.fail("malformed UTF-8 encoding", start);
    }
  }

  /**
   * Reads a vector length and checks it against the bytes left, assuming each element takes at
   * least `minElemSize` bytes, so a tiny module cannot make the decoder allocate gigabytes.
   */
  vecLen(what: string, minElemSize = 1): number {
    const start = this.pos;
    const n = this.u32();
    if (n * minElemSize > this.end - this.pos) {
      this.fail(`${EOF}: ${what} count ${n} is larger than the ${this.end - this.pos} bytes left`, start);
    }
    return n;
  }
}
