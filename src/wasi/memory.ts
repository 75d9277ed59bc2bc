/**
 * Bounds-checked access to the guest's linear memory. Every read and write checks its range
 * and fails with EFAULT instead of touching memory outside the guest's buffer. The buffer is
 * fetched anew on each call, since the memory may have grown since the last one.
 */
import { E } from "./constants.js";
import { fail } from "./errors.js";

/** Anything with the current backing store of a linear memory (a kiln or a JS `WebAssembly.Memory`). */
export interface MemoryLike {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A view of the guest memory for one WASI call. */
export class GuestMemory {
  /** Byte view of the whole memory. */
  readonly bytes: Uint8Array;
  /** DataView of the whole memory. */
  readonly view: DataView;

  constructor(memory: MemoryLike) {
    this.bytes = new Uint8Array(memory.buffer);
    this.view = new DataView(memory.buffer);
  }

  /** Checks that `[ptr, ptr + len)` lies inside the memory; returns `ptr` as unsigned. */
  check(ptr: number, len: number): number {
    const p = ptr >>> 0;
    if (p + len > this.bytes.length) fail(E.FAULT);
    return p;
  }

  /** Reads a u8. */
  u8(ptr: number): number {
    return this.view.getUint8(this.check(ptr, 1));
  }

  /** Reads a u16. */
  u16(ptr: number): number {
    return this.view.getUint16(this.check(ptr, 2), true);
  }

  /** Reads a u32. */
  u32(ptr: number): number {
    return this.view.getUint32(this.check(ptr, 4), true);
  }

  /** Reads a u64 as a bigint. */
  u64(ptr: number): bigint {
    return this.view.getBigUint64(this.check(ptr, 8), true);
  }

  /** Writes a u8. */
  setU8(ptr: number, v: number): void {
    this.view.setUint8(this.check(ptr, 1), v);
  }

  /** Writes a u16. */
  setU16(ptr: number, v: number): void {
    this.view.setUint16(this.check(ptr, 2), v, true);
  }

  /** Writes a u32. */
  setU32(ptr: number, v: number): void {
    this.view.setUint32(this.check(ptr, 4), v >>> 0, true);
  }

  /** Writes a u64 given as a number (below 2^53) or a bigint. */
  setU64(ptr: number, v: number | bigint): void {
    this.view.setBigUint64(this.check(ptr, 8), BigInt.asUintN(64, BigInt(v)), true);
  }

  /** The bytes `[ptr, ptr + len)` as a view into the memory (not a copy). */
  slice(ptr: number, len: number): Uint8Array {
    const p = this.check(ptr, len >>> 0);
    return this.bytes.subarray(p, p + (len >>> 0));
  }

  /** Decodes the UTF-8 string `[ptr, ptr + len)`; invalid UTF-8 fails with EILSEQ. */
  string(ptr: number, len: number): string {
    const b = this.slice(ptr, len);
    try {
      return utf8.decode(b);
    } catch {
      return fail(E.ILSEQ);
    }
  }

  /** Reads an iovec array: `count` (pointer, length) pairs at `ptr`, each range checked. */
  iovecs(ptr: number, count: number): Uint8Array[] {
    const n = count >>> 0;
    this.check(ptr, n * 8);
    const out: Uint8Array[] = [];
    for (let i = 0; i < n; i++) {
      const base = (ptr >>> 0) + i * 8;
      out.push(this.slice(this.u32(base), this.u32(base + 4)));
    }
    return out;
  }
}
