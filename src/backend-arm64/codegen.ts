/**
 * Code generation for one IR function on arm64: register allocation (`src/backend/`), the frame,
 * block layout, block-parameter moves on edges, terminators (jump tables for `brtable`), calls,
 * `call_indirect` through table mirrors, helper exits and out-of-line exits (traps, stack
 * exhaustion, interruption). Operations are selected by `isel.ts` through the operand helpers
 * here (`use`/`dst`/`def` and their SIMD&FP forms), which hand out a value's own register when it
 * has one and a scratch register (`abi.ts`) loaded from or stored to its frame slot otherwise.
 *
 * Frame (see `src/backend/README.md`): `[x29]` holds the caller's x29 and x30, arguments and
 * results are at `[x29 + 16 + 16*i]`, the outgoing area at `[sp + 16*i]` and spill slot `s` at
 * `[sp + 16*(outSlots + s)]`.
 */
import {
  CompiledContext,
  HELPER_EXIT,
  hasRuntimeHelper,
  NATIVE_TABLES,
  SLOT_BYTES,
  TrapKind,
} from "../backend/abi.js";
import { computeLiveness, type Liveness } from "../backend/liveness.js";
import { type ModuleFacts, unsupported } from "../backend/module-facts.js";
import { isClobberOp, OP_CALL, OP_CALL_INDIRECT, scanCalls } from "../backend/op-facts.js";
import { sequentialize } from "../backend/parallel-move.js";
import { type Allocation, allocate, type Location, locationKey } from "../backend/regalloc.js";
import { opName } from "../ir/ops.js";
import { type BlockCall, type Func, type Inst, Ty } from "../ir/types.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import {
  CLASS_GPR,
  CLASS_VEC,
  CTX,
  classOfTy,
  FAR,
  GPR_POOL,
  S0,
  S2,
  V0,
  V1,
  VEC_POOL,
  v16b,
  viewOf,
  wr,
  xr,
} from "./abi.js";
import { type Assembler, type Mem, mem, memIndex, postIndex, preIndex } from "./assembler.js";
import { fmovFromGp, fmovToGp } from "./enc-fp.js";
import { movVec } from "./enc-neon-arith.js";
import { lane } from "./enc-neon-common.js";
import { isNativeSimd } from "./isel-simd.js";
import type { Label } from "./labels.js";
import { Cond, Extend } from "./operands.js";
import {
  d,
  type FpReg,
  type GpReg,
  gpName,
  q,
  type RS,
  type RZ,
  s,
  sp,
  W,
  X,
  x16,
  x17,
  x28,
  x29,
  x30,
  xzr,
} from "./registers.js";
import { emitGiveCall, emitInterruptPoll, emitTakeCall, valueSlot } from "./runtime-exits.js";

/** What code generation needs to know about the module. */
export type ModuleInfo = ModuleFacts<Label>;

/** The compile error for what the compiler does not handle yet (shared by every backend). */
export { unsupported };

/** Operations compiled as runtime-helper exits: those with a runtime helper but the native SIMD ones. */
export function isHelperOp(op: number): boolean {
  return hasRuntimeHelper(op) && !isNativeSimd(op);
}

/** Operations after which no register survives (calls, and exits that resume). */
export function isClobber(op: number): boolean {
  return isClobberOp(op, isHelperOp);
}

/** Selects machine code for one operation (provided by `isel.ts`). */
export type Selector = (cg: FuncCodegen, inst: Inst) => void;

/**
 * Told where each part of a function's code begins, for listings: `block` is the block index
 * (-1 for the prologue, the block count for the out-of-line code after the last block) and
 * `inst` the operation's index in the block (-1 for the block's start, the operation count for
 * its terminator). The code of that part starts at the assembler's current offset.
 */
export type EmitMark = (block: number, inst: number) => void;

/** Largest frame-slot offset from sp that every slot access (8- and 16-byte) reaches directly. */
const NEAR_LIMIT = 32760;

/** Parallel-move cycle temporaries, one per class. */
const TEMP_GPR: Location = { kind: "reg", cls: CLASS_GPR, reg: S2.num };
const TEMP_VEC: Location = { kind: "reg", cls: CLASS_VEC, reg: V1 };

/** Generates the code of one function into a shared assembler. */
export class FuncCodegen {
  private readonly alloc: Allocation;
  private readonly liveness: Liveness;
  private readonly blockLabels: Label[];
  private readonly traps = new Map<string, { label: Label; kind: number; offset: number }>();
  private readonly stackLabel: Label;
  /** Interrupt polls: out-of-line stub, where it returns to, wasm offset. */
  private readonly polls: { stub: Label; back: Label; offset: number }[] = [];
  /** Wasm offset that call sites emitted now belong to. */
  private siteOffset = 0;
  private readonly outSlots: number;
  /** Bytes below the saved x29/x30 pair: outgoing area and spill slots (a multiple of 16). */
  readonly frameSize: number;

  constructor(
    /** The assembler all of the module's code goes into. */
    readonly a: Assembler,
    /** The function. */
    readonly f: Func,
    /** Module facts. */
    readonly info: ModuleInfo,
  ) {
    this.liveness = computeLiveness(f);
    const facts = scanCalls(f, this.liveness, info.funcSigs, info.typeSigs, isClobber);
    this.alloc = allocate({
      intervals: this.liveness.intervals,
      classOf: (v) => classOfTy(f.vregTypes[v]),
      pools: [GPR_POOL, VEC_POOL],
      clobbers: facts.clobbers,
    });
    this.outSlots = facts.outSlots;
    this.frameSize = SLOT_BYTES * (this.alloc.slots + facts.outSlots);
    this.blockLabels = f.blocks.map(() => a.newLabel());
    this.stackLabel = a.newLabel();
  }

  /** Emits the function at `entry`, using `select` for operations and telling `mark` where parts begin. */
  emit(entry: Label, select: Selector, mark?: EmitMark): void {
    const a = this.a;
    a.bind(entry);
    mark?.(-1, -1);
    a.stp(x29, x30, preIndex(sp, -16));
    a.mov(x29, sp);
    this.addConst(x16, sp, -this.frameSize);
    a.ldr(x17, mem(CTX, ContextOffset.stackLimit));
    a.cmp(x16, x17);
    a.bCond(Cond.LO, this.stackLabel);
    if (this.frameSize > 0) a.mov(sp, x16);
    emitTakeCall(a, this.stackLabel);
    this.siteOffset = this.entryOffset();
    this.poll();
    this.f.blocks[0].params.forEach((p, i) => {
      this.fromSlot(p, mem(x29, 16 + SLOT_BYTES * i));
    });
    this.f.blocks.forEach((b, bi) => {
      a.bind(this.blockLabels[bi]);
      mark?.(bi, -1);
      if (b.loopHeader) {
        this.siteOffset = b.insts[0]?.offset ?? this.siteOffset;
        this.poll();
      }
      b.insts.forEach((inst, k) => {
        a.maybeEmitIsland();
        mark?.(bi, k);
        this.siteOffset = inst.offset;
        if (inst.op === OP_CALL) this.emitCall(inst);
        else if (inst.op === OP_CALL_INDIRECT && inst.b < NATIVE_TABLES) this.emitCallIndirect(inst);
        else if (isHelperOp(inst.op)) this.emitHelper(inst);
        else select(this, inst);
      });
      a.maybeEmitIsland();
      mark?.(bi, b.insts.length);
      this.emitTerm(bi);
    });
    mark?.(this.f.blocks.length, -1);
    this.emitOutOfLine();
  }

  /** Records the call just emitted as a call site of the current wasm offset. */
  private site(): void {
    this.info.sites.add(this.a.offset, this.f.index, this.siteOffset);
  }

  /** Wasm offset of the function's first instruction (0 when it has none). */
  private entryOffset(): number {
    for (const b of this.f.blocks) if (b.insts.length > 0) return b.insts[0].offset;
    return 0;
  }

  /** Polls the interrupt flags; the out-of-line stub calls the module's interrupt handler. */
  private poll(): void {
    const p = { stub: this.a.newLabel(), back: this.a.newLabel(), offset: this.siteOffset };
    this.polls.push(p);
    emitInterruptPoll(this.a, p.stub, this.info.externalInterrupt);
    this.a.bind(p.back);
  }

  private emitTerm(bi: number): void {
    const a = this.a;
    const t = this.f.blocks[bi].term;
    switch (t.kind) {
      case "jump":
        this.edge(t.target, bi + 1);
        return;
      case "brif": {
        const cond = this.use(t.cond, S0);
        // Branch straight to a target whose edge moves nothing; fall through to the other.
        if (!this.hasMoves(t.then)) {
          a.cbnz(cond, this.blockLabels[t.then.block]);
          this.edge(t.else, bi + 1);
        } else if (!this.hasMoves(t.else)) {
          a.cbz(cond, this.blockLabels[t.else.block]);
          this.edge(t.then, bi + 1);
        } else {
          const other = a.newLabel();
          a.cbz(cond, other);
          this.edge(t.then, -1);
          a.bind(other);
          this.edge(t.else, bi + 1);
        }
        return;
      }
      case "brtable":
        this.emitBrTable(t.index, t.targets, t.default);
        return;
      case "return":
        t.args.forEach((r, i) => {
          this.toSlot(r, mem(x29, 16 + SLOT_BYTES * i));
        });
        emitGiveCall(a);
        a.mov(sp, x29);
        a.ldp(x29, x30, postIndex(sp, 16));
        a.ret();
        return;
      case "unreachable":
        a.b(this.trap(TrapKind.unreachable, t.offset));
        return;
    }
  }

  /**
   * `brtable`: a bounds check to the default edge, then a jump table of 32-bit offsets from the
   * table's start; targets whose edge moves nothing are entered directly, the others through a
   * stub that performs the moves.
   */
  private emitBrTable(index: number, targets: readonly BlockCall[], dflt: BlockCall): void {
    const a = this.a;
    const table = a.newLabel();
    const dfltLabel = this.hasMoves(dflt) ? a.newLabel() : this.blockLabels[dflt.block];
    const stubs = targets.map((c) => (this.hasMoves(c) ? a.newLabel() : this.blockLabels[c.block]));
    const i = this.use(index, S0);
    this.cmpConst(i, targets.length, W[17]);
    a.bCond(Cond.HS, dfltLabel);
    a.adr(x17, table);
    a.ldrsw(x16, memIndex(x17, i, Extend.UXTW, true));
    a.add(x17, x17, x16);
    a.br(x17);
    a.maybeEmitIsland(4 * targets.length + 64);
    a.bind(table);
    for (const l of stubs) a.dataLabelDiff(l, table);
    targets.forEach((c, k) => {
      if (stubs[k] === this.blockLabels[c.block]) return;
      a.maybeEmitIsland();
      a.bind(stubs[k]);
      this.edge(c, -1);
    });
    if (dfltLabel === this.blockLabels[dflt.block]) return;
    a.bind(dfltLabel);
    this.edge(dflt, -1);
  }

  private edgeMoves(c: BlockCall): { src: Location; dst: Location }[] {
    const params = this.f.blocks[c.block].params;
    const moves: { src: Location; dst: Location }[] = [];
    c.args.forEach((arg, i) => {
      const dst = this.alloc.locations[params[i]];
      if (dst !== null) moves.push({ src: this.loc(arg), dst });
    });
    return moves.filter((m) => locationKey(m.src) !== locationKey(m.dst));
  }

  private hasMoves(c: BlockCall): boolean {
    return this.edgeMoves(c).length > 0;
  }

  /** Moves an edge's arguments into the target's parameters and jumps (unless it falls through to `next`). */
  private edge(c: BlockCall, next: number): void {
    const temp = (l: Location): Location => (l.cls === CLASS_VEC ? TEMP_VEC : TEMP_GPR);
    for (const m of sequentialize(this.edgeMoves(c), locationKey, temp)) this.move(m.src, m.dst);
    if (c.block !== next) this.a.b(this.blockLabels[c.block]);
  }

  /**
   * The memory operand of a stack location. Slots beyond the reach of a scaled immediate are
   * addressed through x15, so use the operand at once (before the next `locMem`).
   */
  private locMem(l: Location): Mem {
    if (l.kind !== "stack") throw new Error("not a stack location");
    const off = SLOT_BYTES * (this.outSlots + l.slot);
    if (off <= NEAR_LIMIT) return mem(sp, off);
    const low = off % 4096;
    this.addConst(FAR, sp, off - low);
    return mem(FAR, low);
  }

  private move(src: Location, dst: Location): void {
    const a = this.a;
    if (src.cls === CLASS_VEC) {
      // Whole registers and 16-byte slots: the class holds f32, f64 and v128 values.
      if (src.kind === "stack" && dst.kind === "stack") {
        a.ldr(q(V0), this.locMem(src));
        a.str(q(V0), this.locMem(dst));
      } else if (src.kind === "reg") {
        if (dst.kind === "reg") this.movV(dst.reg, src.reg);
        else a.str(q(src.reg), this.locMem(dst));
      } else if (dst.kind === "reg") a.ldr(q(dst.reg), this.locMem(src));
    } else if (src.kind === "stack" && dst.kind === "stack") {
      a.ldr(x16, this.locMem(src));
      a.str(x16, this.locMem(dst));
    } else if (src.kind === "reg") {
      if (dst.kind === "reg") a.mov(xr(dst.reg), xr(src.reg));
      else a.str(xr(src.reg), this.locMem(dst));
    } else if (dst.kind === "reg") a.ldr(xr(dst.reg), this.locMem(src));
  }

  private emitCall(inst: Inst): void {
    inst.args.forEach((r, i) => {
      this.toSlot(r, mem(sp, SLOT_BYTES * i));
    });
    this.a.bl(this.info.funcLabels[inst.a]);
    this.site();
    inst.results.forEach((r, i) => {
      this.fromSlot(r, mem(sp, SLOT_BYTES * i));
    });
  }

  /**
   * `call_indirect` through the table's mirror: a direct call when the slot is in bounds and holds
   * a function of this instance with the expected type id; otherwise the runtime helper, which
   * calls other instances' and host functions and raises the traps.
   */
  private emitCallIndirect(inst: Inst): void {
    const a = this.a;
    const slow = a.newLabel();
    const done = a.newLabel();
    const table = CompiledContext.tables + 16 * inst.b;
    const params = this.info.typeSigs[inst.a].params.length;
    const slot = this.use(inst.args[params], S0);
    a.ldr(W[17], mem(CTX, table + 8));
    a.cmp(slot, W[17]);
    a.bCond(Cond.HS, slow);
    a.ldr(x17, mem(CTX, table));
    a.addExt(x17, x17, slot, Extend.UXTW, 4);
    a.ldr(W[16], mem(x17, 12));
    this.cmpConst(W[16], this.info.instanceId, W[S2.num]);
    a.bCond(Cond.NE, slow);
    a.ldr(W[16], mem(x17, 8));
    this.cmpConst(W[16], this.info.typeIds[inst.a], W[S2.num]);
    a.bCond(Cond.NE, slow);
    a.ldr(x17, mem(x17, 0));
    // Argument copies use x16, x15 and v31 only, so x17 keeps the callee's address.
    for (let i = 0; i < params; i++) this.toSlot(inst.args[i], mem(sp, SLOT_BYTES * i));
    a.blr(x17);
    this.site();
    inst.results.forEach((r, i) => {
      this.fromSlot(r, mem(sp, SLOT_BYTES * i));
    });
    a.b(done);
    a.bind(slow);
    this.emitHelper(inst);
    a.bind(done);
  }

  /** Calls the runtime helper for `inst` through a HELPER exit (see `src/backend/abi.ts`). */
  private emitHelper(inst: Inst): void {
    const a = this.a;
    // Value slots beyond the context are addressed through x17 (`toSlot` leaves it alone).
    inst.args.forEach((r, i) => {
      this.toSlot(r, valueSlot(a, i, x17));
    });
    if (inst.bytes !== null) {
      // Byte immediates (shuffle lanes) travel in the slot after the operands.
      this.v128Const(V0, inst.bytes);
      a.str(q(V0), valueSlot(a, inst.args.length, x16));
    }
    this.storeExitArg(1, inst.a);
    // SIMD helpers need the lane (`c`) rather than the alignment (`b`).
    this.storeExitArg(2, inst.op >= 0xfd00 ? inst.c : inst.b);
    this.storeExitArg(3, inst.offset);
    this.exit(HELPER_EXIT, inst.op);
    inst.results.forEach((r, i) => {
      this.fromSlot(r, valueSlot(a, i, x17));
    });
  }

  /** Writes the constant `value` to exit argument `i` (uses x16). */
  private storeExitArg(i: number, value: number): void {
    const at = mem(CTX, ContextOffset.exitArgs + 8 * i);
    if (value === 0) {
      this.a.str(xzr, at);
      return;
    }
    this.a.movImm(x16, value >>> 0);
    this.a.str(x16, at);
  }

  /** Loads the 16 bytes `bytes` into SIMD&FP register `n` (uses x16 and x17). */
  v128Const(n: number, bytes: Uint8Array): void {
    const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
    const lo = view.getBigUint64(0, true);
    const hi = view.getBigUint64(8, true);
    let low: RZ = xzr;
    if (lo !== 0n) {
      this.a.movImm(x16, lo);
      low = x16;
    }
    this.fmovFrom(d(n), low);
    if (hi !== 0n) {
      this.a.movImm(x17, hi);
      this.a.emit(fmovFromGp(lane("d", n, 1), x17), `fmov v${n}.d[1], x17`);
    }
  }

  /** `rd = rn + value` for any `value` (several instructions, or x15, when it is large). */
  addConst(rd: RS, rn: RS, value: number): void {
    const a = this.a;
    const mag = Math.abs(value);
    const step = (r: RS, from: RS, v: number): void => {
      if (value < 0) a.subImm(r, from, v);
      else a.addImm(r, from, v);
    };
    if (mag < 4096) step(rd, rn, mag);
    else if (mag < 2 ** 24) {
      step(rd, rn, mag - (mag % 4096));
      if (mag % 4096 !== 0) step(rd, rd, mag % 4096);
    } else {
      a.movImm(FAR, mag);
      if (value < 0) a.sub(rd, rn, FAR);
      else a.add(rd, rn, FAR);
    }
  }

  /** Compares `r` with the unsigned constant `value` (through `temp` when it has no immediate form). */
  cmpConst(r: GpReg, value: number, temp: GpReg): void {
    if (value < 4096) {
      this.a.cmpImm(r, value);
      return;
    }
    const t = r.bits === 32 ? W[temp.num] : X[temp.num];
    this.a.movImm(t, value);
    this.a.cmp(r, t);
  }

  /** Stores the whole value of `v` into the 16-byte slot at `m` (uses x16 or v31, and x15). */
  toSlot(v: number, m: Mem): void {
    if (this.loc(v).cls === CLASS_VEC) this.a.str(q(this.useV(v, V0)), m);
    else this.a.str(this.useX(v, S0), m);
  }

  /** Loads the whole value of `v` from the 16-byte slot at `m` (uses x16 or v31, and x15). */
  fromSlot(v: number, m: Mem): void {
    if (this.alloc.locations[v] === null) return;
    if (this.loc(v).cls === CLASS_VEC) {
      const n = this.dstV(v, V0);
      this.a.ldr(q(n), m);
      this.defV(v, n);
    } else {
      const r = this.dstX(v, S0);
      this.a.ldr(r, m);
      this.def(v, r);
    }
  }

  /** The location of register `v`. */
  loc(v: number): Location {
    const l = this.alloc.locations[v];
    if (l === null) throw new Error(`register ${v} has no location`);
    return l;
  }

  /** The IR type of register `v`. */
  ty(v: number): Ty {
    return this.f.vregTypes[v];
  }

  /** `fmov` from a general-purpose register (`s` from W, `d` from X). */
  fmovFrom(dst: FpReg, src: RZ): void {
    this.a.emit(fmovFromGp(dst, src), `fmov ${dst.size}${dst.num}, ${gpName(src)}`);
  }

  /** `fmov` to a general-purpose register (W from `s`, X from `d`). */
  fmovTo(dst: GpReg, src: FpReg): void {
    this.a.emit(fmovToGp(dst, src), `fmov ${gpName(dst)}, ${src.size}${src.num}`);
  }

  /** `mov v<dst>.16b, v<src>.16b` (nothing when they are the same register). */
  movV(dst: number, src: number): void {
    if (dst === src) return;
    this.a.emit(movVec(v16b(dst), v16b(src)), `mov v${dst}.16b, v${src}.16b`);
  }

  /**
   * The 64-bit register holding the bits of `v` (any type): its own general-purpose register, or
   * `scratch` loaded from its slot or moved from its SIMD&FP register.
   */
  useX(v: number, scratch: GpReg): GpReg {
    const l = this.loc(v);
    const x = X[scratch.num];
    if (l.kind === "stack") {
      this.a.ldr(x, this.locMem(l));
      return x;
    }
    if (l.cls === CLASS_GPR) return xr(l.reg);
    if (this.ty(v) === Ty.F32) this.fmovTo(W[scratch.num], s(l.reg));
    else this.fmovTo(x, d(l.reg));
    return x;
  }

  /** Like `useX`, in the view of `v`'s type: a W register for i32 and f32, X otherwise. */
  use(v: number, scratch: GpReg): GpReg {
    return this.viewFor(v, this.useX(v, scratch));
  }

  private viewFor(v: number, r: GpReg): GpReg {
    const t = this.ty(v);
    return t === Ty.F32 ? wr(r.num) : viewOf(r, t);
  }

  /** The 64-bit register to compute `v` into: its own general-purpose register or `scratch` (then `def`). */
  dstX(v: number, scratch: GpReg): GpReg {
    const l = this.alloc.locations[v];
    return l !== null && l.kind === "reg" && l.cls === CLASS_GPR ? xr(l.reg) : X[scratch.num];
  }

  /** Like `dstX`, in the view of `v`'s type (W for i32 and f32). */
  dst(v: number, scratch: GpReg): GpReg {
    return this.viewFor(v, this.dstX(v, scratch));
  }

  /**
   * Makes `r` (computed into the register `dst` handed out, or any other) the value of `v`:
   * moves it to `v`'s register or stores it to `v`'s slot. i32 values must have their upper half
   * clear (a W-register result).
   */
  def(v: number, r: GpReg): void {
    const l = this.alloc.locations[v];
    if (l === null) return;
    const x = X[r.num];
    if (l.kind === "stack") this.a.str(x, this.locMem(l));
    else if (l.cls === CLASS_GPR) {
      if (l.reg !== r.num) this.a.mov(xr(l.reg), x);
    } else if (this.ty(v) === Ty.F32) this.fmovFrom(s(l.reg), W[r.num]);
    else this.fmovFrom(d(l.reg), x);
  }

  /**
   * The SIMD&FP register number holding `v` (any type): its own, or `scratch` loaded from its
   * slot or moved from its general-purpose register.
   */
  useV(v: number, scratch: number): number {
    const l = this.loc(v);
    if (l.kind === "stack") {
      this.a.ldr(q(scratch), this.locMem(l));
      return scratch;
    }
    if (l.cls === CLASS_VEC) return l.reg;
    if (this.ty(v) === Ty.I32) this.fmovFrom(s(scratch), wr(l.reg));
    else this.fmovFrom(d(scratch), xr(l.reg));
    return scratch;
  }

  /** The SIMD&FP register number to compute `v` into: its own or `scratch` (then `defV`). */
  dstV(v: number, scratch: number): number {
    const l = this.alloc.locations[v];
    return l !== null && l.kind === "reg" && l.cls === CLASS_VEC ? l.reg : scratch;
  }

  /** Makes SIMD&FP register `n` the value of `v` (a move, a slot store, or a move to a GPR). */
  defV(v: number, n: number): void {
    const l = this.alloc.locations[v];
    if (l === null) return;
    if (l.kind === "stack") this.a.str(q(n), this.locMem(l));
    else if (l.cls === CLASS_VEC) this.movV(l.reg, n);
    else if (this.ty(v) === Ty.I32 || this.ty(v) === Ty.F32) this.fmovTo(wr(l.reg), s(n));
    else this.fmovTo(xr(l.reg), d(n));
  }

  /** The label of an out-of-line exit trapping with `kind` at wasm offset `offset`. */
  trap(kind: TrapKind, offset: number): Label {
    const key = `${kind}:${offset}`;
    let t = this.traps.get(key);
    if (t === undefined) {
      t = { label: this.a.newLabel(), kind, offset };
      this.traps.set(key, t);
    }
    return t.label;
  }

  /**
   * Emits an exit with `code`; exit argument 0 = `arg0` when given (a constant or an X
   * register). A resume leaves every register but sp and x28 undefined, so the frame pointer is
   * recomputed from sp after it (x30 is in the frame since the prologue).
   */
  exit(code: number, arg0?: number | GpReg): void {
    const a = this.a;
    if (typeof arg0 === "number") this.storeExitArg(0, arg0);
    else if (arg0 !== undefined) a.str(X[arg0.num], mem(CTX, ContextOffset.exitArgs));
    a.movImm(W[16], code);
    a.str(W[16], mem(CTX, ContextOffset.exitCode));
    a.ldr(x16, mem(x28, ContextOffset.exitStub));
    a.blr(x16);
    this.site();
    this.addConst(x29, sp, this.frameSize);
  }

  private emitOutOfLine(): void {
    const a = this.a;
    for (const t of this.traps.values()) {
      a.maybeEmitIsland();
      a.bind(t.label);
      this.storeExitArg(1, t.offset);
      this.siteOffset = t.offset;
      this.exit(ExitCode.trap, t.kind);
      a.brk(0);
    }
    a.bind(this.stackLabel);
    this.siteOffset = this.entryOffset();
    this.exit(ExitCode.stackExhausted);
    a.brk(0);
    for (const p of this.polls) {
      a.maybeEmitIsland();
      a.bind(p.stub);
      this.siteOffset = p.offset;
      a.bl(this.info.interruptHandler);
      this.site();
      a.b(p.back);
    }
  }

  /** Throws the unsupported-operation error for `inst`. */
  unsupportedOp(inst: Inst): never {
    throw unsupported(opName(inst.op), inst.offset);
  }
}
