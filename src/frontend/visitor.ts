/**
 * The hook through which code that consumes function bodies (the IR lowering) runs in the same
 * single pass as validation: `validateFunction` calls a `FuncVisitor` after each instruction
 * has been decoded and validated, passing its immediates in one reused `Immediates` object.
 */
import type { FuncType, ValType } from "./types.js";

/** The operand type reported when a value was popped from the polymorphic stack of dead code. */
export const UNKNOWN_TYPE = 0;

/** A value type, or `UNKNOWN_TYPE` where unreachable code leaves it undetermined. */
export type OperandType = ValType | typeof UNKNOWN_TYPE;

const EMPTY_TYPE: FuncType = { params: [], results: [] };

/**
 * The decoded immediates of the current instruction. One object is reused for every
 * instruction of a function, so a visitor must copy out whatever it keeps. Only the fields
 * that apply to the current opcode are meaningful; the others hold stale values.
 *
 * Fields by instruction:
 * - `block`/`loop`/`if`: `blockType` (resolved; its params are the block's inputs).
 * - `else`/`end`: `blockType` of the construct being continued or closed; `fallthrough` tells
 *   whether the end of the code before it is reachable (false after `br`, `unreachable`, ...).
 * - `br`/`br_if`: `index` = label depth. `br_table`: `targets[0..targetCount)` and `index` =
 *   the default depth.
 * - `call`/`ref.func`: `index` = function index. `call_indirect`: `index` = type index, `index2`
 *   = table index.
 * - `local.*`, `global.*`: `index`. `table.get/set/size/grow/fill`: `index` = table.
 *   `table.init`: `index` = element segment, `index2` = table. `table.copy`: `index` = the
 *   destination table, `index2` = the source. `elem.drop`: `index` = element segment.
 * - `memory.init`/`data.drop`: `index` = data segment. Other memory instructions: `index` = 0.
 * - Loads and stores (including SIMD): `align` (log2 of the byte alignment), `offset` (u32),
 *   and `lane` for the `*_lane` forms. `extract_lane`/`replace_lane`: `lane`.
 * - `i32.const`: `lo` (signed). `i64.const`: `lo`, `hi` = the low and high halves (each as a
 *   signed 32-bit number). `f32.const`: `lo` = the bits; `f64.const`: `lo`, `hi` = the halves of
 *   the bits (unsigned 32-bit numbers, as `Reader.fixed32`/`fixed64` return them).
 * - `v128.const`: `v128` = the 16 bytes; `i8x16.shuffle`: `v128` = the 16 lane indices.
 * - `select` (both forms), `drop`, `ref.is_null`: `valType` = the type of the value(s) popped
 *   (`UNKNOWN_TYPE` only in unreachable code). `ref.null`: `valType` = its reference type.
 */
export class Immediates {
  /** Main index or depth, see the class comment. */
  index = 0;
  /** Second index, see the class comment. */
  index2 = 0;
  /** Memory access alignment exponent. */
  align = 0;
  /** Memory access offset (unsigned 32-bit). */
  offset = 0;
  /** Lane index. */
  lane = 0;
  /** Constant: the i32 value, the f32 bits, or the low half of an i64/f64. */
  lo = 0;
  /** Constant: the high half of an i64/f64. */
  hi = 0;
  /** The bytes of a `v128.const` or the lane indices of an `i8x16.shuffle`. */
  readonly v128 = new Uint8Array(16);
  /** `br_table` target depths; only the first `targetCount` entries are meaningful. */
  targets = new Uint32Array(16);
  /** Number of `br_table` targets, the default excluded. */
  targetCount = 0;
  /** The block type of `block`/`loop`/`if`, or of the construct an `else`/`end` belongs to. */
  blockType: FuncType = EMPTY_TYPE;
  /** Operand or reference type, see the class comment. */
  valType: OperandType = UNKNOWN_TYPE;
  /** For `else`/`end`: whether control can fall through from the preceding instruction. */
  fallthrough = false;
}

/** Receives a function's instructions as they are validated. */
export interface FuncVisitor {
  /** Called before the first instruction with the function's signature and declared locals. */
  beginFunction(funcIndex: number, type: FuncType, locals: readonly ValType[]): void;
  /**
   * Called after each instruction is decoded and validated, the function's final `end`
   * included (it is the last call). `op` is the opcode number (see `opcodes.ts`), `offset` the
   * byte offset of the instruction in the module. `reachable` is false for dead code: code
   * after an unconditional branch in the same block, and everything inside a construct that
   * begins in dead code. For `else` and `end` it tells whether the construct itself is live.
   */
  instruction(op: number, imm: Immediates, offset: number, reachable: boolean): void;
}
