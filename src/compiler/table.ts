/**
 * Tables for compiled code: a runtime `TableInstance` with a native **mirror** (fixed address,
 * grown in place) that `call_indirect` reads: per element, the callee's code address, its type
 * id and its instance's id (layout in `src/backend/abi.ts`). Every mutation goes through the
 * table's methods, which refresh the mirror entries they change.
 */
import { TABLE_ENTRY_BYTES } from "../backend/abi.js";
import type { TableType } from "../frontend/types.js";
import type { NativeAddon, NativeLinearMemory } from "../native/types.js";
import { WasmFunction } from "../runtime/function.js";
import { TableInstance } from "../runtime/table.js";

/** An executor whose functions can be called natively through table mirrors. */
export interface NativeTarget {
  /** Non-zero id of the instance the executor runs. */
  readonly nativeId: number;
  /** Address of the code of function `index`. */
  bodyAddress(index: number): number;
}

function isNativeTarget(x: unknown): x is NativeTarget {
  return typeof x === "object" && x !== null && "nativeId" in x && "bodyAddress" in x;
}

const PAGE = 65536;
const ENTRIES_PER_PAGE = PAGE / TABLE_ENTRY_BYTES;
const TWO_32 = 2 ** 32;

/** A table whose elements are mirrored natively for `call_indirect`. */
export class NativeTable extends TableInstance {
  private readonly mirror: NativeLinearMemory;
  private view: DataView;

  /** Creates a table of `type.limits.min` null elements, with room to mirror `limit` elements. */
  constructor(addon: NativeAddon, type: TableType, limit?: number) {
    super(type, null, limit);
    const most = Math.min(type.limits.max ?? this.limit, this.limit);
    const maxPages = Math.max(1, Math.ceil(most / ENTRIES_PER_PAGE));
    this.mirror = new addon.LinearMemory(
      Math.max(1, Math.ceil(this.size / ENTRIES_PER_PAGE)),
      maxPages,
      PAGE,
      maxPages * PAGE + PAGE,
    );
    this.mirrorAddress = this.mirror.address;
    this.view = new DataView(this.mirror.buffer);
    this.refresh(0, this.size);
  }

  /** Address of the mirror's first entry (it never moves). */
  readonly mirrorAddress: number;

  private refresh(from: number, n: number): void {
    const needed = Math.ceil((from + n) / ENTRIES_PER_PAGE);
    if (needed > this.mirror.pages) {
      this.mirror.grow(needed - this.mirror.pages);
      this.view = new DataView(this.mirror.buffer);
    }
    for (let i = from; i < from + n; i++) {
      const f = this.elements[i];
      const at = i * TABLE_ENTRY_BYTES;
      let address = 0;
      let typeId = 0;
      let owner = 0;
      if (f instanceof WasmFunction && isNativeTarget(f.instance.executor)) {
        address = f.instance.executor.bodyAddress(f.index);
        typeId = f.typeId;
        owner = f.instance.executor.nativeId;
      }
      this.view.setUint32(at, address % TWO_32, true);
      this.view.setUint32(at + 4, Math.floor(address / TWO_32), true);
      this.view.setUint32(at + 8, typeId, true);
      this.view.setUint32(at + 12, owner, true);
    }
  }

  override set(i: number, v: unknown): void {
    super.set(i, v);
    this.refresh(i >>> 0, 1);
  }

  override grow(delta: number, init: unknown): number {
    const old = super.grow(delta, init);
    if (old >= 0) this.refresh(old, delta >>> 0);
    return old;
  }

  override fill(start: number, v: unknown, n: number): void {
    super.fill(start, v, n);
    this.refresh(start >>> 0, n >>> 0);
  }

  override copy(dst: number, src: TableInstance, from: number, n: number): void {
    super.copy(dst, src, from, n);
    this.refresh(dst >>> 0, n >>> 0);
  }

  override init(dst: number, items: readonly unknown[], from: number, n: number): void {
    super.init(dst, items, from, n);
    this.refresh(dst >>> 0, n >>> 0);
  }
}
