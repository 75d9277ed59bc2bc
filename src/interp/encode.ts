/**
 * Encodes an IR function into the interpreter's compact form: one Int32Array of instructions
 * (see `ops.ts`) over a frame of register slots.
 *
 * Frame layout: virtual registers live in slots of an Int32Array register file, at naturally
 * aligned offsets (i32/f32: 1 slot; i64/f64: 2; v128: 4); references take one slot number whose
 * value lives in a parallel JS array. Registers with disjoint lifetimes share slots (`slots.ts`).
 * The function's parameters come first, laid out by {@link layout} so a caller can place
 * arguments knowing only the signature; a scratch area for breaking cycles of parallel moves
 * ends the frame, whose size is a multiple of 4.
 *
 * Control flow: blocks are laid out in IR order; block parameters are filled by sequentialised
 * parallel moves on the edges; jumps to the next block are elided. Loop back edges are the only
 * backward jumps, which is where the loop checks for interruption. Every instruction's wasm byte
 * offset is kept in a side table for traps.
 *
 * Fusion: an i32 comparison (or `eqz`) whose only use is a `brif` is encoded into the branch; an
 * `i32.const` operand of a comparison so fused or of a common i32 binary operation becomes an
 * immediate, and a constant left with no register use is not encoded at all.
 */
import type { Block, BlockCall, Func, Inst } from "../ir/types.js";
import { Ty } from "../ir/types.js";
import { CMP_NEGATED, CMP_SWAPPED, IMM_OPS, Op, Width } from "./ops.js";
import { assignSlots } from "./slots.js";

/** The interpreter's form of a function. */
export interface EncodedFunc {
  /** Instructions. */
  readonly code: Int32Array;
  /** Slots a frame of this function takes (a multiple of 4). */
  readonly frameSize: number;
  /** Code positions of instructions with a wasm offset, ascending... */
  readonly sitePcs: Int32Array;
  /** ...and those offsets. */
  readonly siteOffsets: Int32Array;
}

/** What encoding needs from the module: the interned id of a type index (for `call_indirect`). */
export type TypeIdOf = (typeIndex: number) => number;

/** The width code of a type (see `Width`). */
export function widthOf(t: Ty): number {
  switch (t) {
    case Ty.I32:
    case Ty.F32:
      return Width.W1;
    case Ty.I64:
    case Ty.F64:
      return Width.W2;
    case Ty.V128:
      return Width.W4;
    default:
      return Width.Ref;
  }
}

function slotsOf(w: number): number {
  return w === Width.Ref ? 1 : w;
}

function align(at: number, n: number): number {
  return (at + n - 1) & -n;
}

/** Slot offsets of values of the given types placed in order, and the total size. */
export function layout(types: readonly Ty[]): { readonly slots: number[]; readonly size: number } {
  let at = 0;
  const slots: number[] = [];
  for (const t of types) {
    const n = slotsOf(widthOf(t));
    at = align(at, n);
    slots.push(at);
    at += n;
  }
  return { slots, size: at };
}

const movOp = [Op.MovRef, Op.Mov1, Op.Mov2, 0, Op.Mov4];
const selectOp = [Op.SelectRef, Op.Select1, Op.Select2, 0, Op.Select4];
const globalGetOp = [Op.GlobalGetRef, Op.GlobalGet1, Op.GlobalGet2, 0, Op.GlobalGet4];
const globalSetOp = [Op.GlobalSetRef, Op.GlobalSet1, Op.GlobalSet2, 0, Op.GlobalSet4];

/** The condition of a `brif`: a register, or a comparison fused into the branch. */
type Cond =
  | { readonly kind: "nz" | "z"; readonly a: number }
  | { readonly kind: "cmp"; readonly k: number; readonly a: number; readonly b: number }
  | { readonly kind: "imm"; readonly k: number; readonly a: number; readonly imm: number };

/** Immediate form of a binary operation: internal op, register operand, immediate. */
interface ImmForm {
  readonly op: number;
  readonly a: number;
  readonly imm: number;
}

const COMMUTATIVE = new Set([0x6a, 0x6c, 0x71, 0x72, 0x73]);

/** Constants (`i32`, `i64`, `f32`, `f64` and `v128.const`). */
const HOISTABLE = new Set([0x41, 0x42, 0x43, 0x44, 0xfd0c]);

/** A move of `w` from slot `src` to slot `dst`. */
interface Move {
  readonly dst: number;
  src: number;
  readonly w: number;
}

/** SIMD sub-opcodes whose immediates are a memory argument (offset in `a`), and lane ones (`c`). */
function simdImms(sub: number): "mem" | "memLane" | "lane" | "none" {
  if (sub <= 0x0b || sub === 0x5c || sub === 0x5d) return "mem";
  if (sub >= 0x54 && sub <= 0x5b) return "memLane";
  if (sub >= 0x15 && sub <= 0x22) return "lane";
  return "none";
}

class Encoder {
  private readonly out: number[] = [];
  private readonly sitePcs: number[] = [];
  private readonly siteOffsets: number[] = [];
  private readonly slot: Int32Array;
  private readonly width: Uint8Array;
  private readonly blockPc: Int32Array;
  /** Positions in `out` holding a block number to replace with its code position. */
  private readonly fixups: number[] = [];
  private readonly frameSize: number;
  private readonly temp: number;
  /** Register uses left after fusion (folded constant operands are not uses). */
  private readonly uses: Int32Array;
  /** The operation defining each register (undefined for block parameters). */
  private readonly defs: (Inst | undefined)[];
  /** Operations not encoded where they are: fused comparisons and unused constants. */
  private readonly skipped = new Set<Inst>();
  /** Constants of loop bodies, encoded once at the function's entry instead. */
  private readonly hoisted: Inst[] = [];
  private readonly hoistedSet = new Set<Inst>();
  private readonly immForms = new Map<Inst, ImmForm>();
  /** The condition of each block's `brif`. */
  private readonly conds = new Map<number, Cond>();

  constructor(
    private readonly f: Func,
    private readonly typeIdOf: TypeIdOf,
  ) {
    const n = f.vregTypes.length;
    this.slot = new Int32Array(n);
    this.width = new Uint8Array(n);
    for (let v = 0; v < n; v++) this.width[v] = widthOf(f.vregTypes[v]);
    this.blockPc = new Int32Array(f.blocks.length).fill(-1);
    this.uses = new Int32Array(n);
    this.defs = new Array<Inst | undefined>(n);
    this.analyze();
    const params = layout(f.params);
    const assigned = assignSlots({
      func: f,
      width: this.width,
      paramSlots: params.slots,
      paramSize: params.size,
      encoded: (i) => this.encodedHere(i),
      hoisted: this.hoisted,
      instUses: (i) => {
        const imm = this.immForms.get(i);
        return imm === undefined ? i.args : [imm.a];
      },
      termUses: (b) => this.termUses(b),
    });
    this.slot = assigned.slot;
    this.temp = align(assigned.size, 4);
    this.frameSize = this.temp + 4;
  }

  /** Registers the terminator of `b` reads as encoded (fused comparison operands included). */
  private termUses(b: Block): number[] {
    const t = b.term;
    switch (t.kind) {
      case "jump":
        return [...t.target.args];
      case "brif": {
        const c = this.conds.get(b.id) as Cond;
        const cond = c.kind === "cmp" ? [c.a, c.b] : [c.a];
        return [...cond, ...t.then.args, ...t.else.args];
      }
      case "brtable":
        return [t.index, ...t.targets.flatMap((c) => c.args), ...t.default.args];
      case "return":
        return [...t.args];
      case "unreachable":
        return [];
    }
  }

  private constOf(v: number): number | null {
    const d = this.defs[v];
    return d !== undefined && d.op === 0x41 ? d.a : null;
  }

  /** Counts uses, then decides fusions and folded constants. */
  private analyze(): void {
    const uses = this.uses;
    const use = (v: number) => {
      uses[v]++;
    };
    for (const b of this.f.blocks) {
      for (const i of b.insts) {
        for (const v of i.results) this.defs[v] = i;
        i.args.forEach(use);
      }
      const t = b.term;
      if (t.kind === "jump") t.target.args.forEach(use);
      else if (t.kind === "brif") [t.cond, ...t.then.args, ...t.else.args].forEach(use);
      else if (t.kind === "brtable")
        [t.index, ...t.default.args, ...t.targets.flatMap((c) => c.args)].forEach(use);
      else if (t.kind === "return") t.args.forEach(use);
    }
    for (const b of this.f.blocks) {
      const t = b.term;
      if (t.kind === "brif") this.conds.set(b.id, this.condOf(t.cond));
      for (const i of b.insts) this.foldImm(i);
    }
    for (const b of this.f.blocks) {
      for (const i of b.insts) if (i.op === 0x41 && uses[i.results[0]] === 0) this.skipped.add(i);
    }
    // Blocks between a loop header and the last block jumping back to it are in the loop.
    const blocks = this.f.blocks;
    const inLoop = new Uint8Array(blocks.length);
    for (const b of blocks) {
      const t = b.term;
      const targets =
        t.kind === "jump"
          ? [t.target]
          : t.kind === "brif"
            ? [t.then, t.else]
            : t.kind === "brtable"
              ? [...t.targets, t.default]
              : [];
      for (const c of targets) if (c.block <= b.id) inLoop.fill(1, c.block, b.id + 1);
    }
    for (const b of blocks) {
      if (inLoop[b.id] === 0) continue;
      for (const i of b.insts) {
        if (HOISTABLE.has(i.op) && !this.skipped.has(i)) {
          this.hoisted.push(i);
          this.hoistedSet.add(i);
        }
      }
    }
  }

  /** The condition of a `brif` on `c`, fusing the comparison that defines it when possible. */
  private condOf(c: number): Cond {
    const d = this.defs[c];
    if (d === undefined || this.uses[c] !== 1 || d.op < 0x45 || d.op > 0x4f) return { kind: "nz", a: c };
    this.skipped.add(d);
    if (d.op === 0x45) return { kind: "z", a: d.args[0] };
    const k = d.op - 0x46;
    const [x, y] = d.args;
    const cy = this.constOf(y);
    if (cy !== null) {
      this.uses[y]--;
      return { kind: "imm", k, a: x, imm: cy };
    }
    const cx = this.constOf(x);
    if (cx !== null) {
      this.uses[x]--;
      return { kind: "imm", k: CMP_SWAPPED[k], a: y, imm: cx };
    }
    return { kind: "cmp", k, a: x, b: y };
  }

  /** Chooses the immediate form of `i` when it is an i32 binary operation with a constant operand. */
  private foldImm(i: Inst): void {
    const sub = i.op === 0x6b;
    const k = IMM_OPS.indexOf(sub ? 0x6a : i.op);
    if (k < 0) return;
    const [x, y] = i.args;
    const cy = this.constOf(y);
    if (cy !== null) {
      this.uses[y]--;
      this.immForms.set(i, { op: Op.AddImm + k, a: x, imm: sub ? -cy | 0 : cy });
      return;
    }
    const cx = this.constOf(x);
    if (cx !== null && COMMUTATIVE.has(i.op)) {
      this.uses[x]--;
      this.immForms.set(i, { op: Op.AddImm + k, a: y, imm: cx });
    }
  }

  /** True when `i` is encoded where it is (not fused, folded away or hoisted). */
  private encodedHere(i: Inst): boolean {
    return !this.skipped.has(i) && !this.hoistedSet.has(i);
  }

  encode(): EncodedFunc {
    const blocks = this.f.blocks;
    for (const inst of this.hoisted) this.inst(inst);
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      this.blockPc[b] = this.out.length;
      for (const inst of block.insts) if (this.encodedHere(inst)) this.inst(inst);
      this.terminator(b);
    }
    const code = Int32Array.from(this.out);
    for (const at of this.fixups) code[at] = this.blockPc[code[at]];
    return {
      code,
      frameSize: this.frameSize,
      sitePcs: Int32Array.from(this.sitePcs),
      siteOffsets: Int32Array.from(this.siteOffsets),
    };
  }

  private site(offset: number): void {
    this.sitePcs.push(this.out.length);
    this.siteOffsets.push(offset);
  }

  private s(v: number): number {
    return this.slot[v];
  }

  private target(block: number): void {
    this.fixups.push(this.out.length);
    this.out.push(block);
  }

  private inst(i: Inst): void {
    const o = this.out;
    this.site(i.offset);
    const op = i.op;
    const r = i.results;
    const args = i.args;
    const imm = this.immForms.get(i);
    if (imm !== undefined) {
      o.push(imm.op, this.s(r[0]), this.s(imm.a), imm.imm);
      return;
    }
    switch (op) {
      case 0x10:
      case 0x11:
        this.call(i);
        return;
      case 0x1b:
      case 0x1c:
        o.push(selectOp[this.width[r[0]]], this.s(r[0]), this.s(args[0]), this.s(args[1]), this.s(args[2]));
        return;
      case 0x23:
        o.push(globalGetOp[this.width[r[0]]], this.s(r[0]), i.a);
        return;
      case 0x24:
        o.push(globalSetOp[this.width[args[0]]], this.s(args[0]), i.a);
        return;
      case 0x41:
      case 0x43:
        o.push(Op.I32Const, this.s(r[0]), i.a);
        return;
      case 0x42:
      case 0x44:
        o.push(Op.I64Const, this.s(r[0]), i.a, i.b);
        return;
      case 0x2a:
      case 0x2b:
        o.push(op - 2, this.s(r[0]), this.s(args[0]), i.a);
        return;
      case 0x38:
      case 0x39:
        o.push(op - 2, this.s(args[0]), this.s(args[1]), i.a);
        return;
      case 0xbc:
      case 0xbe:
        o.push(Op.Mov1, this.s(r[0]), this.s(args[0]));
        return;
      case 0xbd:
      case 0xbf:
        o.push(Op.Mov2, this.s(r[0]), this.s(args[0]));
        return;
      case 0xfd0c:
        o.push(Op.V128Const, this.s(r[0]), ...this.words(i.bytes));
        return;
    }
    if (op >= 0x28 && op <= 0x3e) {
      o.push(op, ...this.operands(i), i.a);
    } else if (op === 0x25 || op === 0x26 || op === 0xd0 || op === 0xd2) {
      o.push(op, ...this.operands(i), i.a);
    } else if (op < 0x100) {
      o.push(op, ...this.operands(i));
    } else if (op >> 8 === 0xfc) {
      const sub = op & 0xff;
      o.push(Op.PrefixFC + sub, ...this.operands(i));
      if (sub >= 8) o.push(i.a, i.b);
    } else if (op >> 8 === 0xfd) {
      const sub = op & 0xff;
      o.push(Op.PrefixFD + sub, ...this.operands(i));
      const imms = simdImms(sub);
      if (imms === "mem") o.push(i.a);
      else if (imms === "memLane") o.push(i.a, i.c);
      else if (imms === "lane") o.push(i.a);
      else if (sub === 0x0d) o.push(...this.words(i.bytes));
    } else {
      throw new Error(`interpreter: unknown IR operation 0x${op.toString(16)}`);
    }
  }

  private operands(i: Inst): number[] {
    return [...i.results.map((v) => this.s(v)), ...i.args.map((v) => this.s(v))];
  }

  private words(bytes: Uint8Array | null): number[] {
    if (bytes === null || bytes.length !== 16)
      throw new Error("interpreter: v128 immediate must be 16 bytes");
    const w = new Int32Array(new Uint8Array(bytes).buffer);
    return [w[0], w[1], w[2], w[3]];
  }

  private call(i: Inst): void {
    const o = this.out;
    const indirect = i.op === 0x11;
    const args = indirect ? i.args.slice(0, -1) : i.args;
    if (indirect) o.push(Op.CallIndirect, this.typeIdOf(i.a), i.b, this.s(i.args[i.args.length - 1]));
    else o.push(Op.Call, i.a);
    const params = layout(args.map((v) => this.f.vregTypes[v]));
    o.push(args.length);
    args.forEach((v, k) => {
      o.push(this.s(v), params.slots[k], this.width[v]);
    });
    o.push(i.results.length);
    for (const v of i.results) o.push(this.s(v), this.width[v]);
  }

  /** Emits the moves of an edge (a parallel assignment of the block's parameters). */
  private moves(call: BlockCall): void {
    const params = this.f.blocks[call.block].params;
    const pending: Move[] = [];
    call.args.forEach((v, k) => {
      const dst = this.s(params[k]);
      if (dst !== this.s(v)) pending.push({ dst, src: this.s(v), w: this.width[v] });
    });
    while (pending.length > 0) {
      const ready = pending.findIndex((m) => !pending.some((n) => n.src === m.dst));
      if (ready >= 0) {
        const m = pending[ready];
        pending.splice(ready, 1);
        this.out.push(movOp[m.w], m.dst, m.src);
        continue;
      }
      const m = pending[0];
      this.out.push(movOp[m.w], this.temp, m.dst);
      for (const n of pending) if (n.src === m.dst) n.src = this.temp;
    }
  }

  private hasMoves(call: BlockCall): boolean {
    const params = this.f.blocks[call.block].params;
    return call.args.some((v, k) => this.s(v) !== this.s(params[k]));
  }

  /**
   * An edge to `call`, from the end of block `from`: moves, then a jump unless it falls through.
   * A jump to a block that only branches or returns is replaced by a copy of that terminator
   * (once, not from within a copy): a loop whose header only tests its exit condition then
   * costs one branch per iteration.
   */
  private edge(from: number, call: BlockCall, copied = false): void {
    this.moves(call);
    if (call.block === from + 1) return;
    if (!copied && this.onlyTerminator(call.block)) {
      this.terminator(call.block, from, true);
      return;
    }
    this.out.push(Op.Jmp);
    this.target(call.block);
  }

  /** True when block `b` encodes to its terminator alone: a move-free `brif` or a `return`. */
  private onlyTerminator(b: number): boolean {
    const block = this.f.blocks[b];
    if (block.insts.some((i) => this.encodedHere(i))) return false;
    const t = block.term;
    return t.kind === "return" || (t.kind === "brif" && !this.hasMoves(t.then) && !this.hasMoves(t.else));
  }

  /** Emits a conditional branch on `c` (or on its negation), all but the target. */
  private branch(c: Cond, when: boolean): void {
    const o = this.out;
    switch (c.kind) {
      case "nz":
      case "z":
        o.push((c.kind === "nz") === when ? Op.BrNz : Op.BrZ, this.s(c.a));
        return;
      case "cmp":
        o.push(Op.BrEq + (when ? c.k : CMP_NEGATED[c.k]), this.s(c.a), this.s(c.b));
        return;
      case "imm":
        o.push(Op.BrEqImm + (when ? c.k : CMP_NEGATED[c.k]), this.s(c.a), c.imm);
        return;
    }
  }

  /**
   * Emits the terminator of block `b` at the end of block `at` (itself, or a block jumping to
   * it, see `edge`); `copied` is true in the second case.
   */
  private terminator(b: number, at = b, copied = false): void {
    const o = this.out;
    const t = this.f.blocks[b].term;
    switch (t.kind) {
      case "jump":
        this.edge(at, t.target, copied);
        return;
      case "brif": {
        const cond = this.conds.get(b) as Cond;
        const thenMoves = this.hasMoves(t.then);
        const elseMoves = this.hasMoves(t.else);
        if (!thenMoves && (elseMoves || t.then.block !== at + 1)) {
          this.branch(cond, true);
          this.target(t.then.block);
          this.edge(at, t.else, copied);
        } else if (!elseMoves) {
          this.branch(cond, false);
          this.target(t.else.block);
          this.edge(at, t.then, copied);
        } else {
          this.branch(cond, false);
          o.push(0);
          const patch = o.length - 1;
          this.moves(t.then);
          o.push(Op.Jmp);
          this.target(t.then.block);
          o[patch] = o.length;
          this.edge(at, t.else, copied);
        }
        return;
      }
      case "brtable": {
        const all = [...t.targets, t.default];
        o.push(Op.BrTable, this.s(t.index), t.targets.length);
        const slots = all.map(() => {
          o.push(0);
          return o.length - 1;
        });
        all.forEach((call, k) => {
          if (this.hasMoves(call)) {
            o[slots[k]] = o.length;
            this.moves(call);
            o.push(Op.Jmp);
            this.target(call.block);
          } else {
            o[slots[k]] = call.block;
            this.fixups.push(slots[k]);
          }
        });
        return;
      }
      case "return":
        o.push(Op.Return, t.args.length, ...t.args.map((v) => this.s(v)));
        return;
      case "unreachable":
        this.site(t.offset);
        o.push(Op.Unreachable);
        return;
    }
  }
}

/** Encodes `f`; `typeIdOf` maps the module's type indices to interned signature ids. */
export function encodeFunc(f: Func, typeIdOf: TypeIdOf): EncodedFunc {
  return new Encoder(f, typeIdOf).encode();
}
