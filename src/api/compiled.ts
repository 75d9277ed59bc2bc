/**
 * The native compiler (x86-64) behind a `Runtime`: compiles and instantiates modules with native
 * memories and tables, keeps what it allocated so `close()` frees it at once, and implements
 * deadlines through the compiled code's interrupt exit (a helper-thread timer sets the interrupt
 * flag of every context of the runtime).
 */
import { Amd64Backend } from "../backend-amd64/compile.js";
import { type CompiledExecutor, instantiateCompiled } from "../compiler/instance.js";
import { NativeMemory } from "../compiler/memory.js";
import { RefTable } from "../compiler/refs.js";
import { RuntimeError } from "../errors.js";
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
  const cpu = addon.cpuFeatures();
  if (cpu.arch !== "x64") return `the compiler supports x86-64 only (this is ${cpu.arch})`;
  if (!cpu.sse41) return "the compiler needs a CPU with SSE4.1";
  return null;
}

/** True when a call ended at the compiled code's interrupt exit. */
export function isCompiledInterrupt(e: unknown): boolean {
  return e instanceof RuntimeError && e.message === "interrupted";
}

/** The compiler engine of one runtime. */
export class CompilerEngine {
  private readonly addon: NativeAddon;
  private readonly backend: Amd64Backend;
  private readonly refs = new RefTable();
  private executors: CompiledExecutor[] = [];
  private memories: NativeMemory[] = [];

  constructor(
    /** Runs after every call from compiled code out to an imported function (it may throw to stop the call). */
    private readonly afterHostCall: () => void,
  ) {
    this.addon = CompilerEngine.load();
    const cpu = this.addon.cpuFeatures();
    this.backend = new Amd64Backend({ popcnt: cpu.arch === "x64" && cpu.popcnt });
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
      allocated: (instance, executor) => {
        executor.afterHostCall = this.afterHostCall;
        this.executors.push(executor);
        for (const m of instance.memories) if (m instanceof NativeMemory) this.memories.push(m);
        allocated(instance, executor);
      },
    });
  }

  /** A native memory of `type` capped at `limit` pages, freed with the engine. */
  createMemory(type: MemoryType, limit: number): MemoryInstance {
    const m = new NativeMemory(this.addon, type, limit);
    this.memories.push(m);
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
    this.executors = [];
    this.memories = [];
  }
}
