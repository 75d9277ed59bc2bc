/**
 * The drop-in `WebAssembly` namespace: the standard JS API implemented on Kiln, so glue code
 * written for V8's `WebAssembly` (Emscripten, wasm-bindgen and the like) runs when handed
 * `kiln.WebAssembly`. Modules and instances live in one shared default {@link Runtime} (engine
 * `auto`, no limits); use `Runtime` directly for limits, deadlines and host functions with a
 * caller context. `Memory`, `Table` and `Global` are Kiln's classes, and the error classes are
 * Kiln's `CompileError`, `LinkError` and `RuntimeError`, so `instanceof` works against them.
 * Exported functions are plain JS functions named by their function index, as in V8; v128
 * values cross as 16-byte `Uint8Array`s (where V8 throws a `TypeError`).
 */
import { CompileError, LinkError, RuntimeError } from "../errors.js";
import { Global } from "./global.js";
import type { ImportObject } from "./link.js";
import { Memory } from "./memory.js";
import type { CompiledModule } from "./module.js";
import { type ModuleBytes, Runtime, toBytes } from "./runtime.js";
import { Table } from "./table.js";

let shared: Runtime | null = null;

function runtime(): Runtime {
  shared ??= new Runtime();
  return shared;
}

/** An import descriptor as `WebAssembly.Module.imports` lists it. */
export interface ModuleImportDescriptor {
  /** Module name. */
  readonly module: string;
  /** Field name. */
  readonly name: string;
  /** Kind of the import. */
  readonly kind: "function" | "table" | "memory" | "global";
}

/** An export descriptor as `WebAssembly.Module.exports` lists it. */
export interface ModuleExportDescriptor {
  /** Export name. */
  readonly name: string;
  /** Kind of the export. */
  readonly kind: "function" | "table" | "memory" | "global";
}

/** `WebAssembly.Module`: a compiled module (compiled synchronously). */
class Module {
  readonly #compiled: CompiledModule;

  /** Compiles `bytes`; throws `CompileError` for an invalid module, `TypeError` for non-bytes. */
  constructor(bytes: ModuleBytes) {
    this.#compiled = runtime().compile(bytes);
  }

  /** The compiled module behind `module`; throws `TypeError` when it is not a `Module`. */
  static compiled(module: unknown, what: string): CompiledModule {
    if (typeof module !== "object" || module === null || !(#compiled in module)) {
      throw new TypeError(`${what}: the argument must be a WebAssembly.Module`);
    }
    return (module as Module).#compiled;
  }

  /** The module's imports, in order. */
  static imports(module: Module): ModuleImportDescriptor[] {
    return Module.compiled(module, "Module.imports").imports.map(({ module: m, name, kind }) => ({
      module: m,
      name,
      kind,
    }));
  }

  /** The module's exports, in order. */
  static exports(module: Module): ModuleExportDescriptor[] {
    return Module.compiled(module, "Module.exports").exports.map(({ name, kind }) => ({ name, kind }));
  }

  /** Copies of the contents of the custom sections called `name`. */
  static customSections(module: Module, name: string): ArrayBuffer[] {
    if (name === undefined) throw new TypeError("Module.customSections: a section name is required");
    return Module.compiled(module, "Module.customSections")
      .customSections(String(name))
      .map((b) => b.buffer as ArrayBuffer);
  }
}

/** `WebAssembly.Instance`: an instance of a module, with its frozen `exports` object. */
class Instance {
  /** The exports: exported functions and `Memory`, `Table` and `Global` objects. */
  readonly exports: Readonly<Record<string, unknown>>;

  /**
   * Instantiates `module` synchronously with `importObject`, running its start function. Throws
   * `TypeError` for a missing import namespace, `LinkError` for a bad import, `RuntimeError` for
   * a trap in the start function.
   */
  constructor(module: Module, importObject?: ImportObject) {
    const c = Module.compiled(module, "Instance");
    if (importObject !== undefined && (importObject === null || typeof importObject !== "object")) {
      throw new TypeError("Instance: the import object must be an object");
    }
    for (const imp of c.imports) {
      const ns: unknown = importObject?.[imp.module];
      if (ns === null || (typeof ns !== "object" && typeof ns !== "function")) {
        throw new TypeError(`Instance: import object field "${imp.module}" is not an object`);
      }
    }
    this.exports = runtime().instantiate(c, { imports: importObject }).exports;
  }
}

/** True when `bytes` is a valid module; throws `TypeError` when it is not bytes. */
function validate(bytes: ModuleBytes): boolean {
  const b = toBytes(bytes);
  try {
    runtime().compile(b);
    return true;
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
}

/** Compiles `bytes` (the promise rejects with `CompileError` or `TypeError`). */
async function compile(bytes: ModuleBytes): Promise<Module> {
  return new Module(bytes);
}

/** What `instantiate(bytes)` resolves to. */
export interface WebAssemblyInstantiatedSource {
  /** The compiled module. */
  readonly module: Module;
  /** Its instance. */
  readonly instance: Instance;
}

function instantiate(module: Module, importObject?: ImportObject): Promise<Instance>;
function instantiate(bytes: ModuleBytes, importObject?: ImportObject): Promise<WebAssemblyInstantiatedSource>;
/** Compiles and instantiates bytes (resolving to `{ module, instance }`), or instantiates a `Module`. */
async function instantiate(
  source: Module | ModuleBytes,
  importObject?: ImportObject,
): Promise<Instance | WebAssemblyInstantiatedSource> {
  if (source instanceof Module) return new Instance(source, importObject);
  const module = new Module(source);
  return { module, instance: new Instance(module, importObject) };
}

/** A `Response`-like source of module bytes. */
export interface ResponseLike {
  /** The body's bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Compiles the body of a `Response` (or a promise of one). */
async function compileStreaming(source: ResponseLike | Promise<ResponseLike>): Promise<Module> {
  return new Module(await (await source).arrayBuffer());
}

/** Compiles and instantiates the body of a `Response` (or a promise of one). */
async function instantiateStreaming(
  source: ResponseLike | Promise<ResponseLike>,
  importObject?: ImportObject,
): Promise<WebAssemblyInstantiatedSource> {
  return instantiate(await (await source).arrayBuffer(), importObject);
}

/** Kiln's drop-in replacement for the standard `WebAssembly` namespace object. */
export const WebAssembly = Object.freeze({
  validate,
  compile,
  instantiate,
  compileStreaming,
  instantiateStreaming,
  Module,
  Instance,
  Memory,
  Table,
  Global,
  CompileError,
  LinkError,
  RuntimeError,
});
