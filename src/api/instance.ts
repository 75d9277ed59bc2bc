/** `Instance`: an instantiated module, with its exports as JS values. */
import { isFunctionInstance } from "../runtime/function.js";
import { GlobalInstance } from "../runtime/global.js";
import type { Instance as RuntimeInstance } from "../runtime/instance.js";
import type { ExternVal } from "../runtime/link.js";
import { MemoryInstance } from "../runtime/memory.js";
import { TableInstance } from "../runtime/table.js";
import { Global } from "./global.js";
import type { CallerContext } from "./host.js";
import { type CallOptions, checkCallOptions } from "./interrupt.js";
import { Memory } from "./memory.js";
import type { CompiledModule } from "./module.js";
import { Table } from "./table.js";
import { callWithJS, exportedFunction } from "./values.js";

/** The JS value standing for runtime extern value `v`. */
export function externToJS(v: ExternVal): unknown {
  if (v instanceof MemoryInstance) return Memory.of(v);
  if (v instanceof TableInstance) return Table.of(v);
  if (v instanceof GlobalInstance) return Global.of(v);
  return exportedFunction(v);
}

/** An instance of a compiled module. */
export class Instance {
  /**
   * The exports: a frozen object with a null prototype mapping export names to exported
   * functions (plain JS functions) and `Memory`, `Table` and `Global` objects.
   */
  readonly exports: Readonly<Record<string, unknown>>;
  /** The context given to host functions this instance imports. */
  readonly context: CallerContext;

  constructor(
    /** The module this is an instance of. */
    readonly module: CompiledModule,
    /** The runtime instance. */
    readonly raw: RuntimeInstance,
    /** The name it is registered under for later modules to import from, or null. */
    readonly name: string | null,
  ) {
    const exports: Record<string, unknown> = Object.create(null);
    for (const [k, v] of raw.exports) exports[k] = externToJS(v);
    this.exports = Object.freeze(exports);
    const memory = raw.memories.length > 0 ? Memory.of(raw.memories[0]) : null;
    this.context = Object.freeze({ instance: this, memory, exports: this.exports });
  }

  /** Memory 0 of the instance (exported or not), or null when it has none. */
  get memory(): Memory | null {
    return this.context.memory;
  }

  /**
   * Calls exported function `name` with JS arguments (converted as by the JS API) under the
   * limits of `options`; returns undefined, the single result, or an array of results. Throws
   * `TypeError` when there is no such exported function.
   */
  call(name: string, args: readonly unknown[] = [], options?: CallOptions): unknown {
    const fn = this.raw.getExport(name);
    if (!isFunctionInstance(fn)) {
      throw new TypeError(`the instance has no exported function "${name}"`);
    }
    return callWithJS(fn, args, checkCallOptions(options));
  }
}
