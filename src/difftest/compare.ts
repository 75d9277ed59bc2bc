/**
 * Compares the records of one module on two engines and lists every divergence. Values compare
 * bit for bit, except NaNs: two NaNs of the same type agree when both are arithmetic (quiet) or
 * both are not, as the spec leaves the sign and payload of arithmetic results open (v128 lanes
 * are compared both as f32x4 and as f64x2, and agree if either view agrees). Traps compare by
 * kind (`traps.ts`). When either engine exhausted its stack in a call, that call and everything
 * after it (later calls, final memory and globals) is not compared, since the engines' stack
 * limits differ. A module an engine declines as unsupported (a feature it does not have yet) is
 * not compared; `isUnsupported` tells those apart so callers can count them.
 */
import type { Value } from "../spec/values.js";
import type { CallRecord, Ending, LogEntry, ModuleRecord } from "./run.js";

function f32Agree(a: number, b: number): boolean {
  if (a === b) return true;
  const nanA = (a & 0x7f800000) === 0x7f800000 && (a & 0x7fffff) !== 0;
  const nanB = (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
  return nanA && nanB && (a & 0x400000) === (b & 0x400000);
}

function f64Agree(alo: number, ahi: number, blo: number, bhi: number): boolean {
  if (alo === blo && ahi === bhi) return true;
  const nan = (lo: number, hi: number): boolean =>
    (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0;
  return nan(alo, ahi) && nan(blo, bhi) && (ahi & 0x80000) === (bhi & 0x80000);
}

function v128Agree(a: Uint8Array, b: Uint8Array): boolean {
  const da = new DataView(a.buffer, a.byteOffset, 16);
  const db = new DataView(b.buffer, b.byteOffset, 16);
  let asF32 = true;
  let asF64 = true;
  for (let i = 0; i < 16; i += 4) asF32 &&= f32Agree(da.getUint32(i, true), db.getUint32(i, true));
  for (let i = 0; i < 16; i += 8) {
    asF64 &&= f64Agree(
      da.getUint32(i, true),
      da.getUint32(i + 4, true),
      db.getUint32(i, true),
      db.getUint32(i + 4, true),
    );
  }
  return asF32 || asF64;
}

/** True when two values agree (NaNs by class). */
export function valuesAgree(a: Value, b: Value): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case "i32":
      return a.value === (b as typeof a).value;
    case "i64": {
      const c = b as typeof a;
      return a.lo >>> 0 === c.lo >>> 0 && a.hi >>> 0 === c.hi >>> 0;
    }
    case "f32":
      return f32Agree(a.bits >>> 0, (b as typeof a).bits >>> 0);
    case "f64": {
      const c = b as typeof a;
      return f64Agree(a.lo >>> 0, a.hi >>> 0, c.lo >>> 0, c.hi >>> 0);
    }
    case "v128":
      return v128Agree(a.bytes, (b as typeof a).bytes);
    case "funcref":
      return (a.ref === null) === ((b as typeof a).ref === null);
    case "externref":
      return a.ref === (b as typeof a).ref;
  }
}

/** A value as text for reports. */
export function showValue(v: Value): string {
  switch (v.type) {
    case "i32":
      return `i32 ${v.value}`;
    case "i64":
    case "f64":
      return `${v.type} 0x${(v.hi >>> 0).toString(16).padStart(8, "0")}${(v.lo >>> 0).toString(16).padStart(8, "0")}`;
    case "f32":
      return `f32 0x${(v.bits >>> 0).toString(16).padStart(8, "0")}`;
    case "v128":
      return `v128 0x${[...v.bytes].map((x) => x.toString(16).padStart(2, "0")).join("")}`;
    case "funcref":
      return v.ref === null ? "funcref null" : "funcref <func>";
    case "externref":
      return `externref ${v.ref}`;
  }
}

/** An ending as text for reports. */
export function showEnding(e: Ending): string {
  switch (e.kind) {
    case "ok":
      return `returned [${e.values.map(showValue).join(", ")}]`;
    case "trap":
      return `trapped (${e.trap}: ${e.message})`;
    case "exhausted":
      return "exhausted the stack";
    default:
      return `${e.kind}: ${e.message}`;
  }
}

function endingsAgree(a: Ending, b: Ending): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "ok" && b.kind === "ok") {
    return a.values.length === b.values.length && a.values.every((v, i) => valuesAgree(v, b.values[i]));
  }
  if (a.kind === "trap" && b.kind === "trap") return a.trap === b.trap;
  return a.kind !== "crash";
}

function entryAgrees(a: LogEntry, b: LogEntry): boolean {
  if (a.type !== b.type) return false;
  if (a.bits === b.bits) return true;
  const n = (s: string, from: number, to: number): number => Number.parseInt(s.slice(from, to), 16);
  switch (a.type) {
    case "f32":
      return f32Agree(n(a.bits, 0, 8), n(b.bits, 0, 8));
    case "f64":
      return f64Agree(n(a.bits, 8, 16), n(a.bits, 0, 8), n(b.bits, 8, 16), n(b.bits, 0, 8));
    case "v128": {
      const bytes = (s: string): Uint8Array =>
        Uint8Array.from({ length: 16 }, (_, i) => n(s, 30 - 2 * i, 32 - 2 * i));
      return v128Agree(bytes(a.bits), bytes(b.bits));
    }
    default:
      return false;
  }
}

function compareCall(where: string, a: CallRecord, b: CallRecord, out: string[]): void {
  if (!endingsAgree(a.ending, b.ending)) {
    out.push(`${where}: ${a.name}: ${showEnding(a.ending)} vs ${showEnding(b.ending)}`);
  }
  if (a.logCount !== b.logCount) out.push(`${where}: ${a.name}: ${a.logCount} log calls vs ${b.logCount}`);
  const n = Math.min(a.log.length, b.log.length);
  for (let i = 0; i < n; i++) {
    if (!entryAgrees(a.log[i], b.log[i])) {
      out.push(
        `${where}: ${a.name}: log call ${i}: log-${a.log[i].type} ${a.log[i].bits} vs log-${b.log[i].type} ${b.log[i].bits}`,
      );
      break;
    }
  }
}

/** The divergences between `a` and `b` (records of one module), as readable lines. */
export function compareRecords(a: ModuleRecord, b: ModuleRecord): string[] {
  const out: string[] = [];
  if (a.instantiation.ending.kind === "unsupported" || b.instantiation.ending.kind === "unsupported")
    return out;
  const where = `${a.engine} vs ${b.engine}`;
  compareCall(where, a.instantiation, b.instantiation, out);
  if (a.instantiation.ending.kind !== "ok" || b.instantiation.ending.kind !== "ok") return out;
  const n = Math.min(a.calls.length, b.calls.length);
  for (let i = 0; i < n; i++) {
    const ea = a.calls[i].ending.kind;
    const eb = b.calls[i].ending.kind;
    if (ea === "exhausted" || eb === "exhausted") return out;
    compareCall(where, a.calls[i], b.calls[i], out);
    if (ea === "crash" || eb === "crash") return out;
  }
  if (a.calls.length !== b.calls.length) out.push(`${where}: ${a.calls.length} calls vs ${b.calls.length}`);
  for (const ma of a.memories) {
    const mb = b.memories.find((m) => m.name === ma.name);
    if (mb === undefined) continue;
    if (ma.pages.length !== mb.pages.length) {
      out.push(`${where}: memory "${ma.name}": ${ma.pages.length} pages vs ${mb.pages.length}`);
    }
    const p = ma.pages.findIndex((h, i) => i < mb.pages.length && h !== mb.pages[i]);
    if (p >= 0) out.push(`${where}: memory "${ma.name}": page ${p} differs`);
  }
  for (const ga of a.globals) {
    const gb = b.globals.find((g) => g.name === ga.name);
    if (gb !== undefined && !endingsAgree(ga.value, gb.value)) {
      out.push(`${where}: global "${ga.name}": ${showEnding(ga.value)} vs ${showEnding(gb.value)}`);
    }
  }
  return out;
}

/** True when the engine of `r` declined the module as using a feature it does not support yet. */
export function isUnsupported(r: ModuleRecord): boolean {
  return r.instantiation.ending.kind === "unsupported";
}
