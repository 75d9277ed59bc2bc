/** Global instances: shared cells, so a mutable global imported by two instances is one global. */

import { RuntimeError } from "../errors.js";
import type { GlobalType } from "../frontend/types.js";
import { hasType, type Value } from "./values.js";

/**
 * A global. Numeric values live as exact bits in `bits` (i32 and f32 in slot 0, i64 and f64 as
 * (lo, hi) in slots 0-1, v128 in slots 0-3, little-endian lanes); reference values live in `ref`.
 * Engines read and write these fields directly.
 */
export class GlobalInstance {
  /** The value's bits (numeric types). */
  readonly bits = new Int32Array(4);
  /** The value (reference types); null is the null reference. */
  ref: unknown = null;

  /** Creates a global holding `init`. */
  constructor(
    /** Value type and mutability. */
    readonly type: GlobalType,
    init: Value,
  ) {
    this.write(init);
  }

  /** The current value. */
  read(): Value {
    const b = this.bits;
    switch (this.type.type) {
      case 0x7f:
        return { type: "i32", value: b[0] };
      case 0x7e:
        return { type: "i64", lo: b[0], hi: b[1] };
      case 0x7d:
        return { type: "f32", bits: b[0] };
      case 0x7c:
        return { type: "f64", lo: b[0], hi: b[1] };
      case 0x7b:
        return { type: "v128", bytes: new Uint8Array(b.slice().buffer) };
      case 0x70:
        return { type: "funcref", ref: this.ref };
      case 0x6f:
        return { type: "externref", ref: this.ref };
    }
  }

  /** Stores `v`, which must have the global's type (mutability is the caller's concern). */
  write(v: Value): void {
    if (!hasType(v, this.type.type)) throw new RuntimeError(`cannot store a ${v.type} in this global`);
    const b = this.bits;
    switch (v.type) {
      case "i32":
        b[0] = v.value;
        return;
      case "f32":
        b[0] = v.bits;
        return;
      case "i64":
      case "f64":
        b[0] = v.lo;
        b[1] = v.hi;
        return;
      case "v128":
        b.set(new Int32Array(v.bytes.slice().buffer));
        return;
      case "funcref":
      case "externref":
        this.ref = v.ref;
        return;
    }
  }
}
