/**
 * The Wasm 2.0 opcode table. One row per instruction gives its text-format name, the kind of
 * its immediates and, for the many instructions whose typing is a fixed signature, the operand
 * types it pops and pushes. The function validator decodes immediates and checks simple
 * instructions from this table alone; the IR printer and explorer use it for names.
 *
 * Opcode numbering: a single-byte instruction is its byte (0x00-0xFB); a prefixed one is
 * `prefix << 8 | sub`, so 0xFC-prefixed instructions are `0xFC00 | sub` and SIMD instructions
 * `0xFD00 | sub`. Every Wasm 2.0 sub-opcode is below 0x100, so the numbers never collide.
 */
import { SIMD_GROUPS } from "./opcodes-simd.js";
import { ValType } from "./types.js";

/** Kinds of immediate operands an instruction carries. */
export const Imm = {
  /** No immediates. */
  None: 0,
  /** A block type: empty, one value type or a type index (s33). */
  Block: 1,
  /** A label depth. */
  Label: 2,
  /** A vector of label depths and a default depth. */
  BrTable: 3,
  /** A function index. */
  Func: 4,
  /** A type index and a table index. */
  CallIndirect: 5,
  /** A local index. */
  Local: 6,
  /** A global index. */
  Global: 7,
  /** A table index. */
  Table: 8,
  /** An element segment index. */
  Elem: 9,
  /** An element segment index, then a table index (`table.init`). */
  TableInit: 10,
  /** Destination and source table indices (`table.copy`). */
  TableCopy: 11,
  /** A reference type byte (`ref.null`). */
  RefType: 12,
  /** A vector of value types (typed `select`). */
  SelectT: 13,
  /** A memory argument: alignment exponent and offset. */
  MemArg: 14,
  /** A reserved zero byte standing for memory 0. */
  Memory: 15,
  /** A data segment index, then a reserved zero byte (`memory.init`). */
  DataMemory: 16,
  /** A data segment index. */
  Data: 17,
  /** Two reserved zero bytes (`memory.copy`). */
  MemoryMemory: 18,
  /** A signed LEB128 i32. */
  I32: 19,
  /** A signed LEB128 i64. */
  I64: 20,
  /** The 4 bytes of an f32. */
  F32: 21,
  /** The 8 bytes of an f64. */
  F64: 22,
  /** The 16 bytes of a v128. */
  V128: 23,
  /** 16 lane indices, each below 32 (`i8x16.shuffle`). */
  Shuffle: 24,
  /** One lane index byte. */
  Lane: 25,
  /** A memory argument, then a lane index byte. */
  MemArgLane: 26,
} as const;

/** A kind of immediate operands. */
export type ImmKind = (typeof Imm)[keyof typeof Imm];

/** The name of an immediate kind, as written in the rows of the table. */
export type ImmName = "none" | Uncapitalize<keyof typeof Imm>;

/**
 * Rows of the table: `[first opcode, names, signature, immediates, argument]` for a run of
 * consecutive opcodes sharing a signature and immediate kind. `names` is space-separated, `-`
 * skipping an unassigned opcode. `signature` is `pops:pushes` over the letters i (i32), l (i64),
 * f (f32), d (f64) and v (v128), or `*` for an instruction the validator types with its own
 * code. `argument` is the natural alignment exponent for memory accesses, or the lane count
 * for lane instructions (for `memArgLane` both follow from the alignment).
 */
export type OpGroup = readonly [number, string, string, ImmName?, number?];

/** What the table knows about one instruction. */
export interface OpInfo {
  /** The opcode number (see the module comment for the numbering). */
  readonly code: number;
  /** The text-format name, such as `i32.add` or `v128.load8_lane`. */
  readonly name: string;
  /** The kind of immediates that follow the opcode. */
  readonly imm: ImmKind;
  /** True when the validator types this instruction with dedicated code, not `pops`/`pushes`. */
  readonly special: boolean;
  /** Operand types popped, deepest first (empty for special instructions). */
  readonly pops: readonly ValType[];
  /** Result types pushed, deepest first (empty for special instructions). */
  readonly pushes: readonly ValType[];
  /** Natural alignment exponent (log2 of the access size in bytes) of a memory access, else -1. */
  readonly align: number;
  /** Exclusive bound of a lane index immediate, else 0. */
  readonly lanes: number;
}

/** Single-byte instructions (including the reference-type ones at 0xD0-0xD2). */
const CORE_GROUPS: readonly OpGroup[] = [
  [0x00, "unreachable", "*"],
  [0x01, "nop", ":"],
  [0x02, "block loop if", "*", "block"],
  [0x05, "else", "*"],
  [0x0b, "end", "*"],
  [0x0c, "br br_if", "*", "label"],
  [0x0e, "br_table", "*", "brTable"],
  [0x0f, "return", "*"],
  [0x10, "call", "*", "func"],
  [0x11, "call_indirect", "*", "callIndirect"],
  [0x1a, "drop select", "*"],
  [0x1c, "select", "*", "selectT"],
  [0x20, "local.get local.set local.tee", "*", "local"],
  [0x23, "global.get global.set", "*", "global"],
  [0x25, "table.get table.set", "*", "table"],
  [0x28, "i32.load", "i:i", "memArg", 2],
  [0x29, "i64.load", "i:l", "memArg", 3],
  [0x2a, "f32.load", "i:f", "memArg", 2],
  [0x2b, "f64.load", "i:d", "memArg", 3],
  [0x2c, "i32.load8_s i32.load8_u", "i:i", "memArg", 0],
  [0x2e, "i32.load16_s i32.load16_u", "i:i", "memArg", 1],
  [0x30, "i64.load8_s i64.load8_u", "i:l", "memArg", 0],
  [0x32, "i64.load16_s i64.load16_u", "i:l", "memArg", 1],
  [0x34, "i64.load32_s i64.load32_u", "i:l", "memArg", 2],
  [0x36, "i32.store", "ii:", "memArg", 2],
  [0x37, "i64.store", "il:", "memArg", 3],
  [0x38, "f32.store", "if:", "memArg", 2],
  [0x39, "f64.store", "id:", "memArg", 3],
  [0x3a, "i32.store8", "ii:", "memArg", 0],
  [0x3b, "i32.store16", "ii:", "memArg", 1],
  [0x3c, "i64.store8", "il:", "memArg", 0],
  [0x3d, "i64.store16", "il:", "memArg", 1],
  [0x3e, "i64.store32", "il:", "memArg", 2],
  [0x3f, "memory.size", ":i", "memory"],
  [0x40, "memory.grow", "i:i", "memory"],
  [0x41, "i32.const", ":i", "i32"],
  [0x42, "i64.const", ":l", "i64"],
  [0x43, "f32.const", ":f", "f32"],
  [0x44, "f64.const", ":d", "f64"],
  [0x45, "i32.eqz", "i:i"],
  [0x46, "i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u", "ii:i"],
  [0x50, "i64.eqz", "l:i"],
  [0x51, "i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u", "ll:i"],
  [0x5b, "f32.eq f32.ne f32.lt f32.gt f32.le f32.ge", "ff:i"],
  [0x61, "f64.eq f64.ne f64.lt f64.gt f64.le f64.ge", "dd:i"],
  [0x67, "i32.clz i32.ctz i32.popcnt", "i:i"],
  [
    0x6a,
    "i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u " +
      "i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr",
    "ii:i",
  ],
  [0x79, "i64.clz i64.ctz i64.popcnt", "l:l"],
  [
    0x7c,
    "i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u " +
      "i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr",
    "ll:l",
  ],
  [0x8b, "f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt", "f:f"],
  [0x92, "f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign", "ff:f"],
  [0x99, "f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt", "d:d"],
  [0xa0, "f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign", "dd:d"],
  [0xa7, "i32.wrap_i64", "l:i"],
  [0xa8, "i32.trunc_f32_s i32.trunc_f32_u", "f:i"],
  [0xaa, "i32.trunc_f64_s i32.trunc_f64_u", "d:i"],
  [0xac, "i64.extend_i32_s i64.extend_i32_u", "i:l"],
  [0xae, "i64.trunc_f32_s i64.trunc_f32_u", "f:l"],
  [0xb0, "i64.trunc_f64_s i64.trunc_f64_u", "d:l"],
  [0xb2, "f32.convert_i32_s f32.convert_i32_u", "i:f"],
  [0xb4, "f32.convert_i64_s f32.convert_i64_u", "l:f"],
  [0xb6, "f32.demote_f64", "d:f"],
  [0xb7, "f64.convert_i32_s f64.convert_i32_u", "i:d"],
  [0xb9, "f64.convert_i64_s f64.convert_i64_u", "l:d"],
  [0xbb, "f64.promote_f32", "f:d"],
  [0xbc, "i32.reinterpret_f32", "f:i"],
  [0xbd, "i64.reinterpret_f64", "d:l"],
  [0xbe, "f32.reinterpret_i32", "i:f"],
  [0xbf, "f64.reinterpret_i64", "l:d"],
  [0xc0, "i32.extend8_s i32.extend16_s", "i:i"],
  [0xc2, "i64.extend8_s i64.extend16_s i64.extend32_s", "l:l"],
  [0xd0, "ref.null", "*", "refType"],
  [0xd1, "ref.is_null", "*"],
  [0xd2, "ref.func", "*", "func"],
];

/** Instructions behind the 0xFC prefix: saturating truncation, bulk memory and table ops. */
const FC_GROUPS: readonly OpGroup[] = [
  [0x00, "i32.trunc_sat_f32_s i32.trunc_sat_f32_u", "f:i"],
  [0x02, "i32.trunc_sat_f64_s i32.trunc_sat_f64_u", "d:i"],
  [0x04, "i64.trunc_sat_f32_s i64.trunc_sat_f32_u", "f:l"],
  [0x06, "i64.trunc_sat_f64_s i64.trunc_sat_f64_u", "d:l"],
  [0x08, "memory.init", "iii:", "dataMemory"],
  [0x09, "data.drop", ":", "data"],
  [0x0a, "memory.copy", "iii:", "memoryMemory"],
  [0x0b, "memory.fill", "iii:", "memory"],
  [0x0c, "table.init", "iii:", "tableInit"],
  [0x0d, "elem.drop", ":", "elem"],
  [0x0e, "table.copy", "iii:", "tableCopy"],
  [0x0f, "table.grow", "*", "table"],
  [0x10, "table.size", ":i", "table"],
  [0x11, "table.fill", "*", "table"],
];

/** Opcodes of the control and other instructions the validator handles with its own code. */
export const Op = {
  Unreachable: 0x00,
  Block: 0x02,
  Loop: 0x03,
  If: 0x04,
  Else: 0x05,
  End: 0x0b,
  Br: 0x0c,
  BrIf: 0x0d,
  BrTable: 0x0e,
  Return: 0x0f,
  Call: 0x10,
  CallIndirect: 0x11,
  Drop: 0x1a,
  Select: 0x1b,
  SelectT: 0x1c,
  LocalGet: 0x20,
  LocalSet: 0x21,
  LocalTee: 0x22,
  GlobalGet: 0x23,
  GlobalSet: 0x24,
  TableGet: 0x25,
  TableSet: 0x26,
  RefNull: 0xd0,
  RefIsNull: 0xd1,
  RefFunc: 0xd2,
  TableGrow: 0xfc0f,
  TableFill: 0xfc11,
} as const;

/** Number of slots in the dense lookup table: 256 single-byte, 256 0xFC and 256 0xFD opcodes. */
const OPCODE_SLOTS = 0x300;

/**
 * Slot of an opcode in the dense table returned by `opcodeTable()`: single bytes map to
 * themselves, `0xFCxx` to 0x100 + xx and `0xFDxx` to 0x200 + xx; -1 for any other number.
 */
export function opcodeSlot(op: number): number {
  if (op >= 0 && op < 0xfc) return op;
  const prefix = op >>> 8;
  const sub = op & 0xff;
  if (prefix === 0xfc) return 0x100 | sub;
  if (prefix === 0xfd) return 0x200 | sub;
  return -1;
}

const SIG_LETTERS: Readonly<Record<string, ValType>> = {
  i: ValType.I32,
  l: ValType.I64,
  f: ValType.F32,
  d: ValType.F64,
  v: ValType.V128,
};

function parseTypes(letters: string, where: string): ValType[] {
  const out: ValType[] = [];
  for (const c of letters) {
    const t = SIG_LETTERS[c];
    if (t === undefined) throw new Error(`opcode table: bad signature letter '${c}' in ${where}`);
    out.push(t);
  }
  return out;
}

function buildTable(): (OpInfo | undefined)[] {
  const table: (OpInfo | undefined)[] = new Array(OPCODE_SLOTS).fill(undefined);
  const add = (prefix: number, groups: readonly OpGroup[]): void => {
    for (const [first, names, sig, immName = "none", arg = -1] of groups) {
      const immKey = (immName.charAt(0).toUpperCase() + immName.slice(1)) as keyof typeof Imm;
      const imm = Imm[immKey];
      const special = sig === "*";
      const [popLetters = "", pushLetters = ""] = special ? [] : sig.split(":");
      let sub = first;
      for (const name of names.split(" ")) {
        const code = prefix === 0 ? sub : (prefix << 8) | sub;
        sub++;
        if (name === "-") continue;
        const isMem = imm === Imm.MemArg || imm === Imm.MemArgLane;
        table[opcodeSlot(code)] = {
          code,
          name,
          imm,
          special,
          pops: parseTypes(popLetters, name),
          pushes: parseTypes(pushLetters, name),
          align: isMem ? arg : -1,
          lanes: imm === Imm.Lane ? arg : imm === Imm.MemArgLane ? 16 >> arg : 0,
        };
      }
    }
  };
  add(0, CORE_GROUPS);
  add(0xfc, FC_GROUPS);
  add(0xfd, SIMD_GROUPS);
  return table;
}

const TABLE = buildTable();

/** Every Wasm 2.0 instruction, in opcode order. */
export const OPCODES: readonly OpInfo[] = TABLE.filter((info): info is OpInfo => info !== undefined);

/**
 * The dense lookup table: entry `opcodeSlot(op)` is the instruction's info, or undefined for an
 * unassigned opcode. The validator indexes it directly in its decoding loop.
 */
export function opcodeTable(): readonly (OpInfo | undefined)[] {
  return TABLE;
}

/** The instruction with opcode number `op`, or undefined when no Wasm 2.0 instruction has it. */
export function opcodeInfo(op: number): OpInfo | undefined {
  const slot = opcodeSlot(op);
  return slot < 0 ? undefined : TABLE[slot];
}

/** How an opcode number is written in messages: `0x6a`, `0xfc 0x08`, `0xfd 0x54`. */
export function opcodeHex(op: number): string {
  if (op < 0x100) return `0x${op.toString(16).padStart(2, "0")}`;
  return `0x${(op >>> 8).toString(16)} 0x${(op & 0xff).toString(16).padStart(2, "0")}`;
}

/** The text-format name of an opcode (`i32.add`, `i8x16.shuffle`), or `<illegal 0x..>` if unassigned. */
export function opcodeName(op: number): string {
  return opcodeInfo(op)?.name ?? `<illegal ${opcodeHex(op)}>`;
}
