/**
 * Lowering of validated wasm function bodies to Kiln's IR, as a `FuncVisitor` that runs in the
 * validator's single pass over the bytes.
 *
 * SSA form is built directly (Braun et al., see `ir/ssa.ts`): wasm locals are the variables;
 * values on the wasm operand stack are IR registers already, and where control flow joins they
 * travel as block arguments. Control constructs map to blocks:
 * - `block`: its code continues in the current IR block; branches to it and its end join in a
 *   new block whose parameters are the block's results (made only when something branches there).
 * - `loop`: a new header block (parameters: the loop's inputs), flagged `loopHeader` and sealed
 *   at the loop's `end`, when all its back edges are known.
 * - `if`: `brif` to a then block and an else block; both arms jump to a join block whose
 *   parameters are the results. Without an `else` the false edge goes straight to the join.
 * - `br`/`return` become `jump`/`return`, `br_if` a `brif` to the target and a fresh block,
 *   `br_table` a `brtable`; the function's own label is a return (a shared return block serves
 *   conditional branches to it).
 * Code after an unconditional branch is dead and is skipped (only its nesting is tracked); so
 * is code after a construct whose end no path reaches.
 */
import { type EdgeCall, FuncBuilder, type Imms } from "../ir/builder.js";
import { tyOfValType } from "../ir/ops.js";
import { SsaBuilder } from "../ir/ssa.js";
import type { Func } from "../ir/types.js";
import { Ty } from "../ir/types.js";
import { lowerOperation } from "./lower-ops.js";
import { Op } from "./opcodes.js";
import type { FuncType, Module, ValType } from "./types.js";
import type { FuncVisitor, Immediates } from "./visitor.js";

const FrameKind = { Func: 0, Block: 1, Loop: 2, If: 3, Else: 4 } as const;
type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** One open control construct. */
interface Frame {
  kind: FrameKind;
  /** True when the construct began in dead code: no IR is made for it. */
  readonly dead: boolean;
  /** Operand stack height below the construct's inputs. */
  readonly height: number;
  readonly params: readonly Ty[];
  readonly results: readonly Ty[];
  /** Block that branches to this label enter: the loop header or the join block (-1: function). */
  readonly label: number;
  /**
   * `if` only: the block ending in the `brif`, the else block, and the brif's edge into it
   * (redirected to the join when there is no `else`).
   */
  origin: number;
  elseBlock: number;
  elseEdge: EdgeCall | null;
  /** `if` only: the input values, which the else arm starts from again. */
  inputs: readonly number[];
}

/** The IR types of a block type's inputs and results. */
interface BlockTys {
  readonly params: readonly Ty[];
  readonly results: readonly Ty[];
}

const NO_VALUES: readonly number[] = [];

function frame(
  kind: FrameKind,
  dead: boolean,
  height: number,
  label: number,
  params: readonly Ty[],
  results: readonly Ty[],
): Frame {
  return {
    kind,
    dead,
    height,
    params,
    results,
    label,
    origin: -1,
    elseBlock: -1,
    elseEdge: null,
    inputs: NO_VALUES,
  };
}

const tysOf = (ts: readonly ValType[]): Ty[] => ts.map(tyOfValType);

/** Builds the IR of one function from the validator's instruction stream. */
export class FuncLowerer implements FuncVisitor {
  /** The module the function belongs to (sections before the code section are complete). */
  readonly module: Module;
  private fb: FuncBuilder | null = null;
  private ssa: SsaBuilder | null = null;
  private result: Func | null = null;
  /** The IR block being filled, or -1 in dead code. */
  private cur = -1;
  /** The wasm operand stack, as registers (meaningful in live code only). */
  readonly stack: number[] = [];
  private readonly frames: Frame[] = [];
  /** Shared block that returns its parameters, for conditional branches to the function's label. */
  private retBlock = -1;
  /** Zero constants hoisted to the entry, by IR type, for locals read before any write. */
  private zeros: number[] = [];
  private firstOffset = 0;
  private readonly blockTypes = new Map<FuncType, BlockTys>();

  private readonly onFunction: ((f: Func) => void) | undefined;

  /**
   * Lowers functions of `module`; `onFunction` receives each one as its final `end` is visited
   * (one lowerer can be reused for every function of a module).
   */
  constructor(module: Module, onFunction?: (f: Func) => void) {
    this.module = module;
    this.onFunction = onFunction;
  }

  /** Starts a function (see `FuncVisitor`). */
  beginFunction(funcIndex: number, type: FuncType, locals: readonly ValType[]): void {
    const params = tysOf(type.params);
    const results = tysOf(type.results);
    const fb = new FuncBuilder(funcIndex, null, params, results);
    const ssa = new SsaBuilder(fb, (ty) => this.zero(ty));
    fb.paramRegs.forEach((v, i) => {
      ssa.writeVar(ssa.declareVar(params[i]!), fb.entry, v);
    });
    for (const t of locals) ssa.declareVar(tyOfValType(t));
    this.fb = fb;
    this.ssa = ssa;
    this.result = null;
    this.cur = fb.entry;
    this.stack.length = 0;
    this.frames.length = 0;
    this.frames.push(frame(FrameKind.Func, false, 0, -1, [], results));
    this.retBlock = -1;
    this.zeros = [];
    this.firstOffset = -1;
  }

  /** The last finished function, once its final `end` has been visited. */
  finish(): Func {
    if (this.result === null) throw new Error("lowering: the function's final end was not visited");
    return this.result;
  }

  private get b(): FuncBuilder {
    if (this.fb === null) throw new Error("lowering: instruction before beginFunction");
    return this.fb;
  }

  private zero(ty: Ty): number {
    const z = this.zeros[ty];
    if (z !== undefined) return z;
    const at = this.firstOffset;
    let v: number;
    switch (ty) {
      case Ty.I32:
        v = this.b.hoist(0x41, ty, at);
        break;
      case Ty.I64:
        v = this.b.hoist(0x42, ty, at);
        break;
      case Ty.F32:
        v = this.b.hoist(0x43, ty, at);
        break;
      case Ty.F64:
        v = this.b.hoist(0x44, ty, at);
        break;
      case Ty.V128:
        v = this.b.hoist(0xfd0c, ty, at, { bytes: new Uint8Array(16) });
        break;
      default:
        v = this.b.hoist(Op.RefNull, ty, at, { a: ty });
        break;
    }
    this.zeros[ty] = v;
    return v;
  }

  /** Pops one register off the operand stack. */
  pop(): number {
    const v = this.stack.pop();
    if (v === undefined) throw new Error("lowering: operand stack underflow");
    return v;
  }

  /** Pops `n` registers, returned deepest first. */
  popN(n: number): number[] {
    if (n > this.stack.length) throw new Error("lowering: operand stack underflow");
    return this.stack.splice(this.stack.length - n, n);
  }

  /** Pushes one register onto the operand stack. */
  push(v: number): void {
    this.stack.push(v);
  }

  /** Pushes registers onto the operand stack, deepest first (any number: no argument spreading). */
  pushAll(vs: readonly number[]): void {
    for (const v of vs) this.stack.push(v);
  }

  /** The type of register `v`. */
  typeOf(v: number): Ty {
    return this.b.typeOf(v);
  }

  /** Appends an operation with at most one result to the current block; returns its result or -1. */
  emit(op: number, resultTy: Ty | null, args: readonly number[], offset: number, imms?: Imms): number {
    return this.b.op(this.cur, op, resultTy, args, offset, imms);
  }

  /** Appends an operation with any number of results to the current block. */
  emitN(
    op: number,
    resultTys: readonly Ty[],
    args: readonly number[],
    offset: number,
    imms?: Imms,
  ): number[] {
    return this.b.opN(this.cur, op, resultTys, args, offset, imms);
  }

  /**
   * Visits one validated instruction (see `FuncVisitor`). Liveness is tracked here rather than
   * taken from the validator's `reachable` flag: the lowering also knows code to be dead after a
   * construct whose end no branch or fallthrough reaches.
   */
  instruction(op: number, imm: Immediates, offset: number, _reachable: boolean): void {
    if (this.firstOffset < 0) this.firstOffset = offset;
    switch (op) {
      case Op.Block:
      case Op.Loop:
      case Op.If:
        this.enter(op, imm.blockType);
        return;
      case Op.Else:
        this.elseArm();
        return;
      case Op.End:
        this.end();
        return;
      default:
        break;
    }
    // Dead code: the validator has checked it; it has no IR.
    if (this.cur < 0) return;
    const ssa = this.ssa!;
    switch (op) {
      case Op.Unreachable:
        this.b.unreachable(this.cur, offset);
        this.cur = -1;
        return;
      case 0x01: // nop
        return;
      case Op.Br:
        this.branch(imm.index);
        return;
      case Op.BrIf:
        this.branchIf(imm.index);
        return;
      case Op.BrTable:
        this.branchTable(imm);
        return;
      case Op.Return:
        this.b.ret(this.cur, this.popN(this.b.results.length));
        this.cur = -1;
        return;
      case Op.LocalGet:
        this.stack.push(ssa.readVar(imm.index, this.cur));
        return;
      case Op.LocalSet:
        ssa.writeVar(imm.index, this.cur, this.pop());
        return;
      case Op.LocalTee:
        ssa.writeVar(imm.index, this.cur, this.stack[this.stack.length - 1]!);
        return;
      default:
        lowerOperation(this, op, imm, offset);
    }
  }

  /** The IR types of a block type (cached: block types are shared objects). */
  private blockTys(type: FuncType): BlockTys {
    let t = this.blockTypes.get(type);
    if (t === undefined) {
      t = { params: tysOf(type.params), results: tysOf(type.results) };
      this.blockTypes.set(type, t);
    }
    return t;
  }

  private enter(op: number, type: FuncType): void {
    const { params, results } = this.blockTys(type);
    if (this.cur < 0) {
      this.frames.push(frame(FrameKind.Block, true, this.stack.length, -1, params, results));
      return;
    }
    const fb = this.b;
    if (op === Op.Block) {
      const join = fb.newBlock();
      for (const t of results) fb.addParam(join, t);
      this.frames.push(
        frame(FrameKind.Block, false, this.stack.length - params.length, join, params, results),
      );
    } else if (op === Op.Loop) {
      const inputs = this.popN(params.length);
      const header = fb.newBlock();
      for (const t of params) fb.addParam(header, t);
      fb.setLoopHeader(header);
      fb.jump(this.cur, header, inputs);
      this.frames.push(frame(FrameKind.Loop, false, this.stack.length, header, params, results));
      this.cur = header;
      this.pushAll(fb.paramsOf(header));
    } else {
      const cond = this.pop();
      const height = this.stack.length - params.length;
      const thenBlock = fb.newBlock();
      const elseBlock = fb.newBlock();
      const join = fb.newBlock();
      for (const t of results) fb.addParam(join, t);
      const elseEdge = fb.brif(this.cur, cond, thenBlock, [], elseBlock, []);
      this.ssa!.sealBlock(thenBlock);
      this.ssa!.sealBlock(elseBlock);
      const f = frame(FrameKind.If, false, height, join, params, results);
      f.origin = this.cur;
      f.elseBlock = elseBlock;
      f.elseEdge = elseEdge;
      f.inputs = this.stack.slice(height);
      this.frames.push(f);
      this.cur = thenBlock;
    }
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private elseArm(): void {
    const f = this.top();
    if (f.dead) return;
    if (this.cur >= 0) this.b.jump(this.cur, f.label, this.popN(f.results.length));
    f.kind = FrameKind.Else;
    this.stack.length = f.height;
    this.pushAll(f.inputs);
    this.cur = f.elseBlock;
  }

  private end(): void {
    const f = this.frames.pop();
    if (f === undefined) throw new Error("lowering: end without an open construct");
    if (f.dead) return;
    const fb = this.b;
    switch (f.kind) {
      case FrameKind.Func:
        this.endFunction();
        return;
      case FrameKind.Loop:
        this.ssa!.sealBlock(f.label);
        if (this.cur < 0) this.stack.length = f.height;
        return;
      case FrameKind.If:
        fb.retarget(f.origin, f.elseEdge!, f.label, f.inputs);
        break;
      default:
        break;
    }
    if (this.cur >= 0 && fb.predsOf(f.label).length === 0) {
      // Nothing branched to the end of this block: its code simply continues.
      return;
    }
    if (this.cur >= 0) fb.jump(this.cur, f.label, this.popN(f.results.length));
    this.ssa!.sealBlock(f.label);
    this.stack.length = f.height;
    if (fb.predsOf(f.label).length === 0) {
      this.cur = -1;
      return;
    }
    this.cur = f.label;
    this.pushAll(fb.paramsOf(f.label));
  }

  private endFunction(): void {
    const fb = this.b;
    if (this.cur >= 0) fb.ret(this.cur, this.popN(fb.results.length));
    if (this.retBlock >= 0) fb.ret(this.retBlock, fb.paramsOf(this.retBlock));
    this.cur = -1;
    this.result = fb.finish();
    this.fb = null;
    this.ssa = null;
    this.onFunction?.(this.result);
  }

  /** The block a branch to the label at `depth` enters, and how many values it passes. */
  private labelTarget(depth: number): { block: number; arity: number } {
    const f = this.frames[this.frames.length - 1 - depth];
    if (f === undefined) throw new Error(`lowering: branch depth ${depth} out of range`);
    switch (f.kind) {
      case FrameKind.Func:
        if (this.retBlock < 0) {
          this.retBlock = this.b.newBlock();
          for (const t of f.results) this.b.addParam(this.retBlock, t);
        }
        return { block: this.retBlock, arity: f.results.length };
      case FrameKind.Loop:
        return { block: f.label, arity: f.params.length };
      default:
        return { block: f.label, arity: f.results.length };
    }
  }

  private branch(depth: number): void {
    const f = this.frames[this.frames.length - 1 - depth];
    if (f?.kind === FrameKind.Func) this.b.ret(this.cur, this.popN(f.results.length));
    else {
      const t = this.labelTarget(depth);
      this.b.jump(this.cur, t.block, this.popN(t.arity));
    }
    this.cur = -1;
  }

  private branchIf(depth: number): void {
    const cond = this.pop();
    const t = this.labelTarget(depth);
    const args = this.stack.slice(this.stack.length - t.arity);
    const cont = this.b.newBlock();
    this.b.brif(this.cur, cond, t.block, args, cont, []);
    this.ssa!.sealBlock(cont);
    this.cur = cont;
  }

  private branchTable(imm: Immediates): void {
    const index = this.pop();
    const def = this.labelTarget(imm.index);
    const args = this.stack.slice(this.stack.length - def.arity);
    const targets: { block: number; args: number[] }[] = [];
    for (let i = 0; i < imm.targetCount; i++)
      targets.push({ block: this.labelTarget(imm.targets[i]!).block, args });
    this.b.brtable(this.cur, index, targets, { block: def.block, args });
    this.cur = -1;
  }
}
