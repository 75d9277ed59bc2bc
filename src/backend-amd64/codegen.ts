/**
 * Code generation for one IR function: register allocation (`src/backend/`), the frame, block
 * layout, block-parameter moves on edges, terminators (jump tables for `brtable`), calls, and
 * out-of-line exits (traps, stack exhaustion, interruption). Operations are selected by
 * `isel.ts` through the helpers here, which move values between their allocated locations and
 * the scratch registers (`abi.ts`).
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
import { sequentialize } from "../backend/parallel-move.js";
import { type Allocation, allocate, type Location, locationKey } from "../backend/regalloc.js";
import { opName } from "../ir/ops.js";
import { type BlockCall, type Func, type Inst, Ty } from "../ir/types.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import { CLASS_GPR, CLASS_XMM, classOfTy, GPR_POOL, gpr, XMM_POOL, xmm } from "./abi.js";
import type { Assembler } from "./assembler.js";
import { computeIselFacts, foldsImmediate, type IselFacts, memBaseAtEntry } from "./isel-facts.js";
import { isNativeSimd } from "./isel-simd.js";
import type { Label } from "./labels.js";
import { type Mem, mem, memIndex, ripRel } from "./operands.js";
import {
  Cond,
  type Gpr,
  invertCond,
  r11,
  r15,
  rax,
  rbp,
  rcx,
  rdx,
  rsp,
  S32,
  S64,
  type Xmm,
  xmm0,
} from "./registers.js";
import { emitGiveCall, emitInterruptPoll, emitTakeCall, valueSlot } from "./runtime-exits.js";

/** What code generation needs to know about the module. */
export interface ModuleInfo extends ModuleFacts<Label> {
  /** Bytes the memory always has at least: its declared minimum (memories never shrink). */
  readonly memoryMinBytes: number;
  /** Whether the CPU has `popcnt`. */
  readonly popcnt: boolean;
  /** Whether the CPU has AVX: scalar float arithmetic then uses the three-operand VEX forms. */
  readonly avx: boolean;
}

/** The compile error for what the compiler does not handle yet (shared by every backend). */
export { unsupported };

/** `memory.copy` and `memory.fill`: compiled natively (`isel-mem.ts`), never helper exits. */
const NATIVE_BULK_MEMORY: ReadonlySet<number> = new Set([0xfc0a, 0xfc0b]);

/**
 * Whether the code of `op` leaves r11 and the memory base alone: numeric, parametric, reference
 * and memory-access operations and natively compiled SIMD (not calls, exits, helpers, bulk
 * memory or globals).
 */
function keepsScratchState(op: number): boolean {
  if (op >= 0xfd00) return isNativeSimd(op);
  return (
    op === 0x1b ||
    (op >= 0x28 && op <= 0x3f) ||
    (op >= 0x41 && op <= 0xc4) ||
    op === 0xd0 ||
    op === 0xd1 ||
    (op >= 0xfc00 && op <= 0xfc07)
  );
}

/** Operations compiled as runtime-helper exits. */
export function isHelperOp(op: number): boolean {
  return hasRuntimeHelper(op) && !isNativeSimd(op) && !NATIVE_BULK_MEMORY.has(op);
}

/** Operations after which no register survives (calls, and exits that resume). */
export function isClobber(op: number): boolean {
  return op === 0x10 || op === 0x40 || isHelperOp(op);
}

const CALL = 0x10;
const CALL_INDIRECT = 0x11;

/** Selects machine code for one operation (provided by `isel.ts`). */
export type Selector = (cg: FuncCodegen, inst: Inst) => void;

/**
 * Told where each part of a function's code begins, for listings: `block` is the block index
 * (-1 for the prologue, the block count for the out-of-line code after the last block) and
 * `inst` the operation's index in the block (-1 for the block's start, the operation count for
 * its terminator). The code of that part starts at the assembler's current offset.
 */
export type EmitMark = (block: number, inst: number) => void;

// rcx, not r11: edge moves leave the memory base in r11 alone (see `memBaseAtEntry`).
const TEMP_GPR: Location = { kind: "reg", cls: CLASS_GPR, reg: 1 };
const TEMP_XMM: Location = { kind: "reg", cls: CLASS_XMM, reg: 15 };

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
  private readonly frameSize: number;
  private readonly facts: IselFacts;
  /**
   * The flag condition a fused comparison left for the block's `brif` or the `select` after it
   * (see `isel-facts.ts`), set by the comparison's selector and consumed by its user.
   */
  pendingCond: Cond | null = null;
  /**
   * Whether r11 holds the memory base: set by memory accesses, at block starts where every
   * predecessor left it there (`memBaseAtEntry`), cleared by every operation that may change r11
   * or the base (see `keepsScratchState`).
   */
  memBaseCached = false;
  /** Per block: the furthest access end checked for each address register (see `boundsChecked`). */
  private readonly checkedEnds = new Map<number, number>();

  constructor(
    /** The assembler all of the module's code goes into. */
    readonly a: Assembler,
    /** The function. */
    readonly f: Func,
    /** Module facts. */
    readonly info: ModuleInfo,
  ) {
    this.liveness = computeLiveness(f);
    this.facts = computeIselFacts(f);
    const clobbers: number[] = [];
    let outSlots = 0;
    f.blocks.forEach((b, bi) => {
      b.insts.forEach((inst, k) => {
        if (isClobber(inst.op)) clobbers.push(this.liveness.instPos[bi][k]);
        if (inst.op === CALL || inst.op === CALL_INDIRECT) {
          const sig = inst.op === CALL ? info.funcSigs[inst.a] : info.typeSigs[inst.a];
          outSlots = Math.max(outSlots, sig.params.length, sig.results.length);
        }
      });
    });
    const facts = this.facts;
    this.alloc = allocate({
      // Folded constants and fused comparisons live nowhere.
      intervals: this.liveness.intervals.map((iv, v) => (facts.elided[v] || facts.fused[v] ? null : iv)),
      classOf: (v) => classOfTy(f.vregTypes[v]),
      pools: [GPR_POOL, XMM_POOL],
      clobbers,
    });
    this.frameSize = SLOT_BYTES * (this.alloc.slots + outSlots);
    this.blockLabels = f.blocks.map(() => a.newLabel());
    this.stackLabel = a.newLabel();
  }

  /** Emits the function at `entry`, using `select` for operations and telling `mark` where parts begin. */
  emit(entry: Label, select: Selector, mark?: EmitMark): void {
    const a = this.a;
    const baseAtEntry = memBaseAtEntry(this.f, this.facts.consts, keepsScratchState);
    a.bind(entry);
    mark?.(-1, -1);
    a.push(rbp);
    a.mov(S64, rbp, rsp);
    a.lea(S64, rax, mem(rsp, -this.frameSize));
    a.cmp(S64, rax, mem(r15, ContextOffset.stackLimit));
    a.jcc(Cond.B, this.stackLabel);
    emitTakeCall(a, this.stackLabel);
    if (this.frameSize > 0) a.sub(S64, rsp, this.frameSize);
    this.siteOffset = this.entryOffset();
    this.poll();
    this.f.blocks[0].params.forEach((p, i) => {
      if (this.alloc.locations[p] === null) return;
      this.fromSlot(p, mem(rbp, 16 + SLOT_BYTES * i));
    });
    this.f.blocks.forEach((b, bi) => {
      a.bind(this.blockLabels[bi]);
      mark?.(bi, -1);
      if (b.loopHeader) {
        this.siteOffset = b.insts[0]?.offset ?? this.siteOffset;
        this.poll();
      }
      this.memBaseCached = baseAtEntry[bi];
      this.checkedEnds.clear();
      b.insts.forEach((inst, k) => {
        mark?.(bi, k);
        this.siteOffset = inst.offset;
        if (inst.op === CALL) this.emitCall(inst);
        else if (inst.op === CALL_INDIRECT && inst.b < NATIVE_TABLES) this.emitCallIndirect(inst);
        else if (isHelperOp(inst.op)) this.emitHelper(inst);
        // A constant folded into every use emits nothing.
        else if (!(inst.results.length === 1 && this.facts.elided[inst.results[0]])) select(this, inst);
        if (!keepsScratchState(inst.op)) this.memBaseCached = false;
      });
      mark?.(bi, b.insts.length);
      this.emitTerm(bi);
    });
    mark?.(this.f.blocks.length, -1);
    this.emitOutOfLine();
  }

  private emitTerm(bi: number): void {
    const a = this.a;
    const t = this.f.blocks[bi].term;
    switch (t.kind) {
      case "jump":
        this.edge(t.target, bi + 1);
        return;
      case "brif": {
        let cc = this.pendingCond;
        this.pendingCond = null;
        if (cc === null) {
          const c = this.operand(t.cond);
          if (c.kind === "gpr") a.test(S32, c, c);
          else a.cmp(S32, c as Mem, 0);
          cc = Cond.NE;
        }
        // Branch straight to a target whose edge moves nothing; fall through to the other
        // (preferably the next block).
        const thenJump = this.edgeIsJump(t.then);
        if (this.edgeIsJump(t.else) && (t.then.block === bi + 1 || !thenJump)) {
          a.jcc(invertCond(cc), this.blockLabels[t.else.block]);
          this.edge(t.then, bi + 1);
        } else if (thenJump) {
          a.jcc(cc, this.blockLabels[t.then.block]);
          this.edge(t.else, bi + 1);
        } else {
          const other = a.newLabel();
          a.jcc(invertCond(cc), other);
          this.edge(t.then, -1);
          a.bind(other);
          this.edge(t.else, bi + 1);
        }
        return;
      }
      case "brtable": {
        // Targets whose edges move nothing are reached straight from the table.
        const table = a.newLabel();
        const direct = t.targets.map((c) => this.edgeIsJump(c));
        const stubs = t.targets.map((c, i) => (direct[i] ? this.blockLabels[c.block] : a.newLabel()));
        const dflt = this.edgeIsJump(t.default) ? this.blockLabels[t.default.block] : a.newLabel();
        a.mov(S32, rax, this.operand(t.index) as Gpr | Mem);
        a.cmp(S32, rax, t.targets.length);
        a.jcc(Cond.AE, dflt);
        a.lea(S64, rcx, ripRel(table));
        a.movsxd(rdx, memIndex(rcx, rax, 4));
        a.add(S64, rcx, rdx);
        a.jmp(rcx);
        a.align(4, "zero");
        a.bind(table);
        for (const s of stubs) a.dataLabelDiff32(s, table);
        t.targets.forEach((c, i) => {
          if (direct[i]) return;
          a.bind(stubs[i]);
          this.edge(c, -1);
        });
        if (dflt !== this.blockLabels[t.default.block]) {
          a.bind(dflt);
          this.edge(t.default, -1);
        }
        return;
      }
      case "return":
        t.args.forEach((r, i) => {
          this.toSlot(r, mem(rbp, 16 + SLOT_BYTES * i));
        });
        emitGiveCall(a);
        a.mov(S64, rsp, rbp);
        a.pop(rbp);
        a.ret();
        return;
      case "unreachable":
        a.jmp(this.trap(TrapKind.unreachable, t.offset));
        return;
    }
  }

  /** Whether taking edge `c` moves no value (every argument is already where the parameter lives). */
  private edgeIsJump(c: BlockCall): boolean {
    const params = this.f.blocks[c.block].params;
    return c.args.every((arg, i) => {
      const dst = this.alloc.locations[params[i]];
      return dst === null || locationKey(dst) === locationKey(this.loc(arg));
    });
  }

  /** Moves an edge's arguments into the target's parameters and jumps (unless it falls through to `next`). */
  private edge(c: BlockCall, next: number): void {
    const params = this.f.blocks[c.block].params;
    const moves: { src: Location; dst: Location }[] = [];
    c.args.forEach((arg, i) => {
      const dst = this.alloc.locations[params[i]];
      if (dst !== null) moves.push({ src: this.loc(arg), dst });
    });
    const temp = (l: Location): Location => (l.cls === CLASS_XMM ? TEMP_XMM : TEMP_GPR);
    for (const m of sequentialize(moves, locationKey, temp)) this.move(m.src, m.dst);
    if (c.block !== next) this.a.jmp(this.blockLabels[c.block]);
  }

  private locMem(l: Location): Mem {
    if (l.kind !== "stack") throw new Error("not a stack location");
    return mem(rbp, -SLOT_BYTES * (l.slot + 1));
  }

  private move(src: Location, dst: Location): void {
    const a = this.a;
    if (src.cls === CLASS_XMM) {
      // Whole registers and 16-byte slots: the class holds f32, f64 and v128 values.
      if (src.kind === "stack" && dst.kind === "stack") {
        a.movups(xmm0, this.locMem(src));
        a.movups(this.locMem(dst), xmm0);
      } else if (src.kind === "reg") {
        if (dst.kind === "reg") a.movaps(xmm(dst.reg), xmm(src.reg));
        else a.movups(this.locMem(dst), xmm(src.reg));
      } else if (dst.kind === "reg") a.movups(xmm(dst.reg), this.locMem(src));
    } else if (src.kind === "stack" && dst.kind === "stack") {
      a.mov(S64, rax, this.locMem(src));
      a.mov(S64, this.locMem(dst), rax);
    } else {
      const s = src.kind === "reg" ? gpr(src.reg) : this.locMem(src);
      if (dst.kind === "reg") a.mov(S64, gpr(dst.reg), s);
      else a.mov(S64, this.locMem(dst), s as Gpr);
    }
  }

  private emitCall(inst: Inst): void {
    const a = this.a;
    inst.args.forEach((r, i) => {
      this.toSlot(r, mem(rsp, SLOT_BYTES * i));
    });
    a.call(this.info.funcLabels[inst.a]);
    this.site();
    inst.results.forEach((r, i) => {
      this.fromSlot(r, mem(rsp, SLOT_BYTES * i));
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
    this.loadGpr(rax, inst.args[params]);
    a.mov(S32, rax, rax);
    a.cmp(S32, rax, mem(r15, table + 8));
    a.jcc(Cond.AE, slow);
    a.shl(S64, rax, 4);
    a.add(S64, rax, mem(r15, table));
    a.cmp(S32, mem(rax, 12), this.info.instanceId);
    a.jcc(Cond.NE, slow);
    a.cmp(S32, mem(rax, 8), this.info.typeIds[inst.a]);
    a.jcc(Cond.NE, slow);
    a.mov(S64, rcx, mem(rax, 0));
    for (let i = 0; i < params; i++) this.toSlot(inst.args[i], mem(rsp, SLOT_BYTES * i));
    a.call(rcx);
    this.site();
    inst.results.forEach((r, i) => {
      this.fromSlot(r, mem(rsp, SLOT_BYTES * i));
    });
    a.jmp(done);
    a.bind(slow);
    this.emitHelper(inst);
    a.bind(done);
  }

  /** Calls the runtime helper for `inst` through a HELPER exit (see `src/backend/abi.ts`). */
  private emitHelper(inst: Inst): void {
    const a = this.a;
    inst.args.forEach((r, i) => {
      this.toSlot(r, valueSlot(a, i, rdx));
    });
    if (inst.bytes !== null) {
      // Byte immediates (shuffle lanes) travel in the slot after the operands.
      this.v128Const(xmm0, inst.bytes);
      a.movups(valueSlot(a, inst.args.length, rdx), xmm0);
    }
    a.mov(S64, mem(r15, ContextOffset.exitArgs + 8), inst.a);
    // SIMD helpers need the lane (`c`) rather than the alignment (`b`).
    a.mov(S64, mem(r15, ContextOffset.exitArgs + 16), inst.op >= 0xfd00 ? inst.c : inst.b);
    a.mov(S64, mem(r15, ContextOffset.exitArgs + 24), inst.offset);
    this.exit(HELPER_EXIT, inst.op);
    inst.results.forEach((r, i) => {
      this.fromSlot(r, valueSlot(a, i, rdx));
    });
  }

  /** Loads the 16 bytes `bytes` into `dst` (uses rax). */
  v128Const(dst: Xmm, bytes: Uint8Array): void {
    const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
    this.a.movImm64(rax, view.getBigUint64(0, true));
    this.a.movq(dst, rax);
    this.a.movImm64(rax, view.getBigUint64(8, true));
    this.a.pinsrq(dst, rax, 1);
  }

  /** Stores the whole value of `v` into the slot at `m` (uses rax or xmm0). */
  toSlot(v: number, m: Mem): void {
    const o = this.operand(v);
    if (this.ty(v) === Ty.V128) {
      this.loadXmm(xmm0, v);
      this.a.movups(m, xmm0);
    } else if (o.kind === "gpr") {
      this.a.mov(S64, m, o);
    } else if (o.kind === "xmm") {
      this.a.movsd(m, o);
    } else {
      this.loadGpr(rax, v);
      this.a.mov(S64, m, rax);
    }
  }

  /** Loads the whole value of `v` from the slot at `m` (uses rax or xmm0). */
  fromSlot(v: number, m: Mem): void {
    if (this.alloc.locations[v] === null) return;
    const o = this.operand(v);
    if (this.ty(v) === Ty.V128) {
      this.a.movups(xmm0, m);
      this.storeXmm(v, xmm0);
    } else if (o.kind === "gpr") {
      this.a.mov(S64, o, m);
    } else if (o.kind === "xmm") {
      this.a.movsd(o, m);
    } else {
      this.a.mov(S64, rax, m);
      this.storeGpr(v, rax);
    }
  }

  /**
   * The value of `v` as an immediate operand of `inst` (operand `index`) when `v` is a constant
   * that fits there, otherwise null.
   */
  immediate(inst: Inst, index: number): number | null {
    const c = this.facts.consts[inst.args[index]];
    if (c === null || !foldsImmediate(inst, index, c)) return null;
    return Number(BigInt.asIntN(32, c));
  }

  /**
   * Whether an earlier access of the current block through address register `v` checked the
   * bounds up to at least `end` (then this access needs no check); otherwise records `end` as
   * checked from now on.
   */
  boundsChecked(v: number, end: number): boolean {
    const done = this.checkedEnds.get(v);
    if (done !== undefined && done >= end) return true;
    this.checkedEnds.set(v, end);
    return false;
  }

  /** The value of `v` (as a signed 64-bit integer) when an integer constant defines it, otherwise null. */
  constant(v: number): bigint | null {
    return this.facts.consts[v];
  }

  /** Whether `v` is a comparison result fused with its user (a `brif` or a `select`). */
  isFused(v: number): boolean {
    return this.facts.fused[v];
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

  /** Where `v` lives: its register or its stack slot. */
  operand(v: number): Gpr | Xmm | Mem {
    const l = this.loc(v);
    if (l.kind === "stack") return this.locMem(l);
    return l.cls === CLASS_XMM ? xmm(l.reg) : gpr(l.reg);
  }

  /** Loads the 64 bits of `v` (any type) into `dst`. */
  loadGpr(dst: Gpr, v: number): void {
    const o = this.operand(v);
    if (o === dst) return;
    if (o.kind === "xmm") this.a.movq(dst, o);
    else this.a.mov(S64, dst, o);
  }

  /** Stores `src` as the bits of `v` (any type). */
  storeGpr(v: number, src: Gpr): void {
    const o = this.operand(v);
    if (o === src) return;
    if (o.kind === "xmm") this.a.movq(o, src);
    // One call per `mov` overload (register or memory destination).
    else if (o.kind === "gpr") this.a.mov(S64, o, src);
    else this.a.mov(S64, o, src);
  }

  /** Loads the bits of `v` (any type) into `dst`. */
  loadXmm(dst: Xmm, v: number): void {
    const o = this.operand(v);
    if (o === dst) return;
    if (o.kind === "gpr") this.a.movq(dst, o);
    else if (o.kind === "xmm") this.a.movaps(dst, o);
    else if (this.loc(v).cls === CLASS_XMM) this.a.movups(dst, o);
    else this.a.movsd(dst, o);
  }

  /** Stores `src` as the bits of `v` (any type; all 16 bytes for xmm-class values). */
  storeXmm(v: number, src: Xmm): void {
    const o = this.operand(v);
    if (o === src) return;
    if (o.kind === "gpr") this.a.movq(o, src);
    else if (o.kind === "xmm") this.a.movaps(o, src);
    else if (this.loc(v).cls === CLASS_XMM) this.a.movups(o, src);
    else this.a.movsd(o, src);
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
   * Emits an exit with `code`; exit argument 0 = `arg0` when given. A resume leaves every
   * register but rsp and r15 undefined, so the frame pointer is recomputed from rsp after it.
   */
  exit(code: number, arg0?: number | Gpr): void {
    const a = this.a;
    a.mov(S32, mem(r15, ContextOffset.exitCode), code);
    if (arg0 !== undefined) a.mov(S64, mem(r15, ContextOffset.exitArgs), arg0);
    a.call(mem(r15, ContextOffset.exitStub));
    this.site();
    a.lea(S64, rbp, mem(rsp, this.frameSize));
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

  private emitOutOfLine(): void {
    const a = this.a;
    for (const t of this.traps.values()) {
      a.bind(t.label);
      a.mov(S64, mem(r15, ContextOffset.exitArgs + 8), t.offset);
      this.siteOffset = t.offset;
      this.exit(ExitCode.trap, t.kind);
      a.ud2();
    }
    a.bind(this.stackLabel);
    this.siteOffset = this.entryOffset();
    this.exit(ExitCode.stackExhausted);
    a.ud2();
    for (const p of this.polls) {
      a.bind(p.stub);
      this.siteOffset = p.offset;
      a.call(this.info.interruptHandler);
      this.site();
      // The memory may have moved while the runtime had control: r11 holds its base again.
      if (this.info.hasMemory) a.mov(S64, r11, mem(r15, ContextOffset.memoryBase));
      a.jmp(p.back);
    }
  }

  /** Throws the unsupported-operation error for `inst`. */
  unsupportedOp(inst: Inst): never {
    throw unsupported(opName(inst.op), inst.offset);
  }
}
