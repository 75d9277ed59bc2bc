/**
 * The explorer: renders functions of a module as text, with their wasm instructions, their IR
 * (with the wasm offset of every operation) and, for `asm`, their machine code (x86-64 or arm64:
 * the explorer cross-compiles, it never runs the code) grouped by the IR operation it was
 * generated for. Addresses are offsets from the function's start, so the
 * output does not depend on where the code would be mapped.
 */
import { Amd64Backend, type CodeMark } from "../backend-amd64/compile.js";
import { Arm64Backend } from "../backend-arm64/compile.js";
import { CompileError } from "../errors.js";
import { compileModule } from "../frontend/index.js";
import type { Module } from "../frontend/types.js";
import { printFunc } from "../ir/printer.js";
import type { Func } from "../ir/types.js";
import { wasmOps } from "./wasm-ops.js";

/** What to show. */
export type Emit = "ir" | "asm";

/** The target architectures the explorer can show code for. */
export type Arch = "x64" | "arm64";

/** One instruction or data directive of a listing (the same shape for every target). */
interface ListingLine {
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly text: string;
}

/** A module's code with its listing and where each function's parts begin. */
interface ModuleListing {
  readonly code: Uint8Array;
  readonly entryOffsets: readonly number[];
  readonly bodyOffsets: readonly number[];
  readonly listing: readonly ListingLine[];
  readonly marks: readonly (readonly CodeMark[])[];
}

/** A second disassembler to cross-check the assembler's printer against (see `capstone.ts`). */
export type Disassembler = (bytes: Uint8Array, address: number) => string | null;

/** Explorer options. */
export interface ExploreOptions {
  /** `ir`: wasm and IR; `asm`: also the machine code. */
  readonly emit: Emit;
  /** Only this function: an index, or an export or `name` section name; null for all. */
  readonly func: string | null;
  /** When given, each machine instruction it prints differently is annotated with its text. */
  readonly disassembler?: Disassembler | null;
  /** The target of `asm` (default x64). */
  readonly arch?: Arch;
}

const hex = (n: number, width: number): string => `0x${n.toString(16).padStart(width, "0")}`;

/** The defined functions selected by `selector` (all when null); throws `CompileError` when none is. */
function selectFuncs(module: Module, funcs: readonly Func[], selector: string | null): Func[] {
  if (selector === null) return [...funcs];
  let index = -1;
  if (/^\d+$/.test(selector)) index = Number(selector);
  else {
    const exp = module.exports.find((e) => e.kind === "func" && e.name === selector);
    if (exp !== undefined) index = exp.index;
    else for (const [i, name] of module.names.functionNames) if (name === selector) index = i;
  }
  const f = funcs[index - module.numImportedFuncs];
  if (f === undefined) {
    const why =
      index < 0 ? "no function named" : index < module.numImportedFuncs ? "imported function" : "no function";
    throw new CompileError(
      `${why} '${selector}' (defined functions: ${module.numImportedFuncs}..${module.numImportedFuncs + funcs.length - 1})`,
    );
  }
  return [f];
}

/** The printer's lines of `f`, split per block: header, operations, terminator. */
function irLines(f: Func): { header: string; blocks: { header: string; insts: string[]; term: string }[] } {
  const lines = printFunc(f, { offsets: true }).trimEnd().split("\n");
  let at = 1;
  const blocks = f.blocks.map((b) => {
    const header = lines[at++];
    const insts = lines.slice(at, at + b.insts.length);
    at += b.insts.length;
    return { header, insts, term: lines[at++] };
  });
  return { header: lines[0], blocks };
}

/**
 * Branch, call and address instructions whose last operand is a code offset: x86-64 `jcc`/`call`,
 * A64 `b`, `b.cc`, `bl`, `cbz`/`cbnz`, `tbz`/`tbnz` and `adr` (capstone's `#` before the number).
 */
const TARGETED = /^(j\w+|call|b|b\.\w+|bl|cbn?z|tbn?z|adr)( (?:[^,]+, )*)#?(0x[0-9a-f]+|\d)$/;

/** Rewrites a branch or call target to be relative to the function (or to name the function called). */
function relocate(text: string, start: number, end: number, bodies: readonly number[]): string {
  const m = TARGETED.exec(text);
  if (m === null) return text;
  const target = Number(m[3]);
  const callee = bodies.indexOf(target);
  if ((m[1] === "call" || m[1] === "bl") && callee >= 0) return `${m[1]} <func ${callee}>`;
  if (target >= start && target < end) return `${m[1]}${m[2]}+${hex(target - start, 4)}`;
  return `${m[1]}${m[2]}<code ${hex(target, 4)}>`;
}

interface AsmContext {
  readonly code: ModuleListing;
  readonly start: number;
  readonly end: number;
  readonly disassembler: Disassembler | null;
}

function asmLine(cx: AsmContext, line: ListingLine): string {
  const bytes = Array.from(line.bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
  const text = relocate(line.text, cx.start, cx.end, cx.code.bodyOffsets);
  let out = `    +${hex(line.offset - cx.start, 4)}  ${bytes.padEnd(30)} ${text}`;
  if (cx.disassembler !== null && !line.text.startsWith(".")) {
    const other = cx.disassembler(line.bytes, line.offset);
    if (other !== line.text) out += `    ; capstone: ${other ?? "(undecodable)"}`;
  }
  return out.trimEnd();
}

function renderAsm(
  f: Func,
  cx: AsmContext,
  marks: readonly CodeMark[],
  ops: Map<number, string>,
  arch: Arch,
): string[] {
  const ir = irLines(f);
  const out = [`;; ${arch} machine code (offsets from the function's start)`];
  const lines = cx.code.listing.filter((l) => l.offset >= cx.start && l.offset < cx.end);
  marks.forEach((mark, i) => {
    const to = marks[i + 1]?.offset ?? cx.end;
    const group = lines.filter((l) => l.offset >= mark.offset && l.offset < to);
    const b = ir.blocks[mark.block];
    if (mark.block < 0) out.push("  ; prologue");
    else if (b === undefined) out.push("  ; out-of-line code");
    else if (mark.inst < 0) out.push(`  ${b.header}`);
    else {
      const irText = mark.inst < b.insts.length ? b.insts[mark.inst] : b.term;
      const inst = f.blocks[mark.block].insts[mark.inst];
      const wasm = inst === undefined ? undefined : ops.get(inst.offset);
      out.push(`  ${irText}${wasm === undefined ? "" : ` (${wasm})`}`);
    }
    for (const l of group) out.push(asmLine(cx, l));
  });
  return out;
}

/** Renders the functions of `bytes` (a wasm binary) selected by `options`; throws `CompileError`. */
export function explore(bytes: Uint8Array, options: ExploreOptions): string {
  const { module, funcs } = compileModule(bytes);
  const selected = selectFuncs(module, funcs, options.func);
  let code: ModuleListing | null = null;
  if (options.emit === "asm") {
    const env = { typeIds: module.types.map((_, i) => i), instanceId: 0 };
    code =
      options.arch === "arm64"
        ? new Arm64Backend().compileListing(module, funcs, env)
        : new Amd64Backend({ popcnt: true, avx: false }).compileListing(module, funcs, env);
  }
  const parts: string[] = [];
  for (const f of selected) {
    const ops = wasmOps(module, f.index);
    const out = [`;; wasm`];
    for (const op of ops) out.push(`  ${hex(op.offset, 4)}  ${op.text}`);
    out.push(";; ir", printFunc(f, { offsets: true }).trimEnd());
    if (code !== null) {
      const start = code.bodyOffsets[f.index];
      const later = [...code.bodyOffsets, ...code.entryOffsets, code.code.length].filter((o) => o > start);
      const cx: AsmContext = {
        code,
        start,
        end: Math.min(...later),
        disassembler: options.disassembler ?? null,
      };
      const names = new Map(ops.map((o) => [o.offset, o.text]));
      out.push(
        ...renderAsm(f, cx, code.marks[f.index - module.numImportedFuncs], names, options.arch ?? "x64"),
      );
    }
    const name = f.name === null ? "" : ` "${f.name}"`;
    parts.push(`;;; function ${f.index}${name}\n${out.join("\n")}\n`);
  }
  return parts.join("\n");
}
