/**
 * `Runtime`: Kiln's embedding entry point. A runtime owns an engine (the interpreter, or the
 * native x86-64 compiler), the limits that guard against untrusted guests (memory pages, call
 * depth, deadlines and abort signals), and a registry of named instances that later modules can
 * import from (like the spec's `register`).
 */
import { compileModule, lowerFunction } from "../frontend/index.js";
import type { Module } from "../frontend/types.js";
import { Interpreter } from "../interp/interpreter.js";
import type { Func } from "../ir/types.js";
import { type FunctionInstance, invokeFunction } from "../runtime/function.js";
import { Instance as RuntimeInstance } from "../runtime/instance.js";
import type { ExternVal } from "../runtime/link.js";
import { MAX_PAGES } from "../runtime/memory.js";
import type { Value } from "../runtime/values.js";
import { autoEngine, CompilerEngine } from "./compiled.js";
import { checkFeatures, type FeatureOptions, resolveFeatures } from "./features.js";
import type { CallerContext } from "./host.js";
import { Instance } from "./instance.js";
import { type CallOptions, checkCallOptions, Interrupts } from "./interrupt.js";
import { type ImportObject, importResolver } from "./link.js";
import { Memory, type MemoryDescriptor } from "./memory.js";
import { CompiledModule } from "./module.js";
import { type EntryOptions, registerEntryPoint } from "./values.js";

/**
 * Which engine runs the code. `compiler` is the native compiler (Linux x64 with SSE4.1 or Linux
 * arm64, with the native addon); `auto` is the compiler where it can run and the interpreter elsewhere
 * (`compilerUnavailableReason()` says why).
 */
export type EngineChoice = "auto" | "compiler" | "interpreter";

/** Settings of a {@link Runtime}. */
export interface RuntimeOptions {
  /**
   * The engine (default `auto`). `compiler` throws an `Error` with the reason where the native
   * compiler cannot run. Both engines honour every option; the compiler checks the interrupt
   * flag (when it lies in a `SharedArrayBuffer`) and deadlines at every function entry and loop
   * iteration, and abort signals after every host function (see `pollInterval`).
   */
  readonly engine?: EngineChoice;
  /** Proposals to turn on or off (see `features.ts`); default: WebAssembly 2.0. */
  readonly features?: FeatureOptions;
  /**
   * Most pages any memory of the runtime's instances may have (default 65536 = 4 GiB):
   * `memory.grow` past it returns -1, and a module whose memory starts larger fails to
   * instantiate with a `RuntimeError`.
   */
  readonly memoryLimitPages?: number;
  /**
   * Most nested wasm function activations (host functions in between do not count) before a
   * `StackExhaustedError` ("call stack exhausted", a `RuntimeError`); default 20,000. Both
   * engines count the same way; the native stack (8 MiB) can end deep recursion of large frames
   * earlier.
   */
  readonly maxCallDepth?: number;
  /** Limits applied to every call from JS into wasm that is not made from inside wasm (host functions). */
  readonly defaultCallOptions?: CallOptions;
  /**
   * An interrupt flag, typically over a `SharedArrayBuffer`: another thread stores a non-zero
   * value in element 0 to stop the running call with a `RuntimeError` (the flag is reset).
   */
  readonly interruptFlag?: Int32Array;
  /**
   * Loop iterations and calls between two interruption checks of the interpreter (default 4096).
   * Compiled code checks the shared interrupt flag and deadlines at every one of them, and signals
   * after every host function, so the compiler ignores it.
   */
  readonly pollInterval?: number;
}

/** The default `maxCallDepth` (the interpreter's own default too). */
const DEFAULT_MAX_CALL_DEPTH = 20000;

/** Options of {@link Runtime.instantiate}. */
export interface InstantiateOptions {
  /** The import object: module name, then field name, then value. */
  readonly imports?: ImportObject;
  /** Registers the instance under this name: later modules import its exports by it. */
  readonly name?: string;
}

function positiveInt(what: string, x: number | undefined, max: number): number | undefined {
  if (x === undefined) return undefined;
  if (!Number.isInteger(x) || x < 0 || x > max)
    throw new RangeError(`${what} must be an integer in [0, ${max}], got ${x}`);
  return x;
}

function selectEngine(choice: EngineChoice | undefined): "interpreter" | "compiler" {
  switch (choice ?? "auto") {
    case "auto":
      return autoEngine();
    case "interpreter":
      return "interpreter";
    case "compiler":
      return "compiler";
    default:
      throw new TypeError(`engine must be "auto", "compiler" or "interpreter", got ${String(choice)}`);
  }
}

/** A module's bytes: an `ArrayBuffer` or a view of one (the JS API's `BufferSource`). */
export type ModuleBytes = ArrayBuffer | ArrayBufferView;

/** Converts `ModuleBytes`-like input to bytes without copying; throws `TypeError` otherwise. */
export function toBytes(source: unknown): Uint8Array {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  throw new TypeError("expected the module's bytes as an ArrayBuffer or a typed array");
}

/** A runtime: compiles modules, instantiates them and runs their code under its limits. */
export class Runtime {
  /** The engine that runs code (`auto` resolves to it). */
  readonly engine: "interpreter" | "compiler";
  /** The enabled features. */
  readonly features: ReadonlySet<string>;
  /** Most pages a memory may have. */
  readonly memoryLimitPages: number;
  private interp: Interpreter | null;
  private compiler: CompilerEngine | null = null;
  private irs = new WeakMap<Module, readonly Func[]>();
  private registry = new Map<string, ReadonlyMap<string, ExternVal>>();
  private readonly interrupts: Interrupts;
  private readonly defaults: CallOptions;
  private depth = 0;

  /** Creates a runtime; throws for bad options or an unavailable engine. */
  constructor(options: RuntimeOptions = {}) {
    this.engine = selectEngine(options.engine);
    this.features = resolveFeatures(options.features);
    this.memoryLimitPages = positiveInt("memoryLimitPages", options.memoryLimitPages, MAX_PAGES) ?? MAX_PAGES;
    const maxCallDepth = positiveInt("maxCallDepth", options.maxCallDepth, 1_000_000);
    const interval = positiveInt("pollInterval", options.pollInterval, 1 << 30) ?? 4096;
    const flag = options.interruptFlag;
    if (flag !== undefined && !(flag instanceof Int32Array && flag.length > 0)) {
      throw new TypeError("interruptFlag must be a non-empty Int32Array");
    }
    this.defaults = checkCallOptions(options.defaultCallOptions);
    this.interrupts = new Interrupts(flag ?? null);
    if (this.engine === "compiler") {
      this.compiler = new CompilerEngine({
        hooks: {
          // A signal can only be aborted by JS code, which compiled code reaches through imported
          // functions: poll after each of them.
          afterHostCall: () => this.interrupts.check(),
          // The flag or a deadline timer stopped the code: throw what stopped it, or (an early
          // timer, a flag another runtime cleared first) re-arm the timer and continue.
          onInterrupt: () => {
            this.interrupts.check();
            this.armCompilerDeadline();
          },
        },
        maxCallDepth: Math.max(1, maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH),
        interruptFlag: flag ?? null,
      });
    }
    const interrupts = this.interrupts;
    const interp = new Interpreter({
      lower: (m, i) => this.irs.get(m)?.[i - m.numImportedFuncs] ?? lowerFunction(m, i),
      maxCallDepth: maxCallDepth === undefined ? undefined : Math.max(1, maxCallDepth),
      interrupt: { interval: Math.max(1, interval), poll: () => interrupts.check() },
    });
    this.interp = interp;
    registerEntryPoint(interp, (fn, args, opts) => this.enter(fn, args, opts));
  }

  /** True once {@link close} has been called. */
  get closed(): boolean {
    return this.interp === null;
  }

  private open(what: string): Interpreter {
    if (this.interp === null) throw new Error(`cannot ${what}: this Kiln Runtime has been closed`);
    return this.interp;
  }

  /**
   * Decodes and validates (a copy of) `bytes`. Throws `CompileError` for a malformed or invalid module, or
   * one that uses a disabled feature.
   */
  compile(bytes: ModuleBytes): CompiledModule {
    this.open("compile a module");
    const { module, funcs } = compileModule(toBytes(bytes).slice());
    const compiled = new CompiledModule(module, funcs);
    checkFeatures(compiled, this.features);
    return compiled;
  }

  /**
   * Instantiates a module (compiling it first when given bytes): resolves its imports from
   * `options.imports` and the registered instances, runs its start function, and registers it
   * under `options.name` when given. Throws `LinkError` for a missing or mistyped import and
   * `RuntimeError` for a trap during initialisation or a memory above the page limit.
   */
  instantiate(module: CompiledModule | ModuleBytes, options: InstantiateOptions = {}): Instance {
    const interp = this.open("instantiate a module");
    const compiled = module instanceof CompiledModule ? module : this.compile(module);
    checkFeatures(compiled, this.features);
    const name = options.name;
    if (name !== undefined && typeof name !== "string")
      throw new TypeError("an instance name must be a string");
    let instance: Instance | null = null;
    const context = (): CallerContext => {
      if (instance === null) throw new Error("a host function was called before its instance existed");
      return instance.context;
    };
    const resolve = importResolver(compiled.module, options.imports, this.registry, context);
    let raw: RuntimeInstance;
    if (this.compiler !== null) {
      raw = this.guarded(undefined, () =>
        (this.compiler as CompilerEngine).instantiate(
          compiled.module,
          compiled.funcs,
          resolve,
          this.memoryLimitPages,
          (allocated, executor) => {
            registerEntryPoint(executor, (fn, args, opts) => this.enter(fn, args, opts));
            instance = new Instance(compiled, allocated, name ?? null);
          },
        ),
      );
    } else {
      this.irs.set(compiled.module, compiled.funcs);
      raw = new RuntimeInstance(compiled.module, interp);
      raw.allocate(resolve, { memoryPages: this.memoryLimitPages });
      instance = new Instance(compiled, raw, name ?? null);
      this.guarded(undefined, () => raw.initialize());
    }
    if (name !== undefined) this.registry.set(name, raw.exports);
    return instance ?? new Instance(compiled, raw, name ?? null);
  }

  /** Registers `instance`'s exports under `name`, for later modules to import. */
  register(name: string, instance: Instance): void {
    this.open("register an instance");
    this.registry.set(name, instance.raw.exports);
  }

  /** Creates a memory subject to this runtime's page limit. */
  createMemory(descriptor: MemoryDescriptor): Memory {
    this.open("create a memory");
    const compiler = this.compiler;
    return new Memory(descriptor, {
      limitPages: this.memoryLimitPages,
      create:
        compiler === null ? undefined : (type, limit) => compiler.createMemory(type, limit ?? MAX_PAGES),
    });
  }

  /**
   * Frees what the runtime holds: its engine, compiled code (native code, contexts and memories
   * are released at once) and registry. Afterwards every use of
   * the runtime, and every call into its instances, throws an `Error` saying it is closed.
   */
  close(): void {
    this.interp = null;
    this.compiler?.close();
    this.compiler = null;
    this.registry = new Map();
    this.irs = new WeakMap();
  }

  /** Runs `body` as a call from JS under `options` (plus the defaults for outermost calls). */
  private guarded<T>(options: EntryOptions | undefined, body: () => T): T {
    const outer = this.depth === 0;
    const pushedDefaults = outer && this.interrupts.begin(this.defaults);
    let pushed = false;
    try {
      pushed = options !== undefined && this.interrupts.begin(options);
      if (pushed || pushedDefaults) this.armCompilerDeadline();
      this.depth++;
      try {
        return body();
      } finally {
        this.depth--;
      }
    } finally {
      if (pushed) this.interrupts.end();
      if (pushedDefaults) this.interrupts.end();
      if (pushed || pushedDefaults) this.armCompilerDeadline();
    }
  }

  /** Sets the compiler's interrupt timer to the earliest active deadline, or cancels it. */
  private armCompilerDeadline(): void {
    const compiler = this.compiler;
    if (compiler === null) return;
    const at = this.interrupts.nextDeadline();
    if (at === Number.POSITIVE_INFINITY) compiler.disarm();
    else compiler.armDeadline(at - performance.now());
  }

  /** The entry point of calls from JS into this runtime's functions. */
  private enter(fn: FunctionInstance, args: readonly Value[], options?: EntryOptions): Value[] {
    this.open("call into wasm");
    return this.guarded(options, () => invokeFunction(fn, args));
  }
}
