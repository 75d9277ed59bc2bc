/**
 * Linear memory for compiled code: a runtime `MemoryInstance` whose bytes are a native
 * `LinearMemory` (fixed base address, grown in place), so generated code can address it while
 * the runtime and the other engines see it as an ordinary memory instance.
 */
import { RuntimeError } from "../errors.js";
import type { MemoryType } from "../frontend/types.js";
import type { NativeAddon, NativeLinearMemory } from "../native/types.js";
import { MAX_PAGES, MemoryInstance, PAGE_SIZE } from "../runtime/memory.js";

/** A memory instance backed by native linear memory. */
export class NativeMemory extends MemoryInstance {
  /** The native memory. */
  readonly native: NativeLinearMemory;
  /** Base address of the bytes (it never moves). */
  readonly address: number;

  /** Allocates `type.limits.min` pages (reserving address space for the maximum). */
  constructor(addon: NativeAddon, type: MemoryType, limit: number = MAX_PAGES) {
    super({ limits: { min: 0, max: type.limits.max } }, limit);
    if (type.limits.min > this.limit) {
      throw new RuntimeError(`memory of ${type.limits.min} pages exceeds the limit of ${this.limit} pages`);
    }
    const maxPages = Math.min(type.limits.max ?? MAX_PAGES, this.limit);
    this.native = new addon.LinearMemory(
      type.limits.min,
      Math.max(maxPages, type.limits.min),
      PAGE_SIZE,
      Math.max(maxPages, type.limits.min, 1) * PAGE_SIZE + PAGE_SIZE,
    );
    this.address = this.native.address;
    this.refresh();
  }

  private refresh(): void {
    this.buffer = this.native.buffer;
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.pages = this.native.pages;
  }

  override grow(delta: number): number {
    const old = this.pages;
    const next = old + (delta >>> 0);
    if (next > this.limit || (this.max !== null && next > this.max)) return -1;
    if (next === old) return old;
    const result = this.native.grow(delta >>> 0);
    this.refresh();
    return result;
  }
}
