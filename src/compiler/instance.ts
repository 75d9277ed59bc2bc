/**
 * Compiled module instances: instantiation with native memories, and the executor that runs
 * compiled functions through the native addon, servicing their exits (traps, host calls,
 * memory growth, stack exhaustion, interruption) as `src/backend/README.md` describes.
 */
import {
  CompiledContext,
  HELPER_EXIT,
  NATIVE_TABLES,
  SLOT_BYTES,
  trapMessages,
  VALUE_SLOTS,
} from "../backend/abi.js";
import type { Backend, ModuleCode } from "../backend/backend.js";
import { LinkError, RuntimeError, StackExhaustedError, type WasmStackFrame } from "../errors.js";
import type { Module, ValType } from "../frontend/types.js";
import type { Func } from "../ir/types.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import type { NativeAddon, NativeCodeRegion, NativeContext } from "../native/types.js";
import { isJsStackOverflow } from "../runtime/exhaustion.js";
import { funcTypeId } from "../runtime/func-type.js";
import { type Executor, invokeFunction, type WasmFunction } from "../runtime/function.js";
import type { GlobalInstance } from "../runtime/global.js";
import { Instance } from "../runtime/instance.js";
import type { ImportResolver } from "../runtime/link.js";
import type { Value } from "../runtime/values.js";
import { createV128Views, type V128Views } from "../semantics/simd-views.js";
import { activationFrames, addFrames } from "./frames.js";
import { type HelperIo, runHelper } from "./helpers.js";
import { NativeMemory } from "./memory.js";
import type { RefTable } from "./refs.js";
import { runSimd } from "./simd-helpers.js";
import { readValue, Slots, setAddress, writeValue } from "./slots.js";
import { NativeTable, type NativeTarget } from "./table.js";

let nextNativeId = 1;

/** A fresh instance id for table mirrors. */
function allocateNativeId(): number {
  return nextNativeId++;
}

/**
 * The call-depth budget shared by the executors of one store: how many more wasm functions may
 * start (`maxCallDepth` of the embedding API). Compiled code counts in its context; when it calls
 * out (host functions, other instances), the runtime hands the rest of the budget on here.
 */
export class CallBudget {
  /** The budget of the next entry from outside. */
  remaining: number;

  constructor(
    /** Most nested wasm functions (at most 2^32 - 1: unlimited but by the native stack). */
    readonly limit: number = 0xffffffff,
  ) {
    this.remaining = limit;
  }
}

/** What the embedder adds to an executor's exits. */
export interface ExecutorHooks {
  /** Runs after every call out to an imported function; when it throws, the call is abandoned. */
  readonly afterHostCall?: () => void;
  /**
   * Runs at an interrupt exit (the context's flag is already cleared): it throws to stop the
   * call, or returns to let it continue. Without it, an interrupt throws `RuntimeError("interrupted")`.
   */
  readonly onInterrupt?: () => void;
}

/** Runs the compiled functions of one instance, each activation on the instance's context. */
export class CompiledExecutor implements Executor, NativeTarget {
  private instance: Instance | null = null;
  private readonly context: NativeContext;
  /** Enters the code region at an offset (`NativeContext.bind`). */
  private readonly call: (offset: number) => number;
  /** Resumes the innermost suspended activation. */
  private readonly resume: () => number;
  private readonly view: DataView;
  private readonly slots: Slots;
  /** Mutable globals shared with others (imported or exported), synced at every entry and exit. */
  private readonly shared: number[] = [];
  /** Address of the code region (it never moves). */
  private readonly base: number;
  private started = false;
  private simdViews: V128Views | null = null;
  private readonly helperIo: HelperIo;

  constructor(
    addon: NativeAddon,
    private readonly region: NativeCodeRegion,
    private readonly code: ModuleCode,
    private readonly refs: RefTable,
    /** The instance's id in table mirrors. */
    readonly nativeId: number,
    module: Module,
    private readonly budget: CallBudget,
    private readonly hooks: ExecutorHooks,
    interruptWord: Int32Array | null,
  ) {
    this.base = region.address;
    this.context = new addon.Context();
    const entries = this.context.bind(region);
    this.call = entries.call;
    this.resume = entries.resume;
    if (interruptWord !== null) this.context.setInterruptWord(interruptWord);
    this.view = new DataView(this.context.buffer);
    // `call_indirect` helpers pass the table slot after the arguments; SIMD helpers use up to 4 slots.
    const values = module.types.reduce((n, t) => Math.max(n, t.params.length + 1, t.results.length), 4);
    this.slots = new Slots(addon, this.view, values, module.numImportedGlobals + module.globals.length);
    this.helperIo = this.makeIo();
  }

  /** Address of the code of function `index` (a function this executor's module defines). */
  bodyAddress(index: number): number {
    return this.base + this.code.bodyOffsets[index];
  }

  /** Binds the executor to its instance (once, before any call). */
  bind(instance: Instance): void {
    this.instance = instance;
  }

  /**
   * Asks code of this instance to stop after `milliseconds`: the context's interrupt flag is set
   * from a helper thread, and the next function entry or loop iteration that sees it exits.
   */
  interruptAfter(milliseconds: number): void {
    this.context.setInterruptTimer(milliseconds);
  }

  /** Cancels a pending interrupt timer and clears the context's interrupt flag. */
  cancelInterrupt(): void {
    if (this.context.closed) return;
    this.context.clearInterruptTimer();
    this.view.setUint32(ContextOffset.interrupt, 0, true);
  }

  /** Frees the native context, code and overflow area now; the executor must not be used afterwards. */
  close(): void {
    if (!this.context.closed) this.context.close();
    if (!this.region.freed) this.region.free();
    this.slots.free();
  }

  /** Copies every global into the context and picks the ones to sync (first entry). */
  private start(inst: Instance): void {
    const m = inst.module;
    const exported = new Set(m.exports.filter((e) => e.kind === "global").map((e) => e.index));
    inst.globals.forEach((g, i) => {
      this.writeGlobal(i, g);
      if (g.type.mutable && (i < m.numImportedGlobals || exported.has(i))) this.shared.push(i);
    });
    this.started = true;
  }

  private writeGlobal(i: number, g: GlobalInstance): void {
    const [view, at] = this.slots.global(i);
    const t = g.type.type;
    if (t === 0x70 || t === 0x6f) {
      view.setUint32(at, this.refs.handle(g.ref), true);
      view.setUint32(at + 4, 0, true);
      return;
    }
    const bits = g.bits;
    for (let k = 0; k < (t === 0x7b ? 4 : 2); k++) view.setInt32(at + 4 * k, bits[k], true);
  }

  private readGlobal(i: number, g: GlobalInstance): void {
    const [view, at] = this.slots.global(i);
    const t = g.type.type;
    if (t === 0x70 || t === 0x6f) {
      g.ref = this.refs.ref(view.getUint32(at, true));
      return;
    }
    const bits = g.bits;
    for (let k = 0; k < (t === 0x7b ? 4 : 2); k++) bits[k] = view.getInt32(at + 4 * k, true);
  }

  /** Copies shared globals, table mirrors, memory base and size into the context. */
  private syncIn(inst: Instance): void {
    const view = this.view;
    const shared = this.shared;
    for (let k = 0; k < shared.length; k++) this.writeGlobal(shared[k], inst.globals[shared[k]]);
    const tables = Math.min(inst.tables.length, NATIVE_TABLES);
    for (let t = 0; t < tables; t++) {
      const table = inst.tables[t];
      const at = CompiledContext.tables + 16 * t;
      const native = table instanceof NativeTable;
      setAddress(view, at, native ? table.mirrorAddress : 0);
      view.setUint32(at + 8, native ? table.size : 0, true);
    }
    const mem = inst.memories[0];
    if (mem instanceof NativeMemory) {
      setAddress(view, ContextOffset.memoryBase, mem.address);
      setAddress(view, ContextOffset.memorySize, mem.pages * 65536);
    }
  }

  /** Copies the shared globals back from the context into their cells. */
  private syncOut(inst: Instance): void {
    const shared = this.shared;
    for (let k = 0; k < shared.length; k++) this.readGlobal(shared[k], inst.globals[shared[k]]);
  }

  invoke(fn: WasmFunction, args: readonly Value[]): Value[] {
    const inst = this.instance;
    if (inst === null) throw new Error("executor used before it was bound to its instance");
    if (!this.started) this.start(inst);
    const view = this.view;
    const refs = this.refs;
    for (let i = 0; i < args.length; i++) {
      if (i < VALUE_SLOTS) writeValue(view, CompiledContext.values + SLOT_BYTES * i, args[i], refs);
      else {
        const [v, at] = this.slots.value(i);
        writeValue(v, at, args[i], refs);
      }
    }
    this.syncIn(inst);
    const saved = view.getUint32(CompiledContext.callBudget, true);
    view.setUint32(CompiledContext.callBudget, this.budget.remaining, true);
    try {
      let code = this.call(this.code.entryOffsets[fn.index]);
      while (code !== ExitCode.return) code = this.service(inst, code);
      this.syncOut(inst);
      const types = fn.type.results;
      const results: Value[] = [];
      for (let i = 0; i < types.length; i++) {
        if (i < VALUE_SLOTS)
          results.push(readValue(view, CompiledContext.values + SLOT_BYTES * i, types[i], refs));
        else {
          const [v, at] = this.slots.value(i);
          results.push(readValue(v, at, types[i], refs));
        }
      }
      return results;
    } finally {
      view.setUint32(CompiledContext.callBudget, saved, true);
    }
  }

  private funcName(index: number): string {
    return this.instance?.funcs[index]?.name ?? `func[${index}]`;
  }

  /** The wasm frames of the suspended activation (innermost first). */
  private frames(): WasmStackFrame[] {
    return activationFrames(this.context, this.base, this.code.callSites, (i) => this.funcName(i));
  }

  /**
   * Abandons the suspended activation and returns `e` to throw: a JS stack overflow becomes stack
   * exhaustion, and a `RuntimeError` gets the activation's wasm frames.
   */
  private abandonWith(e: unknown, skipInnermost = false): unknown {
    const err = isJsStackOverflow(e) ? new StackExhaustedError() : e;
    let frames: WasmStackFrame[] = [];
    try {
      if (err instanceof RuntimeError) frames = this.frames();
    } finally {
      this.context.abandon();
    }
    if (err instanceof RuntimeError) addFrames(err, skipInnermost ? frames.slice(1) : frames);
    return err;
  }

  /**
   * Runs TypeScript on behalf of suspended code, handing the rest of the call-depth budget on to
   * wasm it calls; when it throws, abandons the activation and rethrows.
   */
  private outOfLine<T>(f: () => T): T {
    const budget = this.budget;
    const outer = budget.remaining;
    budget.remaining = this.view.getUint32(CompiledContext.callBudget, true);
    try {
      return f();
    } catch (e) {
      throw this.abandonWith(e);
    } finally {
      budget.remaining = outer;
    }
  }

  /** Lane views of the value area (for SIMD helpers). */
  private views(): V128Views {
    if (this.simdViews === null) {
      const words = (CompiledContext.globals - CompiledContext.values) / 4;
      this.simdViews = createV128Views(new Int32Array(this.view.buffer, CompiledContext.values, words));
    }
    return this.simdViews;
  }

  private makeIo(): HelperIo {
    const refs = this.refs;
    const slots = this.slots;
    return {
      u32: (i) => {
        const [v, at] = slots.value(i);
        return v.getUint32(at, true);
      },
      value: (i, t) => {
        const [v, at] = slots.value(i);
        return readValue(v, at, t as ValType, refs);
      },
      setU32: (i, x) => {
        const [v, at] = slots.value(i);
        v.setUint32(at, x >>> 0, true);
        v.setUint32(at + 4, 0, true);
      },
      setValue: (i, x) => {
        const [v, at] = slots.value(i);
        writeValue(v, at, x, refs);
      },
    };
  }

  /** Handles one exit other than RETURN; returns the next exit code, or throws (abandoning the activation). */
  private service(inst: Instance, code: number): number {
    const view = this.view;
    this.syncOut(inst);
    switch (code) {
      case ExitCode.hostCall: {
        const index = view.getUint32(ContextOffset.exitArgs, true);
        const callee = inst.funcs[index];
        const params = callee.type.params;
        const args: Value[] = [];
        for (let i = 0; i < params.length; i++) {
          if (i < VALUE_SLOTS)
            args.push(readValue(view, CompiledContext.values + SLOT_BYTES * i, params[i], this.refs));
          else {
            const [v, at] = this.slots.value(i);
            args.push(readValue(v, at, params[i], this.refs));
          }
        }
        const after = this.hooks.afterHostCall;
        const results = this.outOfLine(() => {
          const out = invokeFunction(callee, args);
          after?.();
          return out;
        });
        for (let i = 0; i < results.length; i++) {
          if (i < VALUE_SLOTS)
            writeValue(view, CompiledContext.values + SLOT_BYTES * i, results[i], this.refs);
          else {
            const [v, at] = this.slots.value(i);
            writeValue(v, at, results[i], this.refs);
          }
        }
        break;
      }
      case HELPER_EXIT: {
        const arg = (i: number): number => view.getUint32(ContextOffset.exitArgs + 8 * i, true);
        const [op, a, b] = [arg(0), arg(1), arg(2)];
        this.outOfLine(() =>
          op >= 0xfd00
            ? runSimd(this.views(), inst.memories[0], op & 0xff, a, b)
            : runHelper(inst, this.refs, this.helperIo, op, a, b),
        );
        break;
      }
      case ExitCode.memoryGrow: {
        const delta = view.getUint32(ContextOffset.exitArgs, true);
        setAddress(view, ContextOffset.exitArgs, inst.memories[0].grow(delta) >>> 0);
        break;
      }
      case ExitCode.trap: {
        const kind = view.getUint32(ContextOffset.exitArgs, true);
        throw this.abandonWith(new RuntimeError(trapMessages[kind] ?? `trap ${kind}`));
      }
      case ExitCode.stackExhausted:
        // The innermost frame is the function whose prologue found no room: like the
        // interpreter, the trace starts at its caller's call.
        if (this.context.backtrace(1).length === 0) {
          this.context.abandon();
          throw new StackExhaustedError();
        }
        throw this.abandonWith(new StackExhaustedError(), true);
      case ExitCode.interrupted: {
        view.setUint32(ContextOffset.interrupt, 0, true);
        const hook = this.hooks.onInterrupt;
        if (hook === undefined) throw this.abandonWith(new RuntimeError("interrupted"));
        this.outOfLine(hook);
        break;
      }
      default:
        if (this.context.depth > 0) this.context.abandon();
        throw new Error(`compiled code exited with unknown code ${code}`);
    }
    this.syncIn(inst);
    return this.resume();
  }
}

/** Optional settings of {@link instantiateCompiled}. */
export interface CompiledInstantiateOptions {
  /** Most pages a memory the instance defines may have (default 65536). */
  readonly memoryPages?: number;
  /** The store's call-depth budget (default: unlimited but by the native stack). */
  readonly budget?: CallBudget;
  /** Hooks of the executor's exits. */
  readonly hooks?: ExecutorHooks;
  /**
   * An interrupt flag over a `SharedArrayBuffer` that compiled code polls besides its own (other
   * threads stop it with `Atomics.store`); the `onInterrupt` hook decides what a set flag means.
   */
  readonly interruptWord?: Int32Array | null;
  /** Called once the instance is allocated, before segments and the start function run. */
  readonly allocated?: (instance: Instance, executor: CompiledExecutor) => void;
}

/**
 * Compiles `module` (with the IR `funcs`) with `backend` and instantiates it: imports resolved by
 * `resolve`; memories are native (imported memories must be native too). Throws `CompileError`,
 * `LinkError`, or `RuntimeError` as `instantiate` does.
 */
export function instantiateCompiled(
  addon: NativeAddon,
  backend: Backend,
  module: Module,
  funcs: readonly Func[],
  resolve: ImportResolver,
  refs: RefTable,
  options: CompiledInstantiateOptions = {},
): Instance {
  const instanceId = allocateNativeId();
  const interruptWord = options.interruptWord ?? null;
  const code = backend.compileModule(module, funcs, {
    typeIds: module.types.map(funcTypeId),
    instanceId,
    externalInterrupt: interruptWord !== null,
  });
  const region = new addon.CodeRegion(code.code);
  const executor = new CompiledExecutor(
    addon,
    region,
    code,
    refs,
    instanceId,
    module,
    options.budget ?? new CallBudget(),
    options.hooks ?? {},
    interruptWord,
  );
  const instance = new Instance(module, executor);
  executor.bind(instance);
  try {
    instance.allocate(resolve, { memoryPages: options.memoryPages });
    for (let i = 0; i < instance.memories.length; i++) {
      const m = instance.memories[i];
      if (m instanceof NativeMemory) continue;
      if (i < module.numImportedMemories) {
        throw new LinkError(
          "compiled code can only import native memories (created by Kiln's Memory or a compiler runtime)",
        );
      }
      const native = new NativeMemory(addon, module.memories[i], options.memoryPages);
      instance.memories[i] = native;
      for (const [name, v] of instance.exports) if (v === m) instance.exports.set(name, native);
    }
    for (let i = module.numImportedTables; i < instance.tables.length; i++) {
      const t = instance.tables[i];
      const native = new NativeTable(addon, module.tables[i]);
      instance.tables[i] = native;
      for (const [name, v] of instance.exports) if (v === t) instance.exports.set(name, native);
    }
  } catch (e) {
    executor.close();
    throw e;
  }
  options.allocated?.(instance, executor);
  instance.initialize();
  return instance;
}
