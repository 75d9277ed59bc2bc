/**
 * A mutable builder for IR functions. Front ends create blocks, give them parameters, append
 * operations and set terminators in any order, then call `finish()` for the readonly `Func`.
 *
 * The builder tracks every control-flow edge (a terminator's call of a block; `brtable` entries
 * with the same target and arguments share one) so that SSA
 * construction (`ssa.ts`) can append arguments to the edges entering a block when it gives the
 * block a new parameter, and remove both again when the parameter turns out to be trivial.
 * Registers replaced that way are recorded as aliases and resolved once, in `finish()`.
 *
 * `finish()` drops blocks unreachable from the entry, removes the parameters that every incoming
 * edge fills with the same value, merges blocks entered only by a jump from one block into that
 * block, lays blocks out in the order their terminators were set (source
 * order, for a front end that fills one block at a time) and renumbers blocks and registers
 * densely in that order, so the entry's parameters are registers `0..n-1`.
 */
import type { Block, BlockCall, Func, Inst, Terminator, Ty } from "./types.js";

/** A block call whose argument list the builder may still change. */
export interface EdgeCall {
  block: number;
  args: number[];
}

/**
 * A control-flow edge: the block whose terminator makes it (updated if `finish` merges that
 * block into its predecessor), and the call it makes.
 */
export interface Edge {
  from: number;
  readonly call: EdgeCall;
}

/** A terminator under construction (block calls are still mutable). */
type BuildTerm =
  | { readonly kind: "jump"; readonly target: EdgeCall }
  | { readonly kind: "brif"; readonly cond: number; readonly ifTrue: EdgeCall; readonly ifFalse: EdgeCall }
  | {
      readonly kind: "brtable";
      readonly index: number;
      readonly targets: readonly EdgeCall[];
      readonly default: EdgeCall;
    }
  | { readonly kind: "return"; readonly args: number[] }
  | { readonly kind: "unreachable"; readonly offset: number };

/** An operation under construction: `Inst` with register lists `finish` renumbers in place. */
interface BuildInst extends Inst {
  readonly results: number[];
  readonly args: number[];
}

interface BuildBlock {
  readonly params: number[];
  insts: BuildInst[];
  term: BuildTerm | null;
  readonly preds: Edge[];
  loopHeader: boolean;
  /** Position in layout order (the order terminators were set), or -1. */
  seq: number;
}

/** Optional immediates of an operation. */
export interface Imms {
  readonly a?: number;
  readonly b?: number;
  readonly c?: number;
  readonly bytes?: Uint8Array | null;
}

const noImms: Imms = {};

/** The register list of operations without arguments or results, shared (it is never written). */
const NONE: number[] = [];

/**
 * The name of a `brif` terminator's taken edge in `types.ts`. Objects are given it through this
 * constant because a literal `then` key reads as a thenable to lint; the field name is part of
 * the IR's interface to the engines.
 */
const THEN = "then";

/** Builds one IR function. */
export class FuncBuilder {
  /** Function index in the module's index space. */
  readonly index: number;
  /** Name of the function, or null. */
  readonly name: string | null;
  /** Parameter types. */
  readonly params: readonly Ty[];
  /** Result types. */
  readonly results: readonly Ty[];
  /** Type of every register allocated so far. */
  readonly vregTypes: Ty[] = [];
  /** Registers of the entry block's parameters (the function's parameters). */
  readonly paramRegs: readonly number[];
  private readonly blocks: BuildBlock[] = [];
  /** `alias[v]` is the register that replaces `v`, or -1. */
  private readonly alias: number[] = [];
  private nextSeq = 0;

  constructor(index: number, name: string | null, params: readonly Ty[], results: readonly Ty[]) {
    this.index = index;
    this.name = name;
    this.params = params;
    this.results = results;
    const entry = this.newBlock();
    this.paramRegs = params.map((t) => this.addParam(entry, t));
  }

  /** The entry block's id (always 0). */
  get entry(): number {
    return 0;
  }

  /** Number of blocks created so far. */
  get blockCount(): number {
    return this.blocks.length;
  }

  /** Allocates a fresh register of type `ty`. */
  newVreg(ty: Ty): number {
    this.vregTypes.push(ty);
    this.alias.push(-1);
    return this.vregTypes.length - 1;
  }

  /** The type of register `v`. */
  typeOf(v: number): Ty {
    const t = this.vregTypes[v];
    if (t === undefined) throw new Error(`IR builder: no register v${v}`);
    return t;
  }

  /** Creates an empty block and returns its id. */
  newBlock(): number {
    this.blocks.push({ params: [], insts: [], term: null, preds: [], loopHeader: false, seq: -1 });
    return this.blocks.length - 1;
  }

  private blk(b: number): BuildBlock {
    const blk = this.blocks[b];
    if (blk === undefined) throw new Error(`IR builder: no block ${b}`);
    return blk;
  }

  /** Marks `b` as the header of a loop (engines check for interruption on entering it). */
  setLoopHeader(b: number): void {
    this.blk(b).loopHeader = true;
  }

  /** Appends a parameter of type `ty` to block `b` and returns its register. */
  addParam(b: number, ty: Ty): number {
    const v = this.newVreg(ty);
    this.blk(b).params.push(v);
    return v;
  }

  /** The parameter registers of block `b` (live view). */
  paramsOf(b: number): readonly number[] {
    return this.blk(b).params;
  }

  /** The edges entering block `b` so far (live view). */
  predsOf(b: number): readonly Edge[] {
    return this.blk(b).preds;
  }

  /** Appends an operation with at most one result to block `b`; returns the result register or -1. */
  op(
    b: number,
    op: number,
    resultTy: Ty | null,
    args: readonly number[],
    offset: number,
    imms = noImms,
  ): number {
    const result = resultTy === null ? -1 : this.newVreg(resultTy);
    this.push(b, op, result === -1 ? NONE : [result], args, offset, imms);
    return result;
  }

  /** Appends an operation with any number of results to block `b`; returns the result registers. */
  opN(
    b: number,
    op: number,
    resultTys: readonly Ty[],
    args: readonly number[],
    offset: number,
    imms = noImms,
  ): number[] {
    const results = resultTys.map((t) => this.newVreg(t));
    this.push(b, op, results, args, offset, imms);
    return results;
  }

  private push(
    b: number,
    op: number,
    results: number[],
    args: readonly number[],
    offset: number,
    imms: Imms,
  ): void {
    const blk = this.blk(b);
    if (blk.term !== null) throw new Error(`IR builder: block ${b} is already terminated`);
    blk.insts.push({
      op,
      results,
      args: args.length === 0 ? NONE : args.slice(),
      a: imms.a ?? 0,
      b: imms.b ?? 0,
      c: imms.c ?? 0,
      bytes: imms.bytes ?? null,
      offset,
    });
  }

  /**
   * Inserts an operation without arguments (a constant) at the start of the entry block, even
   * once that block is terminated, so its result dominates every block. Returns the result register.
   */
  hoist(op: number, resultTy: Ty, offset: number, imms = noImms): number {
    const result = this.newVreg(resultTy);
    this.blk(this.entry).insts.unshift({
      op,
      results: [result],
      args: [],
      a: imms.a ?? 0,
      b: imms.b ?? 0,
      c: imms.c ?? 0,
      bytes: imms.bytes ?? null,
      offset,
    });
    return result;
  }

  private edge(from: number, block: number, args: readonly number[]): EdgeCall {
    const call: EdgeCall = { block, args: args.slice() };
    this.blk(block).preds.push({ from, call });
    return call;
  }

  private terminate(b: number, term: BuildTerm): void {
    const blk = this.blk(b);
    if (blk.term !== null) throw new Error(`IR builder: block ${b} is already terminated`);
    blk.term = term;
    blk.seq = this.nextSeq++;
  }

  /** Ends block `b` with a jump to `target`. */
  jump(b: number, target: number, args: readonly number[]): void {
    this.blk(target);
    this.terminate(b, { kind: "jump", target: this.edge(b, target, args) });
  }

  /**
   * Ends block `b` with a two-way branch on the i32 `cond` (non-zero: `then`). Returns the else
   * edge's call, which `retarget` can still redirect.
   */
  brif(
    b: number,
    cond: number,
    thenBlock: number,
    thenArgs: readonly number[],
    elseBlock: number,
    elseArgs: readonly number[],
  ): EdgeCall {
    this.blk(thenBlock);
    this.blk(elseBlock);
    const thenCall = this.edge(b, thenBlock, thenArgs);
    const elseCall = this.edge(b, elseBlock, elseArgs);
    this.terminate(b, { kind: "brif", cond, ifTrue: thenCall, ifFalse: elseCall });
    return elseCall;
  }

  /**
   * Redirects the edge `call` made by block `from` to `block` with `args`, for example the else
   * edge of a wasm `if` that turned out to have no `else` arm. The old target must not have been
   * read from by SSA construction since the edge was made.
   */
  retarget(from: number, call: EdgeCall, block: number, args: readonly number[]): void {
    const old = this.blk(call.block).preds;
    const i = old.findIndex((e) => e.call === call);
    if (i < 0 || old[i]!.from !== from) throw new Error(`IR builder: block ${from} makes no such edge`);
    old.splice(i, 1);
    call.block = block;
    call.args = args.slice();
    this.blk(block).preds.push({ from, call });
  }

  /** Ends block `b` with a multi-way branch on the i32 `index` (out of range: `def`). */
  brtable(
    b: number,
    index: number,
    targets: readonly { readonly block: number; readonly args: readonly number[] }[],
    def: { readonly block: number; readonly args: readonly number[] },
  ): void {
    // Entries that name the same block with the same arguments share one edge, so a dense
    // table (thousands of entries, few distinct targets) does not multiply the target's edges.
    const shared = new Map<number, EdgeCall[]>();
    const edgeTo = (t: { readonly block: number; readonly args: readonly number[] }): EdgeCall => {
      this.blk(t.block);
      let calls = shared.get(t.block);
      if (calls === undefined) {
        calls = [];
        shared.set(t.block, calls);
      }
      const same = calls.find(
        (c) => c.args.length === t.args.length && c.args.every((a, i) => a === t.args[i]),
      );
      if (same !== undefined) return same;
      const call = this.edge(b, t.block, t.args);
      calls.push(call);
      return call;
    };
    const calls = targets.map(edgeTo);
    this.terminate(b, { kind: "brtable", index, targets: calls, default: edgeTo(def) });
  }

  /** Ends block `b` by returning `args` from the function. */
  ret(b: number, args: readonly number[]): void {
    this.terminate(b, { kind: "return", args: args.slice() });
  }

  /** Ends block `b` with a trap (`offset`: the wasm instruction that traps). */
  unreachable(b: number, offset: number): void {
    this.terminate(b, { kind: "unreachable", offset });
  }

  /** Records that register `v` is replaced everywhere by `by` (same type). */
  replace(v: number, by: number): void {
    const r = this.resolve(by);
    if (r === v) throw new Error(`IR builder: cannot replace v${v} by itself`);
    if (this.typeOf(v) !== this.typeOf(r)) throw new Error(`IR builder: type mismatch replacing v${v}`);
    this.alias[v] = r;
  }

  /** The register that currently stands for `v` after replacements. */
  resolve(v: number): number {
    let r = v;
    while (this.alias[r] !== undefined && this.alias[r] !== -1) r = this.alias[r]!;
    let c = v;
    while (c !== r) {
      const next = this.alias[c]!;
      this.alias[c] = r;
      c = next;
    }
    return r;
  }

  /** True when the parameter at position `i` of block `b` has been removed as trivial. */
  isRemovedParam(b: number, i: number): boolean {
    const p = this.blk(b).params[i];
    return p !== undefined && this.alias[p] !== -1;
  }

  /**
   * If every edge into block `b` passes the parameter at position `i` either itself or one same
   * other value, replaces the parameter by that value and marks it removed. Returns the
   * replacing register, or -1 when the parameter is not trivial (or already removed).
   *
   * A removed parameter keeps its position (and its edges their argument there) until `finish`
   * compacts them, so positions stay stable while SSA construction appends parameters.
   */
  removeIfTrivial(b: number, i: number): number {
    const blk = this.blk(b);
    const p = blk.params[i];
    if (p === undefined || b === this.entry || this.alias[p] !== -1) return -1;
    let same = -1;
    for (const e of blk.preds) {
      const v = this.resolve(e.call.args[i]!);
      if (v === p || v === same) continue;
      if (same !== -1) return -1;
      same = v;
    }
    if (same === -1) return -1;
    this.replace(p, same);
    return same;
  }

  /** Marks the blocks reachable from the entry. */
  private reachable(): boolean[] {
    const seen = new Array<boolean>(this.blocks.length).fill(false);
    const work = [this.entry];
    seen[this.entry] = true;
    while (work.length > 0) {
      const b = work.pop()!;
      const term = this.blk(b).term;
      if (term === null) throw new Error(`IR builder: reachable block ${b} has no terminator`);
      for (const call of termCalls(term)) {
        if (!seen[call.block]) {
          seen[call.block] = true;
          work.push(call.block);
        }
      }
    }
    return seen;
  }

  /**
   * Removes trivial parameters of reachable blocks until none is left: a work list of every
   * parameter, where removing one re-examines the parameters it was passed to.
   */
  private removeTrivialParams(live: readonly boolean[]): void {
    const users = new Map<number, number[]>();
    const work: number[] = [];
    for (let b = 1; b < this.blocks.length; b++) {
      if (!live[b]) continue;
      const blk = this.blocks[b]!;
      blk.params.forEach((p, i) => {
        if (this.alias[p] !== -1) return;
        work.push(b, i);
        for (const e of blk.preds) {
          const v = this.resolve(e.call.args[i]!);
          let u = users.get(v);
          if (u === undefined) {
            u = [];
            users.set(v, u);
          }
          u.push(b, i);
        }
      });
    }
    while (work.length > 0) {
      const i = work.pop()!;
      const b = work.pop()!;
      const p = this.blocks[b]!.params[i]!;
      const same = this.removeIfTrivial(b, i);
      if (same === -1) continue;
      // Whatever p was passed to may be trivial now, and is a user of its replacement from now on.
      const u = users.get(p);
      if (u === undefined) continue;
      users.delete(p);
      let to = users.get(same);
      if (to === undefined) {
        to = [];
        users.set(same, to);
      }
      for (const x of u) {
        work.push(x);
        to.push(x);
      }
    }
  }

  /** Drops removed parameters from their blocks and the matching arguments from their edges. */
  private compactParams(live: readonly boolean[]): void {
    for (let b = 0; b < this.blocks.length; b++) {
      const blk = this.blocks[b]!;
      if (!live[b] || blk.params.every((p) => this.alias[p] === -1)) continue;
      const keep = blk.params.map((p) => this.alias[p] === -1);
      for (const e of blk.preds) e.call.args = e.call.args.filter((_, i) => keep[i]);
      const kept = blk.params.filter((_, i) => keep[i]);
      blk.params.length = 0;
      for (const p of kept) blk.params.push(p);
    }
  }

  /**
   * Merges every block that is entered only by a `jump` from one other block into that block
   * (loop headers and the entry excepted), so straight-line code is one block.
   */
  private mergeJumpChains(live: boolean[]): void {
    for (let b = 0; b < this.blocks.length; b++) {
      if (!live[b]) continue;
      const blk = this.blocks[b]!;
      for (;;) {
        const t = blk.term!;
        if (t.kind !== "jump") break;
        const c = t.target.block;
        const cb = this.blocks[c]!;
        if (c === b || c === this.entry || cb.loopHeader || cb.preds.length !== 1 || cb.params.length !== 0)
          break;
        for (const inst of cb.insts) blk.insts.push(inst);
        blk.term = cb.term;
        for (const call of termCalls(cb.term!)) {
          for (const e of this.blocks[call.block]!.preds) if (e.call === call) e.from = b;
        }
        live[c] = false;
        cb.preds.length = 0;
        cb.insts = [];
      }
    }
  }

  /** Produces the finished function (see the module comment). The builder must not be used afterwards. */
  finish(): Func {
    const live = this.reachable();
    for (const blk of this.blocks) {
      let n = 0;
      for (const e of blk.preds) if (live[e.from]) blk.preds[n++] = e;
      blk.preds.length = n;
    }
    this.removeTrivialParams(live);
    this.compactParams(live);
    this.mergeJumpChains(live);

    const order: number[] = [];
    for (let b = 0; b < this.blocks.length; b++) if (live[b]) order.push(b);
    const key = (b: number): number => (b === this.entry ? -1 : this.blocks[b]!.seq);
    order.sort((x, y) => key(x) - key(y));
    const blockId = new Array<number>(this.blocks.length).fill(-1);
    order.forEach((b, i) => {
      blockId[b] = i;
    });

    const vregTypes: Ty[] = [];
    const vregId = new Array<number>(this.vregTypes.length).fill(-1);
    const def = (v: number): number => {
      const n = vregTypes.length;
      vregTypes.push(this.typeOf(v));
      vregId[v] = n;
      return n;
    };
    for (const b of order) {
      const blk = this.blocks[b]!;
      for (const p of blk.params) def(p);
      for (const inst of blk.insts) for (const r of inst.results) def(r);
    }
    // A use of a register that no kept block defines (a front-end bug) still gets a number of its
    // own, so the verifier reports it instead of the renumbering hiding it.
    const use = (v: number): number => {
      const r = this.resolve(v);
      const n = vregId[r];
      return n === undefined || n === -1 ? def(r) : n;
    };
    const useAll = (vs: readonly number[]): number[] => vs.map(use);
    const call = (c: EdgeCall): BlockCall => ({ block: blockId[c.block]!, args: useAll(c.args) });
    /** A brtable's calls, entries that share an edge sharing one `BlockCall`. */
    const tableCalls = (
      targets: readonly EdgeCall[],
      def: EdgeCall,
    ): { targets: BlockCall[]; def: BlockCall } => {
      const made = new Map<EdgeCall, BlockCall>();
      const get = (c: EdgeCall): BlockCall => {
        let out = made.get(c);
        if (out === undefined) {
          out = call(c);
          made.set(c, out);
        }
        return out;
      };
      return { targets: targets.map(get), def: get(def) };
    };

    const blocks: Block[] = order.map((b, id) => {
      const blk = this.blocks[b]!;
      for (const inst of blk.insts) {
        const { results, args } = inst;
        for (let i = 0; i < results.length; i++) results[i] = vregId[results[i]!]!;
        for (let i = 0; i < args.length; i++) args[i] = use(args[i]!);
      }
      const insts: readonly Inst[] = blk.insts;
      const t = blk.term!;
      let term: Terminator;
      switch (t.kind) {
        case "jump":
          term = { kind: "jump", target: call(t.target) };
          break;
        case "brif":
          term = { kind: "brif", cond: use(t.cond), [THEN]: call(t.ifTrue), else: call(t.ifFalse) };
          break;
        case "brtable": {
          const calls = tableCalls(t.targets, t.default);
          term = { kind: "brtable", index: use(t.index), targets: calls.targets, default: calls.def };
          break;
        }
        case "return":
          term = { kind: "return", args: useAll(t.args) };
          break;
        case "unreachable":
          term = { kind: "unreachable", offset: t.offset };
          break;
      }
      return { id, params: blk.params.map((p) => vregId[p]!), insts, term, loopHeader: blk.loopHeader };
    });
    return {
      index: this.index,
      name: this.name,
      params: this.params,
      results: this.results,
      vregTypes,
      blocks,
    };
  }
}

/** The block calls a terminator makes, in order. */
function termCalls(t: BuildTerm): readonly EdgeCall[] {
  switch (t.kind) {
    case "jump":
      return [t.target];
    case "brif":
      return [t.ifTrue, t.ifFalse];
    case "brtable":
      return [...t.targets, t.default];
    default:
      return [];
  }
}
