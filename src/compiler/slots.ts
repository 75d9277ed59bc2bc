/**
 * Wasm values in 16-byte slots (the context's value area and globals, and the overflow areas
 * beyond them), as `src/backend/README.md` lays them out: i32 zero-extended to 64 bits, f32 in
 * the low 32 bits, i64 and f64 as bits, v128 in all 16 bytes, references as `RefTable` handles.
 */
import { CompiledContext, GLOBAL_SLOTS, SLOT_BYTES, VALUE_SLOTS } from "../backend/abi.js";
import type { ValType } from "../frontend/types.js";
import type { NativeAddon, NativeLinearMemory } from "../native/types.js";
import type { Value } from "../runtime/values.js";
import type { RefTable } from "./refs.js";

/** Stores `v` in the slot at byte `at` of `view`. */
export function writeValue(view: DataView, at: number, v: Value, refs: RefTable): void {
  let lo: number;
  let hi = 0;
  switch (v.type) {
    case "i32":
      lo = v.value;
      break;
    case "f32":
      lo = v.bits;
      break;
    case "i64":
    case "f64":
      lo = v.lo;
      hi = v.hi;
      break;
    case "funcref":
    case "externref":
      lo = refs.handle(v.ref);
      break;
    case "v128":
      new Uint8Array(view.buffer, view.byteOffset + at, 16).set(v.bytes);
      return;
  }
  view.setUint32(at, lo >>> 0, true);
  view.setUint32(at + 4, hi >>> 0, true);
}

/** The value of type `t` in the slot at byte `at` of `view`. */
export function readValue(view: DataView, at: number, t: ValType, refs: RefTable): Value {
  const lo = view.getInt32(at, true);
  switch (t) {
    case 0x7f:
      return { type: "i32", value: lo };
    case 0x7d:
      return { type: "f32", bits: lo };
    case 0x7e:
      return { type: "i64", lo, hi: view.getInt32(at + 4, true) };
    case 0x7c:
      return { type: "f64", lo, hi: view.getInt32(at + 4, true) };
    case 0x70:
      return { type: "funcref", ref: refs.ref(lo >>> 0) };
    case 0x6f:
      return { type: "externref", ref: refs.ref(lo >>> 0) };
    case 0x7b: {
      const from = view.byteOffset + at;
      return { type: "v128", bytes: new Uint8Array(view.buffer.slice(from, from + 16)) };
    }
  }
}

const OVERFLOW_PAGE = 65536;

/**
 * The value slots and global slots of one context: the first VALUE_SLOTS / GLOBAL_SLOTS in the
 * context block, the rest in a native overflow area whose addresses the context holds.
 */
export class Slots {
  private readonly overflow: NativeLinearMemory | null;
  private readonly overflowView: DataView | null;
  private readonly globalsAt: number;

  /** Allocates the overflow area for `values` value slots and `globals` globals when they need one. */
  constructor(
    addon: NativeAddon,
    /** The context block. */
    readonly view: DataView,
    values: number,
    globals: number,
  ) {
    const extraValues = Math.max(0, values - VALUE_SLOTS);
    const extraGlobals = Math.max(0, globals - GLOBAL_SLOTS);
    this.globalsAt = SLOT_BYTES * extraValues;
    const bytes = SLOT_BYTES * (extraValues + extraGlobals);
    if (bytes === 0) {
      this.overflow = null;
      this.overflowView = null;
      return;
    }
    const pages = Math.ceil(bytes / OVERFLOW_PAGE);
    this.overflow = new addon.LinearMemory(pages, pages, OVERFLOW_PAGE, pages * OVERFLOW_PAGE);
    this.overflowView = new DataView(this.overflow.buffer);
    const base = this.overflow.address;
    setAddress(view, CompiledContext.overflowValues, base);
    setAddress(view, CompiledContext.overflowGlobals, base + this.globalsAt);
  }

  /** The view and byte offset of value slot `i`. */
  value(i: number): [DataView, number] {
    if (i < VALUE_SLOTS) return [this.view, CompiledContext.values + SLOT_BYTES * i];
    return [this.overflowView as DataView, SLOT_BYTES * (i - VALUE_SLOTS)];
  }

  /** The view and byte offset of global `i`. */
  global(i: number): [DataView, number] {
    if (i < GLOBAL_SLOTS) return [this.view, CompiledContext.globals + SLOT_BYTES * i];
    return [this.overflowView as DataView, this.globalsAt + SLOT_BYTES * (i - GLOBAL_SLOTS)];
  }

  /** Frees the overflow area now. */
  free(): void {
    if (this.overflow !== null && !this.overflow.freed) this.overflow.free();
  }
}

const TWO_32 = 2 ** 32;

/** Stores an address (or any integer below 2^53) as a u64 at byte `at` of `view`. */
export function setAddress(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % TWO_32, true);
  view.setUint32(at + 4, Math.floor(value / TWO_32), true);
}
