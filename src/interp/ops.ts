/**
 * The interpreter's internal operation numbers. Pure wasm operations keep their wasm opcode
 * (single-byte ones as they are; `0xFC00 | sub` becomes `0xE0 + sub`; SIMD `0xFD00 | sub` becomes
 * `0x100 + sub`), except that operations differing only in the type of bits they move share one
 * number (f32 loads/stores and consts use the i32 ones, f64 the i64 ones, reinterpretations are
 * moves). The free numbers below 0x100 hold the interpreter's own operations: moves, jumps,
 * calls, and width-specific variants of `select` and `global.get`/`global.set`.
 *
 * Every encoded instruction is `[op, ...result slots, ...argument slots, ...immediates]` (see
 * `encode.ts` for the exceptions: calls, branches, returns). The dispatch loop in `exec.ts`
 * writes these numbers as literals so V8 can build a jump table: keep both in sync.
 */
export const Op = {
  /** `[]` trap "unreachable". */
  Unreachable: 0x00,
  /** `[dst, src]` copy 1 slot. */
  Mov1: 0x02,
  /** `[dst, src]` copy 2 slots. */
  Mov2: 0x03,
  /** `[dst, src]` copy 4 slots. */
  Mov4: 0x04,
  /** `[dst, src]` copy a reference. */
  MovRef: 0x05,
  /** `[target]` jump. */
  Jmp: 0x06,
  /** `[cond, target]` jump when the i32 `cond` is not zero. */
  BrNz: 0x07,
  /** `[cond, target]` jump when the i32 `cond` is zero. */
  BrZ: 0x08,
  /** `[]` leave the dispatch loop (end of an entry trampoline). */
  Halt: 0x09,
  /** `[index, n, target * n, default]` */
  BrTable: 0x0e,
  /** `[n, src * n]` return; the caller's result list gives destinations and widths. */
  Return: 0x0f,
  /** `[func, nargs, (src, calleeSlot, width) * nargs, nres, (dst, width) * nres]` */
  Call: 0x10,
  /** `[typeId, table, slot, nargs, (src, calleeSlot, width) * nargs, nres, (dst, width) * nres]` */
  CallIndirect: 0x11,
  /** `[dst, global]` */
  GlobalGet1: 0x20,
  /** `[dst, global]` */
  GlobalGet2: 0x21,
  /** `[dst, global]` */
  GlobalGet4: 0x22,
  /** `[dst, global]` */
  GlobalGetRef: 0x23,
  /** `[src, global]` */
  GlobalSet1: 0x24,
  /** `[src, global]` */
  GlobalSet2: 0x27,
  /** `[src, global]` */
  GlobalSet4: 0x12,
  /** `[src, global]` */
  GlobalSetRef: 0x13,
  /** `[dst, w0, w1, w2, w3]` */
  V128Const: 0x14,
  /** `[a, b, target]` jump when the i32 comparison holds (`BrEq` + k for the k-th of `Cmp`). */
  BrEq: 0xc5,
  /** `[a, imm, target]` jump when the comparison with an immediate holds (`BrEqImm` + k). */
  BrEqImm: 0xd3,
  /** `[dst, a, imm]` i32 operation with an immediate right operand (`AddImm` + k, see `IMM_OPS`). */
  AddImm: 0xf2,
  /** `[dst, a, b, cond]` */
  Select1: 0x1b,
  /** `[dst, a, b, cond]` */
  Select2: 0x1c,
  /** `[dst, a, b, cond]` */
  Select4: 0x1d,
  /** `[dst, a, b, cond]` */
  SelectRef: 0x1e,
  /** `[dst, index, table]` */
  TableGet: 0x25,
  /** `[index, value, table]` */
  TableSet: 0x26,
  /** `[dst, value]` */
  I32Const: 0x41,
  /** `[dst, lo, hi]` */
  I64Const: 0x42,
  /** First of the 0xFC operations (`0xE0 + sub`). */
  PrefixFC: 0xe0,
  /** First of the SIMD operations (`0x100 + sub`). */
  PrefixFD: 0x100,
} as const;

/**
 * The i32 comparisons in the order of the fused branch operations: the wasm opcodes `i32.eq`
 * (0x46) to `i32.ge_u` (0x4f), so a comparison's position is `opcode - 0x46`.
 */
export const CMP_COUNT = 10;

/** The comparison that holds exactly when comparison `k` (see `CMP_COUNT`) does not. */
export const CMP_NEGATED = [1, 0, 8, 9, 6, 7, 4, 5, 2, 3];

/** The comparison `k` with its operands swapped (`a < b` is `b > a`). */
export const CMP_SWAPPED = [0, 1, 4, 5, 2, 3, 8, 9, 6, 7];

/** Wasm i32 binary operations that have an immediate form, in the order of their operations. */
export const IMM_OPS = [0x6a, 0x6c, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76];

/** Width codes of values in the register file: slots taken, or 0 for a reference. */
export const Width = { Ref: 0, W1: 1, W2: 2, W4: 4 } as const;
