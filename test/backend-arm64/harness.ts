/**
 * Test-only helpers for the arm64 assembler: capstone-wasm (AArch64) for checking encodings,
 * the case types, and hex formatting. capstone-wasm ships without a licence file, so only tests
 * import it (its types are declared in test/backend-amd64/capstone-wasm.d.ts).
 */
import { Capstone, Const, loadCapstone } from "capstone-wasm";
import type { Assembler } from "../../src/backend-arm64/assembler.js";

let instance: Capstone | null = null;

/** Loads the capstone wasm module once and returns an AArch64 disassembler. */
export async function capstone(): Promise<Capstone> {
  if (instance === null) {
    await loadCapstone();
    instance = new Capstone(Const.CS_ARCH_ARM64, Const.CS_MODE_ARM);
  }
  return instance;
}

function imm(n: bigint): string {
  if (n >= -9n && n <= 9n) return `#${n}`;
  return n < 0n ? `#-0x${(-n).toString(16)}` : `#0x${n.toString(16)}`;
}

/**
 * Normalises capstone's text for comparison with the assembler's listing (which follows
 * llvm-mc). Every rewrite:
 *  1. `mnemonic + " " + opStr`, trimmed (no trailing space for `ret`, `nop`).
 *  2. A negative post-index offset of a single-register load/store, which capstone 5 prints as
 *     an unsigned 64-bit number (`ldr x0, [x1], #0xfffffffffffffff8`), becomes signed (`#-8`).
 *  3. 64-bit `ands`/`tst`, which capstone prints unlike and/orr/eor: the bitmask immediate
 *     signed (`tst x0, #-0x10`) becomes unsigned, the register shift amount in hex
 *     (`tst x0, x1, lsl #0x1d`) becomes decimal.
 *  4. `mov wN, #imm` of a negative 32-bit value, which capstone sign-extends to 64 bits
 *     (`mov w0, #-0xffffffff80000000` for movz w0, #0x8000, lsl #16), is read as 32 bits
 *     (`#-0x80000000`).
 * Nothing else is rewritten.
 */
export function normalise(mnemonic: string, opStr: string): string {
  let t = `${mnemonic} ${opStr}`.trim();
  t = t.replace(/\], #0x([0-9a-f]{16})$/, (_, h: string) => `], ${imm(BigInt.asIntN(64, BigInt(`0x${h}`)))}`);
  if ((mnemonic === "ands" || mnemonic === "tst") && /^x(\d+|zr)\b/.test(opStr)) {
    if (/(lsl|lsr|asr|ror) #\S+$/.test(t))
      t = t.replace(/#(0x[0-9a-f]+|\d+)$/, (_, v: string) => `#${Number(v)}`);
    else {
      t = t.replace(/#(-?)(0x[0-9a-f]+|\d+)$/, (_, neg: string, v: string) =>
        imm(BigInt.asUintN(64, neg === "-" ? -BigInt(v) : BigInt(v))),
      );
    }
  }
  if (mnemonic === "mov" && /^w\d+, #-0x[0-9a-f]{9,}$/.test(opStr)) {
    t = t.replace(/#-0x([0-9a-f]+)$/, (_, v: string) => imm(BigInt.asIntN(32, -BigInt(`0x${v}`))));
  }
  return t;
}

/** Decodes whole words at address 0; an undecodable word gives `"(undecodable)"`. */
export function disassemble(cs: Capstone, bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (let at = 0; at < bytes.length; at += 4) {
    let text = "(undecodable)";
    try {
      const insns = cs.disasm(bytes.subarray(at, at + 4), { address: at });
      if (insns.length === 1) text = normalise(insns[0]!.mnemonic, insns[0]!.opStr);
    } catch {
      // capstone-wasm throws when it decodes nothing at all.
    }
    out.push(text);
  }
  return out;
}

/** Lower-case hex of bytes in memory order (each instruction word little-endian). */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** The little-endian bytes of one instruction word. */
export function wordBytes(w: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, w, true);
  return b;
}

/** An assembler case: the call, the expected hex and the expected text ("; " between instructions). */
export type Case = readonly [(a: Assembler) => void, string, string];

/** A pure-encoder case: the encoder, its arguments, the expected hex and text. */
export interface EncCase {
  /** The encoder (its `name` is what the coverage check looks for). */
  readonly fn: (...args: never[]) => number;
  /** Calls the encoder with the case's arguments. */
  readonly call: () => number;
  /** Expected little-endian hex. */
  readonly hex: string;
  /** Expected capstone text. */
  readonly text: string;
}

/** Builds an `EncCase` with the arguments type-checked against the encoder's parameters. */
export function enc<A extends unknown[]>(
  fn: (...args: A) => number,
  args: A,
  hexText: string,
  text: string,
): EncCase {
  return { fn: fn as unknown as (...args: never[]) => number, call: () => fn(...args), hex: hexText, text };
}
