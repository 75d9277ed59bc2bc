/**
 * Module instances and instantiation, in the order and with the failure semantics of the Wasm 2.0
 * specification: resolve and check imports, allocate functions, globals (initialised by constant
 * expressions), tables and memories, evaluate element segments, collect exports, then apply the
 * active element and data segments one by one (each bounds-checked; a trap leaves the earlier
 * writes in place, which matters for imported tables and memories), drop active and declarative
 * segments, and run the start function.
 */

import { RuntimeError } from "../errors.js";
import type { ConstExpr, Module } from "../frontend/types.js";
import { type Executor, type FunctionInstance, invokeFunction, WasmFunction } from "./function.js";
import { GlobalInstance } from "./global.js";
import { type ExternVal, type ImportResolver, resolveImports } from "./link.js";
import { MAX_PAGES, MemoryInstance } from "./memory.js";
import { DEFAULT_TABLE_LIMIT, TableInstance } from "./table.js";
import type { Value } from "./values.js";

/** Trap message of an out-of-bounds memory access. */
export const TRAP_MEMORY_OOB = "out of bounds memory access";

/** Run-time resource limits of an instance's own memories and tables. */
export interface InstanceLimits {
  /** Most pages a memory may have (default and upper bound: 65536). */
  readonly memoryPages?: number;
  /** Most elements a table may have (default 10,000,000). */
  readonly tableElements?: number;
}

const noBytes = new Uint8Array(0);

/** An instance of a module: its functions, tables, memories, globals, segments and exports. */
export class Instance {
  /** Every function of the index space, imported ones first. */
  readonly funcs: FunctionInstance[] = [];
  /** Every table, imported ones first. */
  readonly tables: TableInstance[] = [];
  /** Every memory, imported ones first. */
  readonly memories: MemoryInstance[] = [];
  /** Every global, imported ones first. */
  readonly globals: GlobalInstance[] = [];
  /** Element segments' references; a dropped segment is empty. */
  readonly elems: (readonly unknown[])[] = [];
  /** Data segments' bytes; a dropped segment is empty. */
  readonly datas: Uint8Array[] = [];
  /** Exports by name. */
  readonly exports = new Map<string, ExternVal>();

  /** Creates an empty instance; use {@link instantiate}. */
  constructor(
    /** The module this is an instance of. */
    readonly module: Module,
    /** The engine that runs this instance's functions. */
    readonly executor: Executor,
  ) {}

  /** The export named `name`, or undefined. */
  getExport(name: string): ExternVal | undefined {
    return this.exports.get(name);
  }

  /** Drops element segment `i` (`elem.drop`). */
  dropElem(i: number): void {
    this.elems[i] = [];
  }

  /** Drops data segment `i` (`data.drop`). */
  dropData(i: number): void {
    this.datas[i] = noBytes;
  }

  /** Evaluates a constant expression in this instance. */
  evalConst(e: ConstExpr): Value {
    switch (e.kind) {
      case "i32.const":
        return { type: "i32", value: e.value };
      case "i64.const":
        return { type: "i64", lo: e.lo, hi: e.hi };
      case "f32.const":
        return { type: "f32", bits: e.bits };
      case "f64.const":
        return { type: "f64", lo: e.lo, hi: e.hi };
      case "v128.const":
        return { type: "v128", bytes: e.bytes.slice() };
      case "ref.null":
        return e.type === 0x70 ? { type: "funcref", ref: null } : { type: "externref", ref: null };
      case "ref.func":
        return { type: "funcref", ref: this.funcs[e.funcIndex] };
      case "global.get":
        return this.globals[e.globalIndex].read();
    }
  }

  /** The reference a constant expression of an element segment evaluates to. */
  private evalRef(e: ConstExpr): unknown {
    const v = this.evalConst(e);
    if (v.type !== "funcref" && v.type !== "externref") throw new RuntimeError("element is not a reference");
    return v.ref;
  }

  /** Evaluates a segment offset (an i32 constant expression) as an unsigned number. */
  private evalOffset(e: ConstExpr): number {
    const v = this.evalConst(e);
    if (v.type !== "i32") throw new RuntimeError("segment offset is not an i32");
    return v.value >>> 0;
  }

  /** Allocates everything but runs no code (steps before segment initialisation). */
  allocate(resolve: ImportResolver, limits: InstanceLimits): void {
    const m = this.module;
    const imported = resolveImports(m, resolve);
    this.funcs.push(...imported.funcs);
    for (let i = m.numImportedFuncs; i < m.funcs.length; i++) {
      this.funcs.push(new WasmFunction(m.types[m.funcs[i]], this, i, m.names.functionNames.get(i) ?? null));
    }
    this.globals.push(...imported.globals);
    for (const g of m.globals) this.globals.push(new GlobalInstance(g.type, this.evalConst(g.init)));
    this.tables.push(...imported.tables);
    for (let i = m.numImportedTables; i < m.tables.length; i++) {
      this.tables.push(new TableInstance(m.tables[i], null, limits.tableElements ?? DEFAULT_TABLE_LIMIT));
    }
    this.memories.push(...imported.memories);
    for (let i = m.numImportedMemories; i < m.memories.length; i++) {
      this.memories.push(new MemoryInstance(m.memories[i], limits.memoryPages ?? MAX_PAGES));
    }
    for (const seg of m.elems) this.elems.push(seg.items.map((e) => this.evalRef(e)));
    for (const seg of m.datas) this.datas.push(seg.bytes);
    for (const e of m.exports) {
      switch (e.kind) {
        case "func":
          this.exports.set(e.name, this.funcs[e.index]);
          break;
        case "table":
          this.exports.set(e.name, this.tables[e.index]);
          break;
        case "memory":
          this.exports.set(e.name, this.memories[e.index]);
          break;
        case "global":
          this.exports.set(e.name, this.globals[e.index]);
          break;
      }
    }
  }

  /** Applies active segments, drops active and declarative ones, and runs the start function. */
  initialize(): void {
    const m = this.module;
    for (let i = 0; i < m.elems.length; i++) {
      const mode = m.elems[i].mode;
      if (mode.kind === "active") {
        const items = this.elems[i];
        this.tables[mode.index].init(this.evalOffset(mode.offset), items, 0, items.length);
      }
      if (mode.kind !== "passive") this.dropElem(i);
    }
    for (let i = 0; i < m.datas.length; i++) {
      const mode = m.datas[i].mode;
      if (mode.kind !== "active") continue;
      const bytes = this.datas[i];
      const mem = this.memories[mode.index];
      const at = this.evalOffset(mode.offset);
      if (at + bytes.length > mem.byteLength) throw new RuntimeError(TRAP_MEMORY_OOB);
      mem.bytes.set(bytes, at);
      this.dropData(i);
    }
    if (m.start !== null) invokeFunction(this.funcs[m.start], []);
  }
}

/**
 * Instantiates `module`: resolves its imports with `resolve`, allocates and initialises the
 * instance, and runs its start function with `executor`. Throws `LinkError` for a bad import
 * and `RuntimeError` for a trap during initialisation or the start function.
 */
export function instantiate(
  module: Module,
  resolve: ImportResolver,
  executor: Executor,
  limits: InstanceLimits = {},
): Instance {
  const instance = new Instance(module, executor);
  instance.allocate(resolve, limits);
  instance.initialize();
  return instance;
}
