/**
 * The IR's text form, for golden tests, debugging and the explorer that shows wasm, IR and
 * machine code side by side:
 *
 * ```
 * func 2 "fac" (v0: i64) -> (i64)
 * block0(v0: i64):
 *   v1:i32 = i64.eqz v0
 *   brif v1, block1, block2
 * block1:
 *   v2:i64 = i64.const 1
 *   jump block3(v2)
 * ```
 *
 * Operations print as `results = name immediates args`, with wasm names for wasm-numbered
 * operations and immediates in wasm text style (`offset=`, `align=`, lanes, indices).
 */
import { opImmKind, opName, opNaturalAlign } from "./ops.js";
import type { BlockCall, Func, Inst, Terminator } from "./types.js";
import { Ty, tyName } from "./types.js";

/** Printing options. */
export interface PrintOptions {
  /** Append each operation's wasm byte offset as a `; @0x...` comment (default false). */
  readonly offsets?: boolean;
}

const hex = (n: number, width = 0): string => `0x${(n >>> 0).toString(16).padStart(width, "0")}`;

/** A 64-bit integer given as two 32-bit halves, in signed decimal when exact, else in hex. */
function i64Text(lo: number, hi: number): string {
  const h = hi | 0;
  if (h >= -0x200000 && h < 0x200000) return String(h * 0x1_0000_0000 + (lo >>> 0));
  return `0x${(hi >>> 0).toString(16)}${(lo >>> 0).toString(16).padStart(8, "0")}`;
}

const floatBuf = new DataView(new ArrayBuffer(8));

function floatText(value: number, negative: boolean, nanPayload: string): string {
  if (Number.isNaN(value)) return `${negative ? "-" : ""}nan:${nanPayload}`;
  if (value === 0 && negative) return "-0";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return String(value);
}

/** An f32 given by its bits, as a decimal that round-trips (NaNs with their payload). */
function f32Text(bits: number): string {
  floatBuf.setUint32(0, bits >>> 0, true);
  return floatText(floatBuf.getFloat32(0, true), bits >>> 31 === 1, hex(bits & 0x7fffff));
}

/** An f64 given by its two halves, as a decimal that round-trips (NaNs with their payload). */
function f64Text(lo: number, hi: number): string {
  floatBuf.setUint32(0, lo >>> 0, true);
  floatBuf.setUint32(4, hi >>> 0, true);
  const payload = (hi & 0xfffff) * 0x1_0000_0000 + (lo >>> 0);
  return floatText(floatBuf.getFloat64(0, true), hi >>> 31 === 1, `0x${payload.toString(16)}`);
}

/** The 16 bytes of a v128 as four little-endian i32 lanes in hex. */
function v128Text(bytes: Uint8Array): string {
  const lanes: string[] = [];
  for (let i = 0; i < 16; i += 4) {
    const v = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    lanes.push(hex(v, 8));
  }
  return `i32x4 ${lanes.join(" ")}`;
}

/** The immediates of `inst` in text form (empty when it has none). */
export function immText(inst: Inst): string {
  const kind = opImmKind(inst.op);
  switch (kind) {
    case "i32":
      return String(inst.a | 0);
    case "i64":
      return i64Text(inst.a, inst.b);
    case "f32":
      return f32Text(inst.a);
    case "f64":
      return f64Text(inst.a, inst.b);
    case "v128":
      return inst.bytes === null ? "<no bytes>" : v128Text(inst.bytes);
    case "shuffle":
      return inst.bytes === null ? "<no bytes>" : Array.from(inst.bytes).join(" ");
    case "memarg":
    case "memargLane": {
      const parts: string[] = [];
      if (inst.a !== 0) parts.push(`offset=${inst.a >>> 0}`);
      if (inst.b !== opNaturalAlign(inst.op)) parts.push(`align=${2 ** inst.b}`);
      if (kind === "memargLane") parts.push(String(inst.c));
      return parts.join(" ");
    }
    case "lane":
    case "index":
      return String(inst.a);
    case "refType":
      return tyName(inst.a === Ty.ExternRef ? Ty.ExternRef : Ty.FuncRef);
    case "callIndirect":
      return `type=${inst.a} table=${inst.b}`;
    case "twoIndices":
      return `${inst.a} ${inst.b}`;
    case "none":
      return "";
  }
}

function regs(vs: readonly number[]): string {
  return vs.map((v) => `v${v}`).join(", ");
}

function callText(c: BlockCall): string {
  return c.args.length === 0 ? `block${c.block}` : `block${c.block}(${regs(c.args)})`;
}

function termText(t: Terminator): string {
  switch (t.kind) {
    case "jump":
      return `jump ${callText(t.target)}`;
    case "brif":
      return `brif v${t.cond}, ${callText(t.then)}, ${callText(t.else)}`;
    case "brtable":
      return `brtable v${t.index}, [${t.targets.map(callText).join(", ")}], ${callText(t.default)}`;
    case "return":
      return t.args.length === 0 ? "return" : `return ${regs(t.args)}`;
    case "unreachable":
      return "unreachable";
  }
}

/** One operation as a line of text (without indentation). */
export function instText(f: Func, inst: Inst): string {
  const lhs = inst.results.map((r) => `v${r}:${tyName(f.vregTypes[r] ?? Ty.I32)}`).join(", ");
  const parts = [opName(inst.op)];
  const imm = immText(inst);
  if (imm !== "") parts.push(imm);
  if (inst.args.length > 0) parts.push(regs(inst.args));
  const rhs = parts.join(" ");
  return lhs === "" ? rhs : `${lhs} = ${rhs}`;
}

/** The whole function in text form, one line per block header, operation and terminator. */
export function printFunc(f: Func, options: PrintOptions = {}): string {
  const ty = (v: number): string => tyName(f.vregTypes[v] ?? Ty.I32);
  const entryParams = f.blocks[0]?.params ?? [];
  const sigParams = f.params.map((t, i) => {
    const v = entryParams[i];
    return v === undefined ? tyName(t) : `v${v}: ${tyName(t)}`;
  });
  const name = f.name === null ? "" : ` ${JSON.stringify(f.name)}`;
  const lines = [`func ${f.index}${name} (${sigParams.join(", ")}) -> (${f.results.map(tyName).join(", ")})`];
  for (const blk of f.blocks) {
    const params = blk.params.length === 0 ? "" : `(${blk.params.map((p) => `v${p}: ${ty(p)}`).join(", ")})`;
    lines.push(`block${blk.id}${params}:${blk.loopHeader ? " ; loop header" : ""}`);
    for (const inst of blk.insts) {
      const at = options.offsets ? ` ; @${hex(inst.offset)}` : "";
      lines.push(`  ${instText(f, inst)}${at}`);
    }
    const t = blk.term;
    const at = options.offsets && t.kind === "unreachable" ? ` ; @${hex(t.offset)}` : "";
    lines.push(`  ${termText(t)}${at}`);
  }
  return `${lines.join("\n")}\n`;
}
