/**
 * The native compiler (x86-64 or arm64) behind a `Runtime`: compiles and instantiates modules with native
 * memories and tables, keeps what it allocated so `close()` frees it at once, and implements
 * deadlines through the compiled code's interrupt exit (a helper-thread timer sets the interrupt
 * flag of every context of the runtime).
 */
import type { Backend } from "../backend/backend.js";
import {
  CallBudget,
  type CompiledExecutor,
  type ExecutorHooks,
  instantiateCompiled,
} from "../compiler/instance.js";
import { NativeMemory } from "../compiler/memory.js";
import { backendFor, backendUnavailableReason } from "../compiler/native-backend.js";
import { RefTable } from "../compiler/refs.js";
import type { MemoryType, Module } from "../frontend/types.js";
import type { Func } from "../ir/types.js";
import { loadNative, nativeUnavailableReason } from "../native/addon.js";
import type { NativeAddon } from "../native/types.js";
import type { Instance as RuntimeInstance } from "../runtime/instance.js";
import type { ImportResolver } from "../runtime/link.js";
import type { MemoryInstance } from "../runtime/memory.js";

/** Why the compiler cannot run in this process, or null when it can. */
export function compilerUnavailableReason(): string | null {
  const reason = nativeUnavailableReason();
  if (reason !== null) return reason;
  const addon = loadNative();
  if (addon === null) return "the native addon did not load";
  return backendUnavailableReason(addon.cpuFeatures());
}

/**
 * The engine `auto` picks: the compiler where it can run (Linux x64 with SSE4.1, Linux arm64,
 * with the native addon), else, silently (so a guest's stderr stays its own), the interpreter;
 * `compilerUnavailableReason()` says why.
 */
export function autoEngine(): "compiler" | "interpreter" {
  return compilerUnavailableReason() === null ? "compiler" : "interpreter";
}

/** Settings of a {@link CompilerEngine}. */
export interface CompilerEngineOptions {
  /** What the runtime does after host calls and at interrupt exits. */
  readonly hooks: ExecutorHooks;
  /** Most nested wasm calls (the interpreter's `maxCallDepth`). */
  readonly maxCallDepth: number;
  /**
   * The runtime's interrupt flag: compiled code polls it at function entries and loop headers
   * when it lies in a `SharedArrayBuffer` (other threads can set it); the `onInterrupt` hook
   * reads and clears it. Any other flag is only checked by the hooks.
   */
  readonly interruptFlag: Int32Array | null;
}

/**
 * Objects held weakly (collected ones drop out), so that what a long-lived runtime compiled can
 * be garbage-collected with its instances (the addon frees native code, contexts and memories
 * then) while `close()` can still free everything alive at once.
 */
class WeakList<T extends object> implements Iterable<T> {
  private readonly refs = new Set<WeakRef<T>>();
  private readonly registry = new FinalizationRegistry<WeakRef<T>>((r) => this.refs.delete(r));

  /** Adds `x`. */
  add(x: T): void {
    const r = new WeakRef(x);
    this.refs.add(r);
    this.registry.register(x, r);
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const r of this.refs) {
      const x = r.deref();
      if (x !== undefined) yield x;
    }
  }

  /** Forgets every object. */
  clear(): void {
    this.refs.clear();
  }
}

/** The compiler engine of one runtime. */
export class CompilerEngine {
  private readonly addon: NativeAddon;
  private readonly backend: Backend;
  private readonly refs = new RefTable();
  private readonly executors = new WeakList<CompiledExecutor>();
  private readonly memories = new WeakList<NativeMemory>();
  private readonly budget: CallBudget;
  private readonly interruptWord: Int32Array | null;

  constructor(private readonly options: CompilerEngineOptions) {
    this.addon = CompilerEngine.load();
    this.backend = backendFor(this.addon.cpuFeatures());
    this.budget = new CallBudget(options.maxCallDepth);
    const flag = options.interruptFlag;
    this.interruptWord = flag !== null && flag.buffer instanceof SharedArrayBuffer ? flag : null;
  }

  /** The addon; throws an `Error` with the reason when the compiler cannot run here. */
  private static load(): NativeAddon {
    const reason = compilerUnavailableReason();
    const addon = loadNative();
    if (reason !== null || addon === null) {
      throw new Error(
        `engine "compiler" is unavailable: ${reason ?? "the native addon did not load"}; use engine "interpreter" or "auto"`,
      );
    }
    return addon;
  }

  /**
   * Compiles and instantiates `module`; `allocated` sees the instance and its executor before
   * the start function runs. Throws like `Runtime.instantiate`.
   */
  instantiate(
    module: Module,
    funcs: readonly Func[],
    resolve: ImportResolver,
    memoryPages: number,
    allocated: (instance: RuntimeInstance, executor: CompiledExecutor) => void,
  ): RuntimeInstance {
    return instantiateCompiled(this.addon, this.backend, module, funcs, resolve, this.refs, {
      memoryPages,
      budget: this.budget,
      hooks: this.options.hooks,
      interruptWord: this.interruptWord,
      allocated: (instance, executor) => {
        this.executors.add(executor);
        instance.memories.forEach((m, i) => {
          if (i >= module.numImportedMemories && m instanceof NativeMemory) this.memories.add(m);
        });
        allocated(instance, executor);
      },
    });
  }

  /** A native memory of `type` capped at `limit` pages, freed with the engine. */
  createMemory(type: MemoryType, limit: number): MemoryInstance {
    const m = new NativeMemory(this.addon, type, limit);
    this.memories.add(m);
    return m;
  }

  /** Makes running compiled code exit with "interrupted" after `milliseconds` (replacing an earlier timer). */
  armDeadline(milliseconds: number): void {
    const ms = Math.max(0, Math.ceil(milliseconds));
    for (const e of this.executors) e.interruptAfter(ms);
  }

  /** Cancels the deadline timer and clears every interrupt flag. */
  disarm(): void {
    for (const e of this.executors) e.cancelInterrupt();
  }

  /** Frees the native code, contexts and memories now. */
  close(): void {
    for (const e of this.executors) e.close();
    for (const m of this.memories) if (!m.native.freed) m.native.free();
    this.executors.clear();
    this.memories.clear();
  }
}
