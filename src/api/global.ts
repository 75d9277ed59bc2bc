/** `Global`: a global variable as seen from JS (also the drop-in `WebAssembly.Global`). */
import { GlobalInstance } from "../runtime/global.js";
import { defaultValue } from "../runtime/values.js";
import { type GlobalTypeInfo, globalInfo, parseValueType, type ValueTypeName } from "./types.js";
import { toJSValue, toWasmValue } from "./values.js";

/** What `new Global(...)` takes, as in the standard JS API. */
export interface GlobalDescriptor {
  /** Value type. */
  readonly value: ValueTypeName | "anyfunc";
  /** True for a mutable global (default false). */
  readonly mutable?: boolean;
}

/** A global variable. */
export class Global {
  /** The runtime global this object stands for. */
  readonly instance: GlobalInstance;

  /**
   * Creates a global of `descriptor.value` type holding `value` (converted as by the JS API; the
   * type's zero value when undefined). Throws `TypeError` for a bad descriptor or value.
   */
  constructor(descriptor: GlobalDescriptor, value?: unknown) {
    if (descriptor === null || typeof descriptor !== "object") {
      throw new TypeError("Global expects a descriptor object { value, mutable? }");
    }
    const type = parseValueType(descriptor.value);
    const init = value === undefined ? defaultValue(type) : toWasmValue(type, value);
    this.instance = new GlobalInstance({ type, mutable: descriptor.mutable === true }, init);
    wrappers.set(this.instance, this);
  }

  /** The object standing for runtime global `g` (the same object every time). */
  static of(g: GlobalInstance): Global {
    let w = wrappers.get(g);
    if (w === undefined) {
      w = Object.create(Global.prototype) as Global;
      Object.defineProperty(w, "instance", { value: g, enumerable: true });
      wrappers.set(g, w);
    }
    return w;
  }

  /** The global's type. */
  type(): GlobalTypeInfo {
    return globalInfo(this.instance.type);
  }

  /** The current value (i64 as a `bigint`). */
  get value(): unknown {
    return toJSValue(this.instance.read());
  }

  /** Sets the value; throws `TypeError` for an immutable global or a value of the wrong kind. */
  set value(v: unknown) {
    if (!this.instance.type.mutable) throw new TypeError("cannot set the value of an immutable global");
    this.instance.write(toWasmValue(this.instance.type.type, v));
  }

  /** The current value, as the JS API's `valueOf`. */
  valueOf(): unknown {
    return this.value;
  }
}

const wrappers = new WeakMap<GlobalInstance, Global>();
