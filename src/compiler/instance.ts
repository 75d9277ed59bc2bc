/**
 * Compiled module instances: instantiation with native memories, and the executor that runs
 * compiled functions through the native addon, servicing their exits (traps, host calls,
 * memory growth, stack exhaustion, interruption) as `src/backend/README.md` describes.
 */
import {
  CompiledContext,
  GLOBAL_SLOTS,
  HELPER_EXIT,
  NATIVE_TABLES,
  SLOT_BYTES,
  trapMessages,
  VALUE_SLOTS,
} from "../backend/abi.js";
import type { Backend, ModuleCode } from "../backend/backend.js";
import { CompileError, LinkError, RuntimeError, StackExhaustedError } from "../errors.js";
import type { Module, ValType } from "../frontend/types.js";
import type { Func } from "../ir/types.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import type { NativeAddon, NativeCodeRegion, NativeContext } from "../native/types.js";
import { isJsStackOverflow } from "../runtime/exhaustion.js";
import { funcTypeId } from "../runtime/func-type.js";
import { type Executor, invokeFunction, type WasmFunction } from "../runtime/function.js";
import { Instance } from "../runtime/instance.js";
import type { ImportResolver } from "../runtime/link.js";
import type { Value } from "../runtime/values.js";
import { createV128Views, type V128Views } from "../semantics/simd-views.js";
import { type HelperIo, runHelper } from "./helpers.js";
import { NativeMemory } from "./memory.js";
import type { RefTable } from "./refs.js";
import { runSimd } from "./simd-helpers.js";
import { NativeTable, type NativeTarget } from "./table.js";

const TWO_32 = 2 ** 32;

function writeValue(view: DataView, at: number, v: Value, refs: RefTable): void {
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
      new Uint8Array(view.buffer, at, 16).set(v.bytes);
      return;
  }
  view.setUint32(at, lo >>> 0, true);
  view.setUint32(at + 4, hi >>> 0, true);
}

function readValue(view: DataView, at: number, t: ValType, refs: RefTable): Value {
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
    case 0x7b:
      return { type: "v128", bytes: new Uint8Array(view.buffer.slice(at, at + 16)) };
  }
}

let nextNativeId = 1;

/** A fresh instance id for table mirrors. */
function allocateNativeId(): number {
  return nextNativeId++;
}

/** Runs the compiled functions of one instance, each activation on the instance's context. */
export class CompiledExecutor implements Executor, NativeTarget {
  private instance: Instance | null = null;
  private context: NativeContext | null = null;
  /** Runs after every call out to an imported function; when it throws, the call is abandoned. */
  afterHostCall: (() => void) | null = null;
  private view: DataView | null = null;

  constructor(
    private readonly addon: NativeAddon,
    private readonly region: NativeCodeRegion,
    private readonly code: ModuleCode,
    private readonly refs: RefTable,
    /** The instance's id in table mirrors. */
    readonly nativeId: number,
  ) {}

  /** Address of the code of function `index` (a function this executor's module defines). */
  bodyAddress(index: number): number {
    return this.region.address + this.code.bodyOffsets[index];
  }

  /** Binds the executor to its instance (once, before any call). */
  bind(instance: Instance): void {
    this.instance = instance;
  }

  private ctx(): [NativeContext, DataView] {
    if (this.context === null || this.view === null) {
      this.context = new this.addon.Context();
      this.view = new DataView(this.context.buffer);
    }
    return [this.context, this.view];
  }

  /**
   * Asks code of this instance to stop after `milliseconds`: the context's interrupt flag is set
   * from a helper thread, the next function entry or loop iteration that sees it exits, and the
   * call running then throws `RuntimeError("interrupted")` (the flag is cleared).
   */
  interruptAfter(milliseconds: number): void {
    this.ctx()[0].setInterruptTimer(milliseconds);
  }

  /** Cancels a pending interrupt timer and clears the context's interrupt flag. */
  cancelInterrupt(): void {
    if (this.context === null || this.view === null || this.context.closed) return;
    this.context.clearInterruptTimer();
    this.view.setUint32(ContextOffset.interrupt, 0, true);
  }

  /** Frees the native context and code now; the executor must not be used afterwards. */
  close(): void {
    if (this.context !== null && !this.context.closed) this.context.close();
    if (!this.region.freed) this.region.free();
  }

  /** Copies globals, memory base and size into the context. */
  private syncIn(inst: Instance, view: DataView): void {
    const n = Math.min(inst.globals.length, GLOBAL_SLOTS);
    for (let i = 0; i < n; i++) {
      const g = inst.globals[i];
      writeValue(view, CompiledContext.globals + SLOT_BYTES * i, g.read(), this.refs);
    }
    const tables = Math.min(inst.tables.length, NATIVE_TABLES);
    for (let t = 0; t < tables; t++) {
      const table = inst.tables[t];
      const at = CompiledContext.tables + 16 * t;
      setU64(view, at, table instanceof NativeTable ? table.mirrorAddress : 0);
      view.setUint32(at + 8, table instanceof NativeTable ? table.size : 0, true);
    }
    const mem = inst.memories[0];
    if (mem instanceof NativeMemory) {
      setU64(view, ContextOffset.memoryBase, mem.address);
      setU64(view, ContextOffset.memorySize, mem.byteLength);
    }
  }

  /** Copies the mutable globals back from the context into their shared cells. */
  private syncOut(inst: Instance, view: DataView): void {
    const n = Math.min(inst.globals.length, GLOBAL_SLOTS);
    for (let i = 0; i < n; i++) {
      const g = inst.globals[i];
      if (!g.type.mutable) continue;
      g.write(readValue(view, CompiledContext.globals + SLOT_BYTES * i, g.type.type, this.refs));
    }
  }

  invoke(fn: WasmFunction, args: readonly Value[]): Value[] {
    const inst = this.instance;
    if (inst === null) throw new Error("executor used before it was bound to its instance");
    const [ctx, view] = this.ctx();
    args.forEach((v, i) => {
      writeValue(view, CompiledContext.values + SLOT_BYTES * i, v, this.refs);
    });
    this.syncIn(inst, view);
    let code = ctx.enter(this.region, this.code.entryOffsets[fn.index]);
    for (;;) {
      this.syncOut(inst, view);
      if (code === ExitCode.return) {
        return fn.type.results.map((t, i) =>
          readValue(view, CompiledContext.values + SLOT_BYTES * i, t, this.refs),
        );
      }
      code = this.service(inst, ctx, view, code);
    }
  }

  /**
   * Runs TypeScript on behalf of suspended code; when it throws, abandons the activation and
   * rethrows (JS stack overflow becomes stack exhaustion; a trap gets the wasm offset).
   */
  private outOfLine<T>(ctx: NativeContext, f: () => T, offset?: number): T {
    try {
      return f();
    } catch (e) {
      ctx.abandon();
      if (isJsStackOverflow(e)) throw new StackExhaustedError();
      if (offset !== undefined && e instanceof RuntimeError && !(e instanceof StackExhaustedError)) {
        e.message = `${e.message} (at wasm offset 0x${offset.toString(16)})`;
      }
      throw e;
    }
  }

  private simdViews: V128Views | null = null;

  /** Lane views of the value area (for SIMD helpers). */
  private views(view: DataView): V128Views {
    if (this.simdViews === null || this.simdViews.i32.buffer !== view.buffer) {
      const slots = (CompiledContext.globals - CompiledContext.values) / 4;
      this.simdViews = createV128Views(new Int32Array(view.buffer, CompiledContext.values, slots));
    }
    return this.simdViews;
  }

  private io(view: DataView): HelperIo {
    const refs = this.refs;
    const at = (i: number): number => CompiledContext.values + SLOT_BYTES * i;
    return {
      u32: (i) => view.getUint32(at(i), true),
      value: (i, t) => readValue(view, at(i), t as ValType, refs),
      setU32: (i, v) => {
        view.setUint32(at(i), v >>> 0, true);
        view.setUint32(at(i) + 4, 0, true);
      },
      setValue: (i, v) => writeValue(view, at(i), v, refs),
    };
  }

  /** Handles one exit other than RETURN; returns the next exit code, or throws (abandoning the activation). */
  private service(inst: Instance, ctx: NativeContext, view: DataView, code: number): number {
    switch (code) {
      case ExitCode.hostCall: {
        const index = Number(view.getBigUint64(ContextOffset.exitArgs, true));
        const callee = inst.funcs[index];
        const args = callee.type.params.map((t, i) =>
          readValue(view, CompiledContext.values + SLOT_BYTES * i, t, this.refs),
        );
        const results = this.outOfLine(ctx, () => {
          const out = invokeFunction(callee, args);
          this.afterHostCall?.();
          return out;
        });
        results.forEach((v, i) => {
          writeValue(view, CompiledContext.values + SLOT_BYTES * i, v, this.refs);
        });
        break;
      }
      case HELPER_EXIT: {
        const arg = (i: number): number => view.getUint32(ContextOffset.exitArgs + 8 * i, true);
        const [op, a, b, offset] = [arg(0), arg(1), arg(2), arg(3)];
        this.outOfLine(
          ctx,
          () =>
            op >= 0xfd00
              ? runSimd(this.views(view), inst.memories[0], op & 0xff, a, b)
              : runHelper(inst, this.refs, this.io(view), op, a, b),
          offset,
        );
        break;
      }
      case ExitCode.memoryGrow: {
        const delta = view.getUint32(ContextOffset.exitArgs, true);
        const mem = inst.memories[0];
        setU64(view, ContextOffset.exitArgs, mem.grow(delta) >>> 0);
        break;
      }
      case ExitCode.trap: {
        const kind = view.getUint32(ContextOffset.exitArgs, true);
        const offset = view.getUint32(ContextOffset.exitArgs + 8, true);
        ctx.abandon();
        throw new RuntimeError(
          `${trapMessages[kind] ?? `trap ${kind}`} (at wasm offset 0x${offset.toString(16)})`,
        );
      }
      case ExitCode.stackExhausted:
        ctx.abandon();
        throw new StackExhaustedError();
      case ExitCode.interrupted:
        view.setUint32(ContextOffset.interrupt, 0, true);
        ctx.abandon();
        throw new RuntimeError("interrupted");
      default:
        if (ctx.depth > 0) ctx.abandon();
        throw new Error(`compiled code exited with unknown code ${code}`);
    }
    this.syncIn(inst, view);
    return ctx.resume();
  }
}

function setU64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % TWO_32, true);
  view.setUint32(at + 4, Math.floor(value / TWO_32), true);
}

/** Optional settings of {@link instantiateCompiled}. */
export interface CompiledInstantiateOptions {
  /** Most pages a memory the instance defines may have (default 65536). */
  readonly memoryPages?: number;
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
  if (module.globals.length + module.numImportedGlobals > GLOBAL_SLOTS) {
    throw new CompileError(`not supported by the compiler yet: more than ${GLOBAL_SLOTS} globals`);
  }
  for (const t of module.types) {
    // `call_indirect` helpers pass the table slot after the arguments.
    if (Math.max(t.params.length + 1, t.results.length) > VALUE_SLOTS) {
      throw new CompileError(
        `not supported by the compiler yet: more than ${VALUE_SLOTS} values in a signature`,
      );
    }
  }
  const instanceId = allocateNativeId();
  const code = backend.compileModule(module, funcs, { typeIds: module.types.map(funcTypeId), instanceId });
  const region = new addon.CodeRegion(code.code);
  const executor = new CompiledExecutor(addon, region, code, refs, instanceId);
  const instance = new Instance(module, executor);
  executor.bind(instance);
  instance.allocate(resolve, { memoryPages: options.memoryPages });
  for (let i = 0; i < instance.memories.length; i++) {
    const m = instance.memories[i];
    if (m instanceof NativeMemory) continue;
    if (i < module.numImportedMemories) throw new LinkError("compiled code can only import native memories");
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
  options.allocated?.(instance, executor);
  instance.initialize();
  return instance;
}
