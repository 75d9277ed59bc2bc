/**
 * Runs one fuzzed module on one engine and records everything observable: how instantiation
 * ended, then for every exported function in export order (each preceded by a call of binaryen's
 * `hangLimitInitializer`, when exported, to reset the module's loop budget) its results or trap
 * and the `fuzzing-support` log calls it made; finally the hashes of every page of every
 * exported memory and the values of the exported globals.
 */
import { CompileError, LinkError, RuntimeError, StackExhaustedError } from "../errors.js";
import { decodeModule } from "../frontend/index.js";
import { type FuncType, type ValType, ValType as VT } from "../frontend/types.js";
import type { Engine, EngineInstance, EngineStore } from "../spec/engine.js";
import type { Value } from "../spec/values.js";
import type { WatToBinary } from "../spec/wat.js";
import { trapKind } from "./traps.js";
import { LOG_CAPACITY, LOG_TAGS, loggerWat, memoryReaderWat } from "./wat-modules.js";

/** How a step ended: normally (with values) or with an error of a contract class. */
export type Ending =
  | { readonly kind: "ok"; readonly values: readonly Value[] }
  | { readonly kind: "trap"; readonly trap: string; readonly message: string }
  | { readonly kind: "exhausted" }
  | { readonly kind: "compile error" | "link error"; readonly message: string }
  /** The engine declined the module: a `CompileError` saying a feature is not supported yet. */
  | { readonly kind: "unsupported"; readonly message: string }
  | { readonly kind: "crash"; readonly message: string };

/** One call of a `fuzzing-support` log function: type and payload as hex. */
export interface LogEntry {
  readonly type: string;
  readonly bits: string;
}

/** One export call. */
export interface CallRecord {
  readonly name: string;
  readonly args: readonly Value[];
  readonly ending: Ending;
  /** The log calls it made (the first {@link LOG_CAPACITY} of them). */
  readonly log: readonly LogEntry[];
  /** How many log calls it made. */
  readonly logCount: number;
}

/** Everything observed of one module on one engine. */
export interface ModuleRecord {
  readonly engine: string;
  /** How compiling, instantiating and the start function ended (with the start's log). */
  readonly instantiation: CallRecord;
  readonly calls: readonly CallRecord[];
  /** Per exported memory: the hash of each page. */
  readonly memories: readonly { readonly name: string; readonly pages: readonly string[] }[];
  readonly globals: readonly { readonly name: string; readonly value: Ending }[];
}

/** A seeded PRNG (mulberry32) giving 32-bit unsigned integers. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const I32_SPECIAL = [0, 1, -1, 0x7fffffff, -0x80000000, 2, 255, 65536];
const F32_SPECIAL = [0, 0x80000000, 0x3f800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x4f000000, 0x00000001];
const F64_HI_SPECIAL = [
  0, 0x80000000, 0x3ff00000, 0x7ff00000, 0xfff00000, 0x7ff80000, 0x41e00000, 0x43e00000,
];

/** A deterministic argument of type `t`: a special value half of the time, else random bits. */
function argument(t: ValType, r: () => number): Value {
  const special = r() % 2 === 0;
  const pick = (xs: readonly number[]): number => xs[r() % xs.length];
  switch (t) {
    case VT.I32:
      return { type: "i32", value: special ? pick(I32_SPECIAL) : r() | 0 };
    case VT.I64:
      return special
        ? { type: "i64", lo: pick(I32_SPECIAL) >>> 0, hi: pick([0, -1, 0x7fffffff]) >>> 0 }
        : { type: "i64", lo: r(), hi: r() };
    case VT.F32:
      return { type: "f32", bits: special ? pick(F32_SPECIAL) >>> 0 : r() };
    case VT.F64:
      return special
        ? { type: "f64", lo: 0, hi: pick(F64_HI_SPECIAL) >>> 0 }
        : { type: "f64", lo: r(), hi: r() };
    case VT.V128: {
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = special ? 0 : r() & 0xff;
      return { type: "v128", bytes };
    }
    case VT.FuncRef:
      return { type: "funcref", ref: null };
    case VT.ExternRef:
      return { type: "externref", ref: special ? null : r() % 100 };
  }
}

/** Deterministic arguments for a function of type `type`, from `seed`. */
export function argumentsFor(type: FuncType, seed: number): Value[] {
  const r = prng(seed);
  return type.params.map((t) => argument(t, r));
}

function ending(f: () => readonly Value[]): Ending {
  try {
    return { kind: "ok", values: f() };
  } catch (e) {
    if (e instanceof StackExhaustedError) return { kind: "exhausted" };
    if (e instanceof CompileError) {
      return { kind: /not supported/.test(e.message) ? "unsupported" : "compile error", message: e.message };
    }
    if (e instanceof LinkError) return { kind: "link error", message: e.message };
    if (e instanceof RuntimeError) return { kind: "trap", trap: trapKind(e.message), message: e.message };
    return { kind: "crash", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

function hex(lo: Value, hi: Value | null): string {
  const h = (v: Value): string =>
    v.type === "i64" ? ((BigInt(v.hi >>> 0) << 32n) | BigInt(v.lo >>> 0)).toString(16).padStart(16, "0") : "";
  return hi === null ? h(lo) : `${h(hi)}${h(lo)}`;
}

function i32(v: Value | undefined): number {
  return v?.type === "i32" ? v.value : -1;
}

/** Reads and clears the logger's entries. */
function drainLog(logger: EngineInstance): { log: LogEntry[]; logCount: number } {
  const logCount = i32(logger.invoke("count", [])[0]);
  const log: LogEntry[] = [];
  for (let i = 0; i < Math.min(logCount, LOG_CAPACITY); i++) {
    const at: Value[] = [{ type: "i32", value: i }];
    const tag = i32(logger.invoke("tag", at)[0]);
    const lo = logger.invoke("lo", at)[0];
    const type = LOG_TAGS[tag] ?? `tag ${tag}`;
    const bits =
      type === "v128"
        ? hex(lo, logger.invoke("hi", at)[0])
        : type === "i32" || type === "f32"
          ? hex(lo, null).slice(8)
          : hex(lo, null);
    log.push({ type, bits });
  }
  logger.invoke("reset", []);
  return { log, logCount };
}

/** The logger and reader modules, assembled once. */
export interface HelperModules {
  /** The logger with and without `log-v128`. */
  readonly logger: { readonly scalar: Uint8Array; readonly simd: Uint8Array };
  readonly reader: (memoryName: string) => Uint8Array;
}

/** Assembles the helper modules with `wat`. */
export function helperModules(wat: WatToBinary): HelperModules {
  const enc = new TextEncoder();
  const readers = new Map<string, Uint8Array>();
  return {
    logger: { scalar: wat(enc.encode(loggerWat(false))), simd: wat(enc.encode(loggerWat(true))) },
    reader: (name) => {
      let r = readers.get(name);
      if (r === undefined) {
        r = wat(enc.encode(memoryReaderWat("subject", name)));
        readers.set(name, r);
      }
      return r;
    },
  };
}

/** Instantiates `bytes` in `store`, recording how that ended. */
function tryInstantiate(
  store: EngineStore,
  bytes: Uint8Array,
): { end: Ending; instance: EngineInstance | null } {
  const holder: { instance: EngineInstance | null } = { instance: null };
  const end = ending(() => {
    holder.instance = store.instantiate(bytes);
    return [];
  });
  return { end, instance: holder.instance };
}

/** Runs `bytes` on `engine`; `seed` makes the export arguments. */
export function runModule(
  engine: Engine,
  helpers: HelperModules,
  bytes: Uint8Array,
  seed: number,
): ModuleRecord {
  const store: EngineStore = engine.createStore();
  const m = decodeModule(bytes);
  const simd = m.imports.some((i) => i.name === "log-v128");
  const base = { engine: engine.name, calls: [], memories: [], globals: [] };
  const lg = tryInstantiate(store, simd ? helpers.logger.simd : helpers.logger.scalar);
  const logger = lg.instance;
  if (logger === null) {
    return { ...base, instantiation: { name: "(logger)", args: [], ending: lg.end, log: [], logCount: 0 } };
  }
  store.register("fuzzing-support", logger);
  const sub = tryInstantiate(store, bytes);
  const instantiation: CallRecord = { name: "(instantiate)", args: [], ending: sub.end, ...drainLog(logger) };
  const s = sub.instance;
  if (s === null) return { ...base, instantiation };
  store.register("subject", s);
  const funcExports = m.exports.filter((e) => e.kind === "func");
  const hasHangLimit = funcExports.some((e) => e.name === "hangLimitInitializer");
  const calls: CallRecord[] = [];
  for (let i = 0; i < funcExports.length; i++) {
    const e = funcExports[i];
    const type = m.types[m.funcs[e.index]];
    const args = argumentsFor(type, (seed * 7919 + i) | 0);
    if (hasHangLimit && e.name !== "hangLimitInitializer") ending(() => s.invoke("hangLimitInitializer", []));
    const end = ending(() => s.invoke(e.name, args));
    calls.push({ name: e.name, args, ending: end, ...drainLog(logger) });
    if (end.kind === "exhausted" || end.kind === "crash") break;
  }
  const memories = m.exports
    .filter((e) => e.kind === "memory")
    .map((e) => {
      const reader = store.instantiate(helpers.reader(e.name));
      const pages = i32(reader.invoke("pages", [])[0]);
      const hashes: string[] = [];
      for (let p = 0; p < pages; p++)
        hashes.push(hex(reader.invoke("hash", [{ type: "i32", value: p }])[0], null));
      return { name: e.name, pages: hashes };
    });
  const globals = m.exports
    .filter((e) => e.kind === "global")
    .map((e) => ({ name: e.name, value: ending(() => [s.getGlobal(e.name)]) }));
  return { ...base, instantiation, calls, memories, globals };
}
