/**
 * The IR interpreter as an `Executor`: it prepares (lowers and encodes) each function on its first
 * call, keeps one register file and one explicit frame stack for all the instances it runs, and
 * enters the dispatch loop (`exec.ts`) for calls coming from outside. Calls between wasm functions
 * it runs never recurse in JS; calls to host functions and to other engines' functions do, and
 * re-entry from them starts a nested dispatch loop above the current frames.
 */

import { RuntimeError, StackExhaustedError } from "../errors.js";
import type { Module } from "../frontend/types.js";
import type { Func } from "../ir/types.js";
import { Ty } from "../ir/types.js";
import { isJsStackOverflow } from "../runtime/exhaustion.js";
import { funcTypeId } from "../runtime/func-type.js";
import { callHost, type Executor, type FunctionInstance, WasmFunction } from "../runtime/function.js";
import type { Instance } from "../runtime/instance.js";
import type { Value } from "../runtime/values.js";
import { createV128Views, type V128Views } from "../semantics/simd-views.js";
import { type EncodedFunc, encodeFunc, layout, widthOf } from "./encode.js";
import { run } from "./exec.js";
import { Op } from "./ops.js";

/** Lowers function `funcIndex` of `module` (a defined function) to IR. */
export type Lowering = (module: Module, funcIndex: number) => Func;

/** A function ready to run: its encoding plus what frames and traces need. */
export class Prepared implements EncodedFunc {
  /** The trampoline that calls this function from outside (made on first use). */
  entry: Prepared | null = null;

  constructor(
    encoded: EncodedFunc,
    /** The instance whose function this is; null for an entry trampoline. */
    readonly instance: Instance | null,
    /** Function index (or -1 for an entry trampoline). */
    readonly index: number,
    /** Name for stack traces. */
    readonly name: string,
    /** Slot of each parameter in the function's frame. */
    readonly paramSlots: readonly number[],
  ) {
    this.code = encoded.code;
    this.frameSize = encoded.frameSize;
    this.sitePcs = encoded.sitePcs;
    this.siteOffsets = encoded.siteOffsets;
  }

  readonly code: Int32Array;
  readonly frameSize: number;
  readonly sitePcs: Int32Array;
  readonly siteOffsets: Int32Array;
}

/** How running code can be interrupted. */
export interface InterruptOptions {
  /** Loop iterations and calls between two polls (default 65536). */
  readonly interval?: number;
  /** Called at every poll; it may throw (a `RuntimeError`) to stop the running code. */
  readonly poll?: () => void;
  /**
   * A flag, possibly in a `SharedArrayBuffer` set by another thread: at a poll, a non-zero
   * `flag[0]` is cleared and stops the running code with `RuntimeError("interrupted")`.
   */
  readonly flag?: Int32Array;
}

/** Interpreter settings. */
export interface InterpreterOptions {
  /** Turns a module's function into IR. */
  readonly lower: Lowering;
  /** Most nested wasm calls before "call stack exhausted" (default 20,000). */
  readonly maxCallDepth?: number;
  /** Most register-file slots (4 bytes each) all frames may use (default 16M). */
  readonly maxStackSlots?: number;
  /** Interruption hook. */
  readonly interrupt?: InterruptOptions;
}

const INITIAL_SLOTS = 1 << 16;

/** Position of the frame's function for stack traces: the instruction at or before `pc`. */
function siteOffset(p: Prepared, pc: number): number {
  const pcs = p.sitePcs;
  let lo = 0;
  let hi = pcs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pcs[mid] <= pc) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found < 0 ? 0 : p.siteOffsets[found];
}

/** Runs IR functions of the instances created with it. */
export class Interpreter implements Executor {
  /** The register file. */
  regs: Int32Array;
  /** f32 view of the register file. */
  f32: Float32Array;
  /** f64 view of the register file (index = slot / 2). */
  f64: Float64Array;
  /** Lane views of the register file for SIMD operations. */
  views: V128Views;
  /** Reference slots, parallel to `regs`. */
  refs: unknown[];
  /** Saved caller frames: function, code position of the call's result list, frame base. */
  readonly frames: Prepared[] = [];
  /** See `frames`. */
  readonly framePc: Int32Array;
  /** See `frames`. */
  readonly frameFp: Int32Array;
  /** Number of saved frames. */
  depth = 0;
  /** First register-file slot free for a nested entry. */
  top = 0;
  /** The call-depth limit. */
  readonly maxDepth: number;
  /** Loop iterations and calls between interruption polls. */
  readonly interruptInterval: number;
  private readonly maxSlots: number;
  private readonly lower: Lowering;
  private readonly poll: (() => void) | null;
  private readonly flag: Int32Array | null;

  constructor(options: InterpreterOptions) {
    this.lower = options.lower;
    this.maxDepth = options.maxCallDepth ?? 20000;
    this.maxSlots = options.maxStackSlots ?? 1 << 24;
    this.interruptInterval = options.interrupt?.interval ?? 65536;
    this.poll = options.interrupt?.poll ?? null;
    this.flag = options.interrupt?.flag ?? null;
    this.framePc = new Int32Array(this.maxDepth + 2);
    this.frameFp = new Int32Array(this.maxDepth + 2);
    this.regs = new Int32Array(INITIAL_SLOTS);
    this.f32 = new Float32Array(this.regs.buffer);
    this.f64 = new Float64Array(this.regs.buffer);
    this.views = createV128Views(this.regs);
    this.refs = new Array<unknown>(INITIAL_SLOTS).fill(null);
  }

  /** Makes the register file hold at least `slots` slots; throws exhaustion past the limit. */
  ensureSlots(slots: number): void {
    if (slots <= this.regs.length) return;
    if (slots > this.maxSlots) throw new StackExhaustedError();
    let n = this.regs.length;
    while (n < slots) n *= 2;
    const regs = new Int32Array(n);
    regs.set(this.regs);
    this.regs = regs;
    this.f32 = new Float32Array(regs.buffer);
    this.f64 = new Float64Array(regs.buffer);
    this.views = createV128Views(regs);
    for (let i = this.refs.length; i < n; i++) this.refs.push(null);
  }

  /**
   * Called every `interruptInterval` loop iterations and calls: runs the poll hook and checks the
   * flag (either may stop the running code by throwing); returns the interval to the next poll.
   */
  interruptPoll(): number {
    if (this.poll !== null) this.poll();
    const flag = this.flag;
    if (flag !== null && Atomics.exchange(flag, 0, 0) !== 0) throw new RuntimeError("interrupted");
    return this.interruptInterval;
  }

  /** The prepared form of `fn`, encoding it on first use. */
  prepare(fn: WasmFunction): Prepared {
    const done = fn.prepared as Prepared | null;
    if (done !== null) return done;
    const module = fn.instance.module;
    const ir = this.lower(module, fn.index);
    const encoded = encodeFunc(ir, (ti) => funcTypeId(module.types[ti]));
    const name = fn.name ?? ir.name ?? `func[${fn.index}]`;
    const p = new Prepared(encoded, fn.instance, fn.index, name, layout(ir.params).slots);
    fn.prepared = p;
    return p;
  }

  /** The trampoline frame that receives `p`'s results: `[nres, (slot, width) * nres, Halt]`. */
  private entryOf(p: Prepared, results: readonly Ty[]): Prepared {
    if (p.entry !== null) return p.entry;
    const lay = layout(results);
    const code = [results.length];
    results.forEach((t, i) => {
      code.push(lay.slots[i], widthOf(t));
    });
    code.push(Op.Halt);
    const encoded: EncodedFunc = {
      code: Int32Array.from(code),
      frameSize: (lay.size + 3) & -4,
      sitePcs: new Int32Array(0),
      siteOffsets: new Int32Array(0),
    };
    p.entry = new Prepared(encoded, null, -1, "entry", []);
    return p.entry;
  }

  /** Reads the value of type `t` at absolute slot `s`. */
  readValue(t: Ty, s: number): Value {
    const r = this.regs;
    switch (t) {
      case Ty.I32:
        return { type: "i32", value: r[s] };
      case Ty.I64:
        return { type: "i64", lo: r[s], hi: r[s + 1] };
      case Ty.F32:
        return { type: "f32", bits: r[s] };
      case Ty.F64:
        return { type: "f64", lo: r[s], hi: r[s + 1] };
      case Ty.V128:
        return { type: "v128", bytes: new Uint8Array(r.buffer.slice(s * 4, s * 4 + 16)) };
      case Ty.FuncRef:
        return { type: "funcref", ref: this.refs[s] };
      default:
        return { type: "externref", ref: this.refs[s] };
    }
  }

  /** Writes `v` at absolute slot `s`. */
  writeValue(v: Value, s: number): void {
    const r = this.regs;
    switch (v.type) {
      case "i32":
        r[s] = v.value;
        return;
      case "f32":
        r[s] = v.bits;
        return;
      case "i64":
      case "f64":
        r[s] = v.lo;
        r[s + 1] = v.hi;
        return;
      case "v128":
        new Uint8Array(r.buffer, s * 4, 16).set(v.bytes);
        return;
      case "funcref":
      case "externref":
        this.refs[s] = v.ref;
        return;
    }
  }

  /** Calls `fn` (of an instance this interpreter runs) from outside the dispatch loop. */
  invoke(fn: WasmFunction, args: readonly Value[]): Value[] {
    const p = this.prepare(fn);
    const results = fn.type.results.map(tyOfValType);
    const entry = this.entryOf(p, results);
    const savedDepth = this.depth;
    const savedTop = this.top;
    try {
      if (this.depth >= this.maxDepth) throw new StackExhaustedError();
      const base = (this.top + 3) & -4;
      const fp = base + entry.frameSize;
      this.ensureSlots(fp + p.frameSize);
      args.forEach((v, i) => {
        this.writeValue(v, fp + p.paramSlots[i]);
      });
      this.frames[this.depth] = entry;
      this.framePc[this.depth] = 0;
      this.frameFp[this.depth] = base;
      this.depth++;
      run(this, p, fp);
      const lay = layout(results);
      return results.map((t, i) => this.readValue(t, base + lay.slots[i]));
    } catch (e) {
      throw isJsStackOverflow(e) ? new StackExhaustedError() : e;
    } finally {
      this.depth = savedDepth;
      this.top = savedTop;
    }
  }

  /**
   * Calls a function this interpreter does not run itself (a host function or another engine's)
   * from the dispatch loop: arguments come from `(src, _, width)` triples of `code` at `at`, read
   * at frame `fp`; results go to the `(dst, width)` pairs that follow. Returns the code position
   * after the result list. `top` must be set past the caller's frame.
   */
  callExternal(fn: FunctionInstance, code: Int32Array, at: number, fp: number): number {
    const params = fn.type.params;
    const nargs = code[at];
    const args: Value[] = [];
    for (let k = 0; k < nargs; k++)
      args.push(this.readValue(tyOfValType(params[k]), fp + code[at + 1 + 3 * k]));
    const out = fn instanceof WasmFunction ? fn.instance.executor.invoke(fn, args) : callHost(fn, args);
    let q = at + 1 + 3 * nargs;
    const nres = code[q++];
    for (let k = 0; k < nres; k++) {
      this.writeValue(out[k], fp + code[q]);
      q += 2;
    }
    return q;
  }

  /**
   * Adds the wasm frames of one dispatch loop to an error: the current frame (`p` at `pc`), then
   * the saved frames from `depth - 1` down to `base`. A JS stack overflow becomes exhaustion.
   */
  annotate(e: unknown, p: Prepared, pc: number, base: number, depth: number): unknown {
    let err = e;
    if (isJsStackOverflow(err)) err = new StackExhaustedError();
    if (!(err instanceof RuntimeError)) return err;
    const frames = [{ funcIndex: p.index, name: p.name, offset: siteOffset(p, pc) }];
    for (let k = depth - 1; k >= base; k--) {
      const f = this.frames[k];
      frames.push({ funcIndex: f.index, name: f.name, offset: siteOffset(f, this.framePc[k]) });
    }
    err.wasmStack.push(...frames);
    const lines = frames.map(
      (f) => `    at ${f.name} (wasm-function[${f.funcIndex}]:0x${f.offset.toString(16)})`,
    );
    err.stack = `${err.stack ?? `${err.name}: ${err.message}`}\n${lines.join("\n")}`;
    return err;
  }
}

/** The IR type of a wasm value type. */
function tyOfValType(t: number): Ty {
  switch (t) {
    case 0x7f:
      return Ty.I32;
    case 0x7e:
      return Ty.I64;
    case 0x7d:
      return Ty.F32;
    case 0x7c:
      return Ty.F64;
    case 0x7b:
      return Ty.V128;
    case 0x70:
      return Ty.FuncRef;
    default:
      return Ty.ExternRef;
  }
}
