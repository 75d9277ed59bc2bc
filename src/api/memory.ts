/**
 * `Memory`: a linear memory as seen from JS. It is both Kiln's memory object (with bounds-checked
 * typed reads and writes and UTF-8 string helpers) and the drop-in `WebAssembly.Memory`: `buffer`
 * keeps its identity until the memory grows, and growth detaches the old buffer as V8 does, so
 * glue code that caches typed-array views notices.
 */
import { NativeMemory } from "../compiler/memory.js";
import type { MemoryType } from "../frontend/types.js";
import { loadNative } from "../native/addon.js";
import { MAX_PAGES, MemoryInstance } from "../runtime/memory.js";
import type { MemoryTypeInfo } from "./types.js";

/** What `new Memory(...)` takes: sizes in 64 KiB pages, as in the standard JS API. */
export interface MemoryDescriptor {
  /** Initial size in pages (`minimum` is accepted as a synonym). */
  readonly initial?: number;
  /** Synonym of `initial`. */
  readonly minimum?: number;
  /** Maximum size in pages. */
  readonly maximum?: number;
  /** Shared memories (threads) are not supported: must be absent or false. */
  readonly shared?: boolean;
}

/** Extra settings of a memory created from JS. */
export interface MemoryOptions {
  /** Run-time cap on the memory's size in pages (growth past it fails). */
  readonly limitPages?: number;
  /**
   * Creates the runtime memory (default: a native memory where the native addon loads, so that
   * compiled code can import it, and a `MemoryInstance` elsewhere).
   */
  readonly create?: (type: MemoryType, limitPages: number | undefined) => MemoryInstance;
}

/** Reads a size in pages from a descriptor field: an integer in [0, 65536]; throws `TypeError`/`RangeError`. */
export function pagesField(what: string, x: unknown): number {
  const n = Number(x);
  if (typeof x === "bigint" || !Number.isFinite(n)) throw new TypeError(`${what} must be a number of pages`);
  const i = Math.trunc(n);
  if (i < 0 || i > MAX_PAGES)
    throw new RangeError(`${what} must be between 0 and ${MAX_PAGES} pages, got ${x}`);
  return i;
}

/** A memory every engine can use: native (fixed base address) where the addon loads. */
function createMemoryInstance(type: MemoryType, limitPages: number | undefined): MemoryInstance {
  const addon = loadNative();
  return addon === null ? new MemoryInstance(type, limitPages) : new NativeMemory(addon, type, limitPages);
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A linear memory: the drop-in `WebAssembly.Memory` plus bounds-checked accessors. */
export class Memory {
  /** The runtime memory this object stands for. */
  readonly instance: MemoryInstance;

  /**
   * Creates a memory of `descriptor.initial` pages, growable to `descriptor.maximum`. Throws
   * `TypeError` for a bad descriptor and `RangeError` for sizes out of range.
   */
  constructor(descriptor: MemoryDescriptor, options: MemoryOptions = {}) {
    if (descriptor === null || typeof descriptor !== "object") {
      throw new TypeError("Memory expects a descriptor object { initial, maximum? }");
    }
    if (descriptor.shared === true)
      throw new TypeError("shared memories (threads) are not supported by Kiln");
    const initialField = descriptor.initial ?? descriptor.minimum;
    if (initialField === undefined) throw new TypeError("Memory descriptor needs 'initial'");
    const min = pagesField("initial", initialField);
    const max = descriptor.maximum === undefined ? null : pagesField("maximum", descriptor.maximum);
    if (max !== null && max < min) throw new RangeError(`maximum ${max} is below initial ${min}`);
    try {
      const type: MemoryType = { limits: { min, max } };
      this.instance = (options.create ?? createMemoryInstance)(type, options.limitPages);
    } catch (e) {
      throw new RangeError(e instanceof Error ? e.message : String(e));
    }
    wrappers.set(this.instance, this);
  }

  /** The object standing for runtime memory `m` (the same object every time). */
  static of(m: MemoryInstance): Memory {
    let w = wrappers.get(m);
    if (w === undefined) {
      w = Object.create(Memory.prototype) as Memory;
      Object.defineProperty(w, "instance", { value: m, enumerable: true });
      wrappers.set(m, w);
    }
    return w;
  }

  /** The current backing store; replaced (and the old one detached) when the memory grows. */
  get buffer(): ArrayBuffer {
    return this.instance.buffer;
  }

  /** Current size in bytes. */
  get byteLength(): number {
    return this.instance.byteLength;
  }

  /** Current size in pages. */
  get pages(): number {
    return this.instance.pages;
  }

  /** The memory's type: current size and declared maximum, in pages. */
  type(): MemoryTypeInfo {
    return { minimum: this.instance.pages, maximum: this.instance.max };
  }

  /**
   * Grows the memory by `delta` pages and returns the old size in pages. Throws `RangeError`
   * when that passes the maximum or the runtime's page limit (wasm's `memory.grow` returns -1).
   */
  grow(delta: number): number {
    const d = pagesField("delta", delta);
    const old = this.instance.grow(d);
    if (old < 0) {
      throw new RangeError(
        `cannot grow memory from ${this.instance.pages} by ${d} pages (maximum ${this.instance.max ?? "none"}, limit ${this.instance.limit})`,
      );
    }
    return old;
  }

  /** Throws `RangeError` unless `[address, address + length)` lies inside the memory. */
  private check(address: number, length: number): number {
    const size = this.instance.byteLength;
    if (!Number.isInteger(address) || address < 0 || address + length > size) {
      throw new RangeError(
        `memory access out of range: address ${address}, length ${length}, memory size ${size} bytes`,
      );
    }
    return address;
  }

  /** Reads an unsigned byte. */
  readU8(address: number): number {
    return this.instance.view.getUint8(this.check(address, 1));
  }
  /** Reads a signed byte. */
  readI8(address: number): number {
    return this.instance.view.getInt8(this.check(address, 1));
  }
  /** Reads a little-endian unsigned 16-bit integer. */
  readU16(address: number): number {
    return this.instance.view.getUint16(this.check(address, 2), true);
  }
  /** Reads a little-endian signed 16-bit integer. */
  readI16(address: number): number {
    return this.instance.view.getInt16(this.check(address, 2), true);
  }
  /** Reads a little-endian unsigned 32-bit integer. */
  readU32(address: number): number {
    return this.instance.view.getUint32(this.check(address, 4), true);
  }
  /** Reads a little-endian signed 32-bit integer. */
  readI32(address: number): number {
    return this.instance.view.getInt32(this.check(address, 4), true);
  }
  /** Reads a little-endian unsigned 64-bit integer. */
  readU64(address: number): bigint {
    return this.instance.view.getBigUint64(this.check(address, 8), true);
  }
  /** Reads a little-endian signed 64-bit integer. */
  readI64(address: number): bigint {
    return this.instance.view.getBigInt64(this.check(address, 8), true);
  }
  /** Reads a little-endian f32. */
  readF32(address: number): number {
    return this.instance.view.getFloat32(this.check(address, 4), true);
  }
  /** Reads a little-endian f64. */
  readF64(address: number): number {
    return this.instance.view.getFloat64(this.check(address, 8), true);
  }

  /** Writes a byte (the value is taken modulo 2^8). */
  writeU8(address: number, value: number): void {
    this.instance.view.setUint8(this.check(address, 1), value);
  }
  /** Writes a signed byte. */
  writeI8(address: number, value: number): void {
    this.instance.view.setInt8(this.check(address, 1), value);
  }
  /** Writes a little-endian 16-bit integer. */
  writeU16(address: number, value: number): void {
    this.instance.view.setUint16(this.check(address, 2), value, true);
  }
  /** Writes a little-endian signed 16-bit integer. */
  writeI16(address: number, value: number): void {
    this.instance.view.setInt16(this.check(address, 2), value, true);
  }
  /** Writes a little-endian 32-bit integer. */
  writeU32(address: number, value: number): void {
    this.instance.view.setUint32(this.check(address, 4), value, true);
  }
  /** Writes a little-endian signed 32-bit integer. */
  writeI32(address: number, value: number): void {
    this.instance.view.setInt32(this.check(address, 4), value, true);
  }
  /** Writes a little-endian unsigned 64-bit integer (modulo 2^64). */
  writeU64(address: number, value: bigint): void {
    this.instance.view.setBigUint64(this.check(address, 8), BigInt.asUintN(64, value), true);
  }
  /** Writes a little-endian signed 64-bit integer (modulo 2^64). */
  writeI64(address: number, value: bigint): void {
    this.instance.view.setBigInt64(this.check(address, 8), BigInt.asIntN(64, value), true);
  }
  /** Writes a little-endian f32. */
  writeF32(address: number, value: number): void {
    this.instance.view.setFloat32(this.check(address, 4), value, true);
  }
  /** Writes a little-endian f64. */
  writeF64(address: number, value: number): void {
    this.instance.view.setFloat64(this.check(address, 8), value, true);
  }

  /** A copy of `length` bytes at `address`. */
  readBytes(address: number, length: number): Uint8Array {
    const at = this.check(address, length);
    return this.instance.bytes.slice(at, at + length);
  }

  /** Copies `bytes` to `address`. */
  writeBytes(address: number, bytes: Uint8Array): void {
    this.instance.bytes.set(bytes, this.check(address, bytes.length));
  }

  /** Decodes `length` bytes at `address` as UTF-8 (invalid sequences become U+FFFD). */
  readString(address: number, length: number): string {
    const at = this.check(address, length);
    return decoder.decode(this.instance.bytes.subarray(at, at + length));
  }

  /** Decodes the NUL-terminated UTF-8 string at `address`; throws `RangeError` when no NUL follows. */
  readCString(address: number): string {
    const bytes = this.instance.bytes;
    const at = this.check(address, 0);
    const end = bytes.indexOf(0, at);
    if (end < 0) {
      throw new RangeError(
        `no NUL terminator after address ${address} before the end of memory (${bytes.length} bytes)`,
      );
    }
    return decoder.decode(bytes.subarray(at, end));
  }

  /** Encodes `s` as UTF-8 at `address` (no terminator) and returns the number of bytes written. */
  writeString(address: number, s: string): number {
    const encoded = encoder.encode(s);
    this.writeBytes(address, encoded);
    return encoded.length;
  }
}

const wrappers = new WeakMap<MemoryInstance, Memory>();
