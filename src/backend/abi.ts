/**
 * The compiled-code ABI shared by every backend and the runtime glue (see `README.md`): the
 * runtime area of the context, trap kinds, and what each exit's operands mean. The native
 * exit codes themselves are `ExitCode` in `src/native/abi.ts`.
 */
import { ContextOffset } from "../native/abi.js";

/** Offsets in the context's runtime area. */
export const CompiledContext = {
  /** VALUE_SLOTS slots: entry arguments/results and host-call operands/results. */
  values: ContextOffset.runtimeArea,

  /** GLOBAL_SLOTS slots: the instance's first globals (the others are in the overflow area). */
  globals: 0x800,
  /**
   * u32: how many more wasm functions may start before the call depth limit (`maxCallDepth`):
   * every function's prologue subtracts 1 (exiting with STACK_EXHAUSTED when it was 0) and its
   * return adds 1 back.
   */
  callBudget: 0xf60,
  /** u64: address of the value slots from VALUE_SLOTS on (slot `VALUE_SLOTS + k` at `+16*k`). */
  overflowValues: 0xf68,
  /** u64: address of the global slots from GLOBAL_SLOTS on (global `GLOBAL_SLOTS + k` at `+16*k`). */
  overflowGlobals: 0xf70,
  /**
   * NATIVE_TABLES entries of 16 bytes: table `t`'s mirror base address (u64) at `0xf80 + 16*t`,
   * its length in elements (u32) at `+ 8`.
   */
  tables: 0xf80,
} as const;

/**
 * Bytes per value slot: in the value area, the global area, argument/result areas and spill
 * slots, every value takes 16 bytes (a v128 needs them; scalars use the low 8).
 */
export const SLOT_BYTES = 16;

/** Number of value slots in the context; operands from this index on live in the overflow area. */
export const VALUE_SLOTS = (CompiledContext.globals - CompiledContext.values) / SLOT_BYTES;

/** Tables (by index) whose mirrors the context describes; `call_indirect` on others uses the helper. */
export const NATIVE_TABLES = 8;

/**
 * Bytes per table mirror entry: the callee's code address (u64), its type id (u32) and the id of
 * its instance (u32; 0 when the element cannot be called natively: null, host functions,
 * functions of engines other than the compiler).
 */
export const TABLE_ENTRY_BYTES = 16;

/** Number of global slots in the context; globals from this index on live in the overflow area. */
export const GLOBAL_SLOTS = (CompiledContext.callBudget - CompiledContext.globals) / SLOT_BYTES;

/**
 * Exit code of a runtime helper call: an operation implemented in TypeScript (bulk memory, table
 * and reference operations, `call_indirect` for now). Exit argument 0 = the IR operation number,
 * 1 and 2 = its immediates `a` and `b`, 3 = its wasm offset; the operands are in the value area, and the helper leaves
 * the results there before the resume.
 */
export const HELPER_EXIT = 16;

/**
 * IR operations the runtime can run as helpers: `call_indirect`, `table.get`/`table.set`,
 * `ref.func`, `memory.init` to `table.fill`, and every SIMD operation but `v128.const`. A
 * backend compiles some of them natively and calls the helper for the rest.
 */
export function hasRuntimeHelper(op: number): boolean {
  if (op >= 0xfd00 && op <= 0xfdff) return op !== 0xfd0c;
  return op === 0x11 || op === 0x25 || op === 0x26 || op === 0xd2 || (op >= 0xfc08 && op <= 0xfc11);
}

/** Trap kinds (exit argument 0 of a TRAP exit); exit argument 1 is the wasm byte offset. */
export const TrapKind = {
  unreachable: 0,
  memoryOutOfBounds: 1,
  divideByZero: 2,
  integerOverflow: 3,
  invalidConversion: 4,
  undefinedElement: 5,
  uninitializedElement: 6,
  indirectCallTypeMismatch: 7,
} as const;

/** A trap kind. */
export type TrapKind = (typeof TrapKind)[keyof typeof TrapKind];

/** The spec's message for each trap kind, by kind. */
export const trapMessages: readonly string[] = [
  "unreachable",
  "out of bounds memory access",
  "integer divide by zero",
  "integer overflow",
  "invalid conversion to integer",
  "undefined element",
  "uninitialized element",
  "indirect call type mismatch",
];
