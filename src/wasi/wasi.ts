/**
 * `WASI`: a `wasi_snapshot_preview1` implementation shaped like Node's `node:wasi`, so code
 * written for it moves over with little change:
 *
 * ```ts
 * const wasi = new WASI({ version: "preview1", args, env, preopens: { "/data": "./data" } });
 * const instance = instantiate(module, wasi.getImportObject());
 * const code = wasi.start(instance);
 * ```
 *
 * Every guest memory access is bounds-checked (EFAULT), host errors map to WASI errno values,
 * and file system access is confined to the preopened directories (see `sandbox.ts`).
 * `proc_exit` throws a {@link WasiExit}, which unwinds the guest and which `start` turns into
 * its return value (or, with `returnOnExit: false`, into `process.exit`).
 */

import { fdCalls } from "./calls-fd.js";
import { pathCalls } from "./calls-path.js";
import { procCalls } from "./calls-proc.js";
import { type InputSource, type OutputSink, WasiContext } from "./context.js";
import { errnoOf, WasiExit } from "./errors.js";
import type { MemoryLike } from "./memory.js";

/** Options of {@link WASI}, as in `node:wasi`. */
export interface WASIOptions {
  /** Must be `"preview1"`. */
  readonly version: "preview1";
  /** Program arguments as the guest sees them, the program name first. */
  readonly args?: readonly string[];
  /** Environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** Preopened directories: guest path to host path. */
  readonly preopens?: Readonly<Record<string, string>>;
  /** Standard input: a host fd (default 0), or the bytes to read. */
  readonly stdin?: InputSource;
  /** Standard output: a host fd (default 1), or a writer (such as a Node stream). */
  readonly stdout?: OutputSink;
  /** Standard error: a host fd (default 2), or a writer. */
  readonly stderr?: OutputSink;
  /** When false, `proc_exit` ends the Node process; when true (default) `start` returns the code. */
  readonly returnOnExit?: boolean;
}

/** What `start` and `initialize` need of an instance: its exports. */
export interface WasiInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}

/** A WASI import function: JS numbers for i32, bigints for i64. */
export type WasiImport = (...args: (number | bigint)[]) => number | undefined;

type Call = (ctx: WasiContext, ...args: never[]) => number;

const calls: Readonly<Record<string, Call>> = { ...procCalls, ...fdCalls, ...pathCalls };

function isMemory(x: unknown): x is MemoryLike {
  return typeof x === "object" && x !== null && "buffer" in x && x.buffer instanceof ArrayBuffer;
}

/** A WASI environment for one guest instance. */
export class WASI {
  /** The import functions by name, as in `node:wasi`. */
  readonly wasiImport: Readonly<Record<string, WasiImport>>;
  private readonly ctx: WasiContext;
  private readonly returnOnExit: boolean;
  private started = false;

  constructor(options: WASIOptions) {
    if (options.version !== "preview1")
      throw new TypeError(`unsupported WASI version '${String(options.version)}'`);
    const env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`);
    this.ctx = new WasiContext(
      options.args ?? [],
      env,
      [options.stdin ?? 0, options.stdout ?? 1, options.stderr ?? 2],
      Object.entries(options.preopens ?? {}),
    );
    this.returnOnExit = options.returnOnExit ?? true;
    const imports: Record<string, WasiImport> = {};
    for (const [name, call] of Object.entries(calls)) imports[name] = this.wrap(call);
    this.wasiImport = imports;
  }

  private wrap(call: Call): WasiImport {
    const ctx = this.ctx;
    const f = call as unknown as (ctx: WasiContext, ...args: (number | bigint)[]) => number;
    return (...args) => {
      try {
        return f(ctx, ...args);
      } catch (e) {
        if (e instanceof WasiExit) {
          if (!this.returnOnExit) process.exit(e.code);
          throw e;
        }
        const errno = errnoOf(e);
        if (errno === null) throw e;
        return errno;
      }
    };
  }

  /** The imports to instantiate the guest with: `{ wasi_snapshot_preview1: {...} }`. */
  getImportObject(): { wasi_snapshot_preview1: Readonly<Record<string, WasiImport>> } {
    return { wasi_snapshot_preview1: this.wasiImport };
  }

  private attach(instance: WasiInstance): void {
    if (this.started) throw new Error("WASI: the instance was already started or initialized");
    const memory = instance.exports.memory;
    if (!isMemory(memory)) throw new TypeError("WASI: the instance does not export a memory named 'memory'");
    this.ctx.memory = memory;
    this.started = true;
  }

  /**
   * Runs a command: calls the instance's `_start` and returns the exit code (0 when `_start`
   * returns, the `proc_exit` code otherwise). Traps propagate as `RuntimeError`.
   */
  start(instance: WasiInstance): number {
    const start = instance.exports._start;
    if (typeof start !== "function") throw new TypeError("WASI: the instance does not export '_start'");
    if (instance.exports._initialize !== undefined) {
      throw new TypeError("WASI: a command must not export '_initialize'");
    }
    this.attach(instance);
    try {
      start();
      return 0;
    } catch (e) {
      if (e instanceof WasiExit) return e.code;
      throw e;
    } finally {
      this.ctx.closeAll();
    }
  }

  /** Initializes a reactor: calls its `_initialize`, if any; the instance stays usable. */
  initialize(instance: WasiInstance): void {
    if (instance.exports._start !== undefined)
      throw new TypeError("WASI: a reactor must not export '_start'");
    this.attach(instance);
    const init = instance.exports._initialize;
    if (typeof init === "function") init();
  }
}
