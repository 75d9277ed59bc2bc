/** A growable little-endian byte buffer that instructions are emitted into. */

/** Appends bytes to a `Uint8Array` that doubles in size when full. */
export class CodeBuffer {
  private data: Uint8Array;
  /** Number of bytes written so far (the current offset). */
  length = 0;

  constructor(initialCapacity = 256) {
    this.data = new Uint8Array(Math.max(16, initialCapacity));
  }

  private grow(extra: number): void {
    let cap = this.data.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** Appends one byte (the low 8 bits of `b`). */
  u8(b: number): void {
    if (this.length === this.data.length) this.grow(1);
    this.data[this.length++] = b;
  }

  /** Appends a 16-bit little-endian value. */
  u16(v: number): void {
    this.u8(v & 0xff);
    this.u8((v >>> 8) & 0xff);
  }

  /** Appends a 32-bit little-endian value (signed or unsigned). */
  u32(v: number): void {
    if (this.length + 4 > this.data.length) this.grow(4);
    const d = this.data;
    const p = this.length;
    d[p] = v & 0xff;
    d[p + 1] = (v >>> 8) & 0xff;
    d[p + 2] = (v >>> 16) & 0xff;
    d[p + 3] = (v >>> 24) & 0xff;
    this.length = p + 4;
  }

  /** Appends a 64-bit little-endian value given as a bigint (taken modulo 2^64). */
  u64(v: bigint): void {
    const u = BigInt.asUintN(64, v);
    this.u32(Number(u & 0xffff_ffffn));
    this.u32(Number(u >> 32n));
  }

  /** Appends a run of bytes. */
  bytes(src: ArrayLike<number>): void {
    if (this.length + src.length > this.data.length) this.grow(src.length);
    for (let i = 0; i < src.length; i++) this.data[this.length++] = src[i]!;
  }

  /** Overwrites one byte at `at`. */
  patch8(at: number, v: number): void {
    this.data[at] = v & 0xff;
  }

  /** Overwrites a 32-bit little-endian value at `at`. */
  patch32(at: number, v: number): void {
    const d = this.data;
    d[at] = v & 0xff;
    d[at + 1] = (v >>> 8) & 0xff;
    d[at + 2] = (v >>> 16) & 0xff;
    d[at + 3] = (v >>> 24) & 0xff;
  }

  /** The byte at `at`. */
  at(at: number): number {
    return this.data[at]!;
  }

  /** A view of bytes `[start, end)` (not a copy: later patches show through). */
  view(start = 0, end: number = this.length): Uint8Array {
    return this.data.subarray(start, end);
  }

  /** A copy of everything written. */
  toBytes(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}
