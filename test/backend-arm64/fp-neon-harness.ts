/**
 * Test-only helpers for the arm64 scalar FP and NEON encoders: capstone-wasm as an arm64
 * disassembler, the encoder namespace the cases call, a recording view of it (which encoders
 * and which operations the cases used), and the case type. capstone-wasm ships without a
 * licence file, so only tests import it.
 */
import { Capstone, Const, loadCapstone } from "capstone-wasm";
import * as fp from "../../src/backend-arm64/enc-fp.js";
import * as arith from "../../src/backend-arm64/enc-neon-arith.js";
import * as compare from "../../src/backend-arm64/enc-neon-compare.js";
import * as imm from "../../src/backend-arm64/enc-neon-imm.js";
import * as lanes from "../../src/backend-arm64/enc-neon-lanes.js";
import * as mem from "../../src/backend-arm64/enc-neon-mem.js";
import * as widen from "../../src/backend-arm64/enc-neon-widen.js";

/** The encoder modules, by file name. */
export const MODULES = {
  "enc-fp": fp,
  "enc-neon-arith": arith,
  "enc-neon-compare": compare,
  "enc-neon-imm": imm,
  "enc-neon-lanes": lanes,
  "enc-neon-mem": mem,
  "enc-neon-widen": widen,
} as const;

/** Every encoder, as one namespace. */
export type Encoders = typeof fp &
  typeof arith &
  typeof compare &
  typeof imm &
  typeof lanes &
  typeof mem &
  typeof widen;

/** An encoding case: the call, the expected word (8 hex digits) and capstone's text. */
export type Case = readonly [(e: Encoders) => number, string, string];

/** Exported functions that are not encoders (tested on their own). */
export const NOT_ENCODERS: ReadonlySet<string> = new Set(["fpImm8", "constantMove"]);

let instance: Capstone | null = null;

/** Loads capstone once and returns an arm64 disassembler. */
export async function capstone(): Promise<Capstone> {
  if (instance === null) {
    await loadCapstone();
    instance = new Capstone(Const.CS_ARCH_ARM64, Const.CS_MODE_ARM);
  }
  return instance;
}

/** The little-endian bytes of an instruction word. */
export function bytesOf(word: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, word, true);
  return out;
}

/**
 * capstone's text for one instruction word (`mnemonic operands`, trimmed), or null when it does
 * not decode exactly one 4-byte instruction. Nothing is rewritten.
 */
export function disassemble(cs: Capstone, word: number): string | null {
  let insns: ReturnType<Capstone["disasm"]>;
  try {
    insns = cs.disasm(bytesOf(word), { address: 0 });
  } catch {
    // capstone-wasm throws when it decodes nothing.
    return null;
  }
  if (insns.length !== 1 || insns[0]!.size !== 4) return null;
  return `${insns[0]!.mnemonic} ${insns[0]!.opStr}`.trim();
}

/** An instruction word as 8 lower-case hex digits (the Arm ARM's notation). */
export function hex(word: number): string {
  return word.toString(16).padStart(8, "0");
}

/** What the cases used: encoder names, and for encoders taking an operation name first, the operations. */
export interface Usage {
  /** Encoder name → the operation names passed as first argument (empty for encoders without one). */
  readonly calls: Map<string, Set<string>>;
}

/** A view of every encoder that records each call into `usage`. */
export function recording(usage: Usage): Encoders {
  const all: Record<string, unknown> = {};
  for (const mod of Object.values(MODULES)) Object.assign(all, mod);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(all)) {
    if (typeof value !== "function") continue;
    const fn = value as (...args: unknown[]) => unknown;
    out[name] = (...args: unknown[]) => {
      let ops = usage.calls.get(name);
      if (ops === undefined) {
        ops = new Set();
        usage.calls.set(name, ops);
      }
      if (typeof args[0] === "string") ops.add(args[0]);
      return fn(...args);
    };
  }
  return out as unknown as Encoders;
}
