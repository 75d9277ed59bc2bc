/** Table instances. */

import { RuntimeError } from "../errors.js";
import type { RefType, TableType } from "../frontend/types.js";

/** The default run-time cap on a table's size, in elements. */
export const DEFAULT_TABLE_LIMIT = 10_000_000;

/** Trap message of an out-of-bounds table access. */
export const TRAP_TABLE_OOB = "out of bounds table access";

/**
 * A table of references. Elements are function instances (funcref tables) or host values
 * (externref tables); `null` is the null reference in both.
 */
export class TableInstance {
  /** Element type. */
  readonly elem: RefType;
  /** The elements; the length is the table's size. */
  readonly elements: unknown[];
  /** The declared maximum size, or null. */
  readonly max: number | null;
  /** The run-time cap on growth. */
  readonly limit: number;

  /** Creates a table of `type.limits.min` elements set to `init`. */
  constructor(type: TableType, init: unknown = null, limit: number = DEFAULT_TABLE_LIMIT) {
    this.elem = type.elem;
    this.max = type.limits.max;
    this.limit = limit;
    if (type.limits.min > limit) {
      throw new RuntimeError(`table of ${type.limits.min} elements exceeds the limit of ${limit} elements`);
    }
    this.elements = new Array<unknown>(type.limits.min).fill(init);
  }

  /** Current number of elements. */
  get size(): number {
    return this.elements.length;
  }

  /** The table's current type: its size as the minimum, and its declared maximum. */
  type(): TableType {
    return { elem: this.elem, limits: { min: this.elements.length, max: this.max } };
  }

  /** Reads element `i` (an unsigned 32-bit index); traps when out of bounds. */
  get(i: number): unknown {
    i >>>= 0;
    if (i >= this.elements.length) throw new RuntimeError(TRAP_TABLE_OOB);
    return this.elements[i];
  }

  /** Writes element `i` (an unsigned 32-bit index); traps when out of bounds. */
  set(i: number, v: unknown): void {
    i >>>= 0;
    if (i >= this.elements.length) throw new RuntimeError(TRAP_TABLE_OOB);
    this.elements[i] = v;
  }

  /** Grows by `delta` elements set to `init`; returns the old size, or -1 past the maximum or limit. */
  grow(delta: number, init: unknown): number {
    const old = this.elements.length;
    const next = old + (delta >>> 0);
    if (next > this.limit || (this.max !== null && next > this.max)) return -1;
    for (let i = old; i < next; i++) this.elements.push(init);
    return old;
  }

  /** `table.fill`: sets `n` elements from `start`; traps when the range is out of bounds. */
  fill(start: number, v: unknown, n: number): void {
    start >>>= 0;
    n >>>= 0;
    if (start + n > this.elements.length) throw new RuntimeError(TRAP_TABLE_OOB);
    this.elements.fill(v, start, start + n);
  }

  /** `table.copy` from `src` into this table; traps when either range is out of bounds. */
  copy(dst: number, src: TableInstance, from: number, n: number): void {
    dst >>>= 0;
    from >>>= 0;
    n >>>= 0;
    if (dst + n > this.elements.length || from + n > src.elements.length) {
      throw new RuntimeError(TRAP_TABLE_OOB);
    }
    if (src === this) {
      this.elements.copyWithin(dst, from, from + n);
    } else {
      for (let i = 0; i < n; i++) this.elements[dst + i] = src.elements[from + i];
    }
  }

  /** `table.init` from element segment items; traps when either range is out of bounds. */
  init(dst: number, items: readonly unknown[], from: number, n: number): void {
    dst >>>= 0;
    from >>>= 0;
    n >>>= 0;
    if (dst + n > this.elements.length || from + n > items.length) throw new RuntimeError(TRAP_TABLE_OOB);
    for (let i = 0; i < n; i++) this.elements[dst + i] = items[from + i];
  }
}
