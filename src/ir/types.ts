/**
 * Kiln's register IR: functions of basic blocks in SSA form with block parameters (as in
 * Cranelift and wazero), over typed virtual registers. Every engine consumes it: the backends
 * select machine instructions from it, and the interpreter encodes it into its own compact form.
 *
 * Operation numbers: an operation that is a pure wasm instruction (numeric, conversion, SIMD,
 * memory, table, global, reference and call instructions) keeps its wasm opcode number, with
 * prefixed opcodes numbered `0xFC00 | sub` and `0xFD00 | sub`, so the semantics of each is the
 * wasm specification's. Control flow is not an operation: it lives in block terminators.
 * Operations that can trap (memory and table accesses, which are bounds-checked; integer
 * division; trapping conversions; `call_indirect`'s checks; calls) are listed by `opMayTrap` in
 * `ops.ts`, and a trap reports the operation's `offset`.
 */

/** IR value types. */
export const Ty = {
  I32: 0,
  I64: 1,
  F32: 2,
  F64: 3,
  V128: 4,
  FuncRef: 5,
  ExternRef: 6,
} as const;

/** An IR value type. */
export type Ty = (typeof Ty)[keyof typeof Ty];

const tyNames = ["i32", "i64", "f32", "f64", "v128", "funcref", "externref"] as const;

/** The text name of an IR type. */
export function tyName(t: Ty): string {
  return tyNames[t];
}

/**
 * One operation. It defines the virtual registers in `results` from those in `args`.
 *
 * Immediates, by operation family:
 * - `i32.const`: `a` = value; `f32.const`: `a` = bits; `i64.const`/`f64.const`: `a` = low half,
 *   `b` = high half; `v128.const` and `i8x16.shuffle`: `bytes`.
 * - loads and stores: `a` = static offset, `b` = log2 of the alignment; lane loads/stores also `c` = lane.
 * - `extract_lane`/`replace_lane`: `a` = lane.
 * - `global.get`/`global.set`: `a` = global index. `ref.func`: `a` = function index.
 *   `ref.null`: `a` = the `Ty` of the null reference.
 * - `call`: `a` = function index. `call_indirect`: `a` = type index, `b` = table index, and the
 *   last arg is the table slot.
 * - `select`: always op 0x1B (the typed wasm form 0x1C is lowered to it); args are the two
 *   values then the i32 condition, and the result register's type is the selected values' type.
 * - table ops: `a` = table index (`table.copy`: `a` = destination, `b` = source; `table.init`:
 *   `a` = table, `b` = element segment); `elem.drop`: `a` = segment. `memory.init`/`data.drop`:
 *   `a` = data segment.
 */
export interface Inst {
  /** Operation number (see the module comment). */
  readonly op: number;
  /** Virtual registers this operation defines. */
  readonly results: readonly number[];
  /** Virtual registers this operation reads. */
  readonly args: readonly number[];
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly bytes: Uint8Array | null;
  /** Byte offset of the originating wasm instruction in the module (for traps and stack traces). */
  readonly offset: number;
}

/** An edge to a block, passing values for its parameters. */
export interface BlockCall {
  readonly block: number;
  readonly args: readonly number[];
}

/** How a block ends. */
export type Terminator =
  | { readonly kind: "jump"; readonly target: BlockCall }
  | { readonly kind: "brif"; readonly cond: number; readonly then: BlockCall; readonly else: BlockCall }
  | {
      readonly kind: "brtable";
      readonly index: number;
      readonly targets: readonly BlockCall[];
      readonly default: BlockCall;
    }
  | { readonly kind: "return"; readonly args: readonly number[] }
  | { readonly kind: "unreachable"; readonly offset: number };

/** A basic block: parameters, straight-line operations and one terminator. */
export interface Block {
  readonly id: number;
  readonly params: readonly number[];
  readonly insts: readonly Inst[];
  readonly term: Terminator;
  /**
   * True for the target of a wasm `loop`'s back edges: engines check for interruption (deadline,
   * abort signal) when they enter it.
   */
  readonly loopHeader: boolean;
}

/**
 * A function in IR form. Block 0 is the entry; its parameters are the function's parameters.
 *
 * Invariants (checked by `verifier.ts`): block ids equal their positions; every block is
 * reachable from the entry, which has no predecessors; registers are numbered densely and each
 * is defined exactly once, before (dominating) all its uses; block calls match their target's
 * parameter count and types. Functions from `FuncBuilder` list blocks in source order and number
 * registers in order of definition. A `brtable` may reuse one `BlockCall` object for several
 * entries with the same target and arguments.
 */
export interface Func {
  /** Function index in the module's index space. */
  readonly index: number;
  /** Name from the `name` section, or null. */
  readonly name: string | null;
  readonly params: readonly Ty[];
  readonly results: readonly Ty[];
  /** Type of every virtual register, indexed by register number. */
  readonly vregTypes: readonly Ty[];
  readonly blocks: readonly Block[];
}
