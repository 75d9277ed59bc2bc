/**
 * Test-only helpers: capstone-wasm (x86-64, Intel syntax) for checking the assembler's encodings,
 * the case type, hex formatting, and the encoding-form and addressing-mode classifiers used by
 * the coverage checks. capstone-wasm ships without a licence file, so only tests
 * import it.
 */
import { Capstone, Const, loadCapstone } from "capstone-wasm";
import type { Assembler, Mem } from "../../src/backend-amd64/index.js";

/** One decoded instruction. */
export interface Decoded {
  /** Normalised `mnemonic operands` text. */
  readonly text: string;
  /** Bytes consumed. */
  readonly size: number;
}

let instance: Capstone | null = null;

/** Loads the capstone wasm module once and returns an x86-64 disassembler. */
export async function capstone(): Promise<Capstone> {
  if (instance === null) {
    await loadCapstone();
    instance = new Capstone(Const.CS_ARCH_X86, Const.CS_MODE_64);
  }
  return instance;
}

/**
 * Normalises capstone's text for comparison with the assembler's printer. Every rewrite:
 *  1. `mnemonic + " " + opStr`, trimmed: capstone leaves a trailing space when there are no
 *     operands (`ret `).
 *  2. `comisd xmm, xmmword ptr [...]` becomes `qword ptr`: capstone 5.0 prints the wrong memory
 *     width for COMISD m64 (it is right for ucomisd, comiss and ucomiss; llvm-mc agrees on qword).
 * Nothing else is rewritten: numbers, register names and spacing are compared exactly.
 */
export function normalise(mnemonic: string, opStr: string): string {
  let text = `${mnemonic} ${opStr}`.trim();
  if (mnemonic === "comisd") text = text.replace("xmmword ptr", "qword ptr");
  return text;
}

/** Decodes all of `bytes` (address 0); stops early at undecodable bytes. */
export function disassemble(cs: Capstone, bytes: Uint8Array): Decoded[] {
  if (bytes.length === 0) return [];
  let insns: ReturnType<Capstone["disasm"]>;
  try {
    insns = cs.disasm(bytes, { address: 0 });
  } catch {
    // capstone-wasm throws when it decodes nothing at all.
    return [];
  }
  return insns.map((i) => ({ text: normalise(i.mnemonic, i.opStr), size: i.size }));
}

/** Lower-case hex without separators. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** An encoding case: the call, the expected hex and the expected Intel text ("; " between instructions). */
export type Case = readonly [(a: Assembler) => void, string, string];

const NO_MODRM_1BYTE = new Set([
  0x04, 0x05, 0x0c, 0x0d, 0x14, 0x15, 0x1c, 0x1d, 0x24, 0x25, 0x2c, 0x2d, 0x34, 0x35, 0x3c, 0x3d, 0x68, 0x6a,
  0x90, 0x99, 0xa4, 0xa8, 0xa9, 0xaa, 0xc3, 0xcc, 0xe8, 0xe9, 0xeb, 0xfc, 0xfd,
]);
const GROUPS_1BYTE = new Set([
  0x80, 0x81, 0x83, 0x8f, 0xc0, 0xc1, 0xc6, 0xc7, 0xd0, 0xd1, 0xd2, 0xd3, 0xf6, 0xf7, 0xfe, 0xff,
]);
const GROUPS_0F = new Set([0x1f, 0x71, 0x72, 0x73]);

function h2(b: number): string {
  return b.toString(16).padStart(2, "0");
}

/**
 * The encoding form of the first instruction in `bytes`, independent of register numbers and
 * addresses: prefixes (66/F2/F3), REX.W as `W`, escape map, opcode (with `+r` for register-in-
 * opcode forms and `+cc` for condition codes), `/digit` for group opcodes, and `r`/`m` for a
 * register or memory r/m operand. VEX instructions give `vex`, pp, map, W, vector length, opcode.
 * Examples: `W 01 r`, `66 0f38 00 m`, `vex 66 0f 73/7 128 r`.
 */
export function encodingForm(bytes: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  while (bytes[i] === 0x66 || bytes[i] === 0xf2 || bytes[i] === 0xf3) parts.push(h2(bytes[i++]!));
  let map = "";
  let opcode: number;
  if (bytes[i] === 0xc4 || bytes[i] === 0xc5) {
    let mmmmm = 1;
    let w = false;
    let last: number;
    if (bytes[i] === 0xc5) {
      last = bytes[i + 1]!;
      i += 2;
    } else {
      mmmmm = bytes[i + 1]! & 0x1f;
      last = bytes[i + 2]!;
      w = (last & 0x80) !== 0;
      i += 3;
    }
    map = ["", "0f", "0f38", "0f3a"][mmmmm]!;
    opcode = bytes[i++]!;
    const pp = ["", "66", "f3", "f2"][last & 3]!;
    const head = ["vex", pp, map, w ? "W" : ""].filter((p) => p !== "").join(" ");
    if (map === "0f" && opcode === 0x77) return `${head} 77`;
    const modrm = bytes[i]!;
    const digit = map === "0f" && GROUPS_0F.has(opcode) ? `/${(modrm >> 3) & 7}` : "";
    return `${head} ${h2(opcode)}${digit} ${(last & 4) !== 0 ? 256 : 128} ${modrm >> 6 === 3 ? "r" : "m"}`;
  }
  if (bytes[i]! >= 0x40 && bytes[i]! <= 0x4f) {
    if ((bytes[i]! & 8) !== 0) parts.push("W");
    i++;
  }
  if (bytes[i] === 0x0f) {
    i++;
    if (bytes[i] === 0x38 || bytes[i] === 0x3a) map = `0f${h2(bytes[i++]!)}`;
    else map = "0f";
  }
  if (map !== "") parts.push(map);
  opcode = bytes[i++]!;
  let hasModrm = true;
  let op = h2(opcode);
  if (map === "") {
    if (opcode >= 0x70 && opcode <= 0x7f) [op, hasModrm] = ["70+cc", false];
    else if (opcode >= 0xb0 && opcode <= 0xbf) [op, hasModrm] = [opcode < 0xb8 ? "b0+r" : "b8+r", false];
    else if (opcode >= 0x50 && opcode <= 0x5f) [op, hasModrm] = [opcode < 0x58 ? "50+r" : "58+r", false];
    else if (NO_MODRM_1BYTE.has(opcode)) hasModrm = false;
  } else if (map === "0f") {
    if (opcode >= 0x80 && opcode <= 0x8f) [op, hasModrm] = ["80+cc", false];
    else if (opcode >= 0xc8 && opcode <= 0xcf) [op, hasModrm] = ["c8+r", false];
    else if (opcode >= 0x90 && opcode <= 0x9f) op = "90+cc";
    else if (opcode >= 0x40 && opcode <= 0x4f) op = "40+cc";
    else if (opcode === 0x0b) hasModrm = false;
  }
  if (hasModrm) {
    const modrm = bytes[i]!;
    const group = (map === "" && GROUPS_1BYTE.has(opcode)) || (map === "0f" && GROUPS_0F.has(opcode));
    if (group) op += `/${(modrm >> 3) & 7}`;
    parts.push(op, modrm >> 6 === 3 ? "r" : "m");
  } else {
    parts.push(op);
  }
  return parts.join(" ");
}

/**
 * Addressing-mode tags of a memory operand, for checking that the cases exercise every ModRM/SIB
 * path of the encoder (SIB for rsp/r12 bases, forced disp8 for rbp/r13, no-base SIB, RIP, ...).
 */
export function addressingTags(m: Mem): string[] {
  if (m.label !== null) return ["rip"];
  if (m.base === null) return m.index === null ? ["absolute"] : ["no base + index", `scale ${m.scale}`];
  const tags: string[] = [];
  const low = m.base.num & 7;
  if (low === 4) tags.push(m.base.num === 4 ? "rsp base (SIB)" : "r12 base (SIB)");
  if (low === 5 && m.disp === 0)
    tags.push(m.base.num === 5 ? "rbp base, disp 0 (disp8)" : "r13 base, disp 0 (disp8)");
  if (m.base.num >= 8) tags.push("extended base (REX.B)");
  tags.push(m.disp === 0 ? "disp 0" : m.disp >= -128 && m.disp <= 127 ? "disp8" : "disp32");
  if (m.index !== null) {
    tags.push("base + index", `scale ${m.scale}`);
    if (m.index.num >= 8) tags.push("extended index (REX.X)");
  }
  return tags;
}

/** Every tag `addressingTags` can give; the cases must show each one. */
export const ADDRESSING_TAGS: readonly string[] = [
  "rip",
  "absolute",
  "no base + index",
  "rsp base (SIB)",
  "r12 base (SIB)",
  "rbp base, disp 0 (disp8)",
  "r13 base, disp 0 (disp8)",
  "extended base (REX.B)",
  "extended index (REX.X)",
  "disp 0",
  "disp8",
  "disp32",
  "base + index",
  "scale 1",
  "scale 2",
  "scale 4",
  "scale 8",
];
