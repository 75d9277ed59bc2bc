/** `Table`: a table of references as seen from JS (also the drop-in `WebAssembly.Table`). */
import { NativeTable } from "../compiler/table.js";
import { type TableType, ValType } from "../frontend/types.js";
import { loadNative } from "../native/addon.js";
import { DEFAULT_TABLE_LIMIT, TableInstance } from "../runtime/table.js";
import { type TableTypeInfo, tableInfo } from "./types.js";
import { toJSValue, toWasmValue } from "./values.js";

/** What `new Table(...)` takes, as in the standard JS API. */
export interface TableDescriptor {
  /** Element type: `"funcref"` (or its old name `"anyfunc"`) or `"externref"`. */
  readonly element: "funcref" | "anyfunc" | "externref";
  /** Initial size in elements (`minimum` is accepted as a synonym). */
  readonly initial?: number;
  /** Synonym of `initial`. */
  readonly minimum?: number;
  /** Maximum size in elements. */
  readonly maximum?: number;
}

/**
 * A table every engine can use: a funcref table is mirrored natively where the addon loads, so
 * compiled code that imports it calls through it without leaving native code.
 */
function createTableInstance(type: TableType, init: unknown): TableInstance {
  const addon = loadNative();
  if (addon === null || type.elem !== ValType.FuncRef) return new TableInstance(type, init);
  const table = new NativeTable(addon, type);
  if (init !== null) table.fill(0, init, type.limits.min);
  return table;
}

function sizeField(what: string, x: unknown): number {
  const n = Number(x);
  if (typeof x === "bigint" || !Number.isFinite(n)) throw new TypeError(`${what} must be a number`);
  const i = Math.trunc(n);
  if (i < 0 || i > 0xffffffff) throw new RangeError(`${what} must be between 0 and 2^32-1, got ${x}`);
  return i;
}

/** A table of function references or external references. */
export class Table {
  /** The runtime table this object stands for. */
  readonly instance: TableInstance;

  /**
   * Creates a table of `descriptor.initial` elements set to `value` (default null for funcref,
   * undefined for externref). Throws `TypeError` for a bad descriptor or value.
   */
  constructor(descriptor: TableDescriptor, value?: unknown) {
    if (descriptor === null || typeof descriptor !== "object") {
      throw new TypeError("Table expects a descriptor object { element, initial, maximum? }");
    }
    const e = descriptor.element;
    if (e !== "funcref" && e !== "anyfunc" && e !== "externref") {
      throw new TypeError(`table element type must be "funcref" or "externref", got ${String(e)}`);
    }
    const elem = e === "externref" ? ValType.ExternRef : ValType.FuncRef;
    const initialField = descriptor.initial ?? descriptor.minimum;
    if (initialField === undefined) throw new TypeError("Table descriptor needs 'initial'");
    const min = sizeField("initial", initialField);
    const max = descriptor.maximum === undefined ? null : sizeField("maximum", descriptor.maximum);
    if (max !== null && max < min) throw new RangeError(`maximum ${max} is below initial ${min}`);
    if (min > DEFAULT_TABLE_LIMIT) throw new RangeError(`a table of ${min} elements is too large`);
    const init = toWasmValue(elem, value === undefined && elem === ValType.FuncRef ? null : value);
    this.instance = createTableInstance({ elem, limits: { min, max } }, (init as { ref: unknown }).ref);
    wrappers.set(this.instance, this);
  }

  /** The object standing for runtime table `t` (the same object every time). */
  static of(t: TableInstance): Table {
    let w = wrappers.get(t);
    if (w === undefined) {
      w = Object.create(Table.prototype) as Table;
      Object.defineProperty(w, "instance", { value: t, enumerable: true });
      wrappers.set(t, w);
    }
    return w;
  }

  /** Current number of elements. */
  get length(): number {
    return this.instance.size;
  }

  /** The table's type: element type, current size and declared maximum. */
  type(): TableTypeInfo {
    return tableInfo(this.instance.type());
  }

  private index(i: unknown): number {
    const n = sizeField("index", i);
    if (n >= this.instance.size) {
      throw new RangeError(`table index ${n} is out of range (table length ${this.instance.size})`);
    }
    return n;
  }

  private ref(value: unknown): unknown {
    const elem = this.instance.elem;
    const v = toWasmValue(elem, value === undefined && elem === ValType.FuncRef ? null : value);
    return (v as { ref: unknown }).ref;
  }

  /** Element `i` (an exported function or null in a funcref table); `RangeError` when out of range. */
  get(i: number): unknown {
    const ref = this.instance.get(this.index(i));
    return toJSValue(
      this.instance.elem === ValType.FuncRef ? { type: "funcref", ref } : { type: "externref", ref },
    );
  }

  /** Sets element `i`; `RangeError` when out of range, `TypeError` for a value of the wrong kind. */
  set(i: number, value?: unknown): void {
    this.instance.set(this.index(i), this.ref(value));
  }

  /** Grows by `delta` elements set to `value` and returns the old length; `RangeError` on failure. */
  grow(delta: number, value?: unknown): number {
    const d = sizeField("delta", delta);
    const old = this.instance.grow(d, this.ref(value));
    if (old < 0) {
      throw new RangeError(
        `cannot grow table from ${this.instance.size} by ${d} elements (maximum ${this.instance.max ?? "none"})`,
      );
    }
    return old;
  }
}

const wrappers = new WeakMap<TableInstance, Table>();
