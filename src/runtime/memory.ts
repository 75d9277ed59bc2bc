/** Linear memory instances. */

import { RuntimeError } from "../errors.js";
import type { MemoryType } from "../frontend/types.js";

/** Bytes in one wasm page. */
export const PAGE_SIZE = 65536;

/** The most pages a 32-bit memory can have. */
export const MAX_PAGES = 65536;

/**
 * A linear memory. `buffer`, `bytes` and `view` are replaced when the memory grows (the old
 * buffer is detached): code that caches them must reload them after anything that may have grown
 * the memory.
 */
export class MemoryInstance {
  /** Current backing store (replaced on growth). */
  buffer: ArrayBuffer;
  /** Byte view of `buffer`. */
  bytes: Uint8Array;
  /** DataView of `buffer`, for little-endian unaligned accesses. */
  view: DataView;
  /** Current size in pages. */
  pages: number;
  /** The declared maximum in pages, or null. */
  readonly max: number | null;
  /** The run-time cap on growth in pages, below or at the wasm limit of 65536. */
  readonly limit: number;

  /**
   * Allocates a memory of `type.limits.min` zeroed pages. `limit` caps growth (in pages) below the
   * declared maximum. Throws `RuntimeError` when the initial size cannot be allocated.
   */
  constructor(type: MemoryType, limit: number = MAX_PAGES) {
    this.pages = type.limits.min;
    this.max = type.limits.max;
    this.limit = Math.min(limit, MAX_PAGES);
    if (this.pages > this.limit) {
      throw new RuntimeError(`memory of ${this.pages} pages exceeds the limit of ${this.limit} pages`);
    }
    try {
      this.buffer = new ArrayBuffer(this.pages * PAGE_SIZE);
    } catch {
      throw new RuntimeError(`cannot allocate a memory of ${this.pages} pages`);
    }
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
  }

  /** The memory's current type: its size as the minimum, and its declared maximum. */
  type(): MemoryType {
    return { limits: { min: this.pages, max: this.max } };
  }

  /** Current size in bytes. */
  get byteLength(): number {
    return this.bytes.length;
  }

  /**
   * Grows by `delta` pages (an unsigned 32-bit count) and returns the old size in pages, or -1
   * when that would pass the declared maximum, the run-time limit, or allocation fails.
   */
  grow(delta: number): number {
    const old = this.pages;
    const next = old + (delta >>> 0);
    if (next > this.limit || (this.max !== null && next > this.max)) return -1;
    if (next === old) return old;
    let buffer: ArrayBuffer;
    try {
      buffer = new ArrayBuffer(next * PAGE_SIZE);
    } catch {
      return -1;
    }
    const bytes = new Uint8Array(buffer);
    bytes.set(this.bytes);
    // Detach the old buffer, as the JS API does, so views of it read as empty rather than stale.
    structuredClone(this.buffer, { transfer: [this.buffer] });
    this.buffer = buffer;
    this.bytes = bytes;
    this.view = new DataView(buffer);
    this.pages = next;
    return old;
  }
}
