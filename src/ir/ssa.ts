/**
 * SSA construction over a `FuncBuilder`, after Braun et al., "Simple and Efficient Construction
 * of Static Single Assignment Form" (CC 2013), with block parameters in place of phi functions.
 *
 * A front end declares variables (wasm locals), writes them with `writeVar` and reads them with
 * `readVar` in the block being filled. A read in a block without a local definition looks
 * through its predecessors; a block whose predecessors are not all known yet must be left
 * unsealed, and a read there adds an incomplete parameter that `sealBlock` completes once every
 * predecessor edge exists. A completed parameter that only ever receives one value (or itself) is
 * replaced by that value at once; `FuncBuilder.finish` removes the rest that became trivial later.
 *
 * The algorithm is run with an explicit work list rather than recursion, so long chains of
 * blocks cannot overflow the JS stack.
 */
import type { FuncBuilder } from "./builder.js";
import type { Ty } from "./types.js";

interface Pending {
  readonly variable: number;
  readonly block: number;
  /** Position of the parameter in its block. */
  readonly index: number;
}

/** Braun-style SSA construction for the variables of one function. */
export class SsaBuilder {
  private readonly fb: FuncBuilder;
  private readonly undef: (ty: Ty) => number;
  private readonly varTypes: Ty[] = [];
  /** `defs[variable]`: block → register of the variable's current value at the end of that block. */
  private readonly defs: Map<number, number>[] = [];
  private readonly sealed: boolean[] = [];
  /** Incomplete parameters of unsealed blocks, in creation order. */
  private readonly incomplete = new Map<number, Pending[]>();
  private readonly pending: Pending[] = [];
  /** Scratch list of the single-predecessor blocks a lookup walks through (only its prefix is current). */
  private readonly chain: number[] = [];

  /**
   * `undef(ty)` gives the value of a variable read before any write (for wasm locals: zero); it
   * must return a register that dominates every block, such as a constant hoisted to the entry.
   */
  constructor(fb: FuncBuilder, undef: (ty: Ty) => number) {
    this.fb = fb;
    this.undef = undef;
    this.sealed[fb.entry] = true;
  }

  /** Declares a variable of type `ty`; returns its number (variables are numbered from 0). */
  declareVar(ty: Ty): number {
    this.varTypes.push(ty);
    this.defs.push(new Map());
    return this.varTypes.length - 1;
  }

  /** Records `value` as the variable's current value in `block`. */
  writeVar(variable: number, block: number, value: number): void {
    this.defs[variable]!.set(block, value);
  }

  /** The register holding the variable's value at the current end of `block`. */
  readVar(variable: number, block: number): number {
    const v = this.lookup(variable, block);
    this.drain();
    return this.fb.resolve(v);
  }

  /** Declares that every predecessor edge of `block` exists, completing its incomplete parameters. */
  sealBlock(block: number): void {
    if (this.sealed[block]) return;
    this.sealed[block] = true;
    const inc = this.incomplete.get(block);
    if (inc === undefined) return;
    this.incomplete.delete(block);
    for (const p of inc) this.pending.push(p);
    this.drain();
  }

  /** Finds (or creates, without completing) the variable's value at the end of `block`. */
  private lookup(variable: number, block: number): number {
    const defs = this.defs[variable]!;
    const ty = this.varTypes[variable]!;
    const chain = this.chain;
    let walked = 0;
    let cur = block;
    let val: number;
    for (;;) {
      const d = defs.get(cur);
      if (d !== undefined) {
        val = this.fb.resolve(d);
        break;
      }
      if (!this.sealed[cur]) {
        val = this.fb.addParam(cur, ty);
        let inc = this.incomplete.get(cur);
        if (inc === undefined) {
          inc = [];
          this.incomplete.set(cur, inc);
        }
        inc.push({ variable, block: cur, index: this.fb.paramsOf(cur).length - 1 });
        break;
      }
      const preds = this.fb.predsOf(cur);
      if (preds.length === 1) {
        chain[walked++] = cur;
        if (walked > this.fb.blockCount) throw new Error("SSA: cycle of single-predecessor blocks");
        cur = preds[0]!.from;
        continue;
      }
      if (preds.length === 0) {
        val = this.undef(ty);
        break;
      }
      val = this.fb.addParam(cur, ty);
      this.pending.push({ variable, block: cur, index: this.fb.paramsOf(cur).length - 1 });
      break;
    }
    defs.set(cur, val);
    for (let i = 0; i < walked; i++) defs.set(chain[i]!, val);
    return val;
  }

  /** Completes pending parameters: one argument per incoming edge, then the triviality check. */
  private drain(): void {
    for (let next = 0; next < this.pending.length; next++) {
      const p = this.pending[next]!;
      for (const e of this.fb.predsOf(p.block)) e.call.args.push(this.lookup(p.variable, e.from));
      this.fb.removeIfTrivial(p.block, p.index);
    }
    this.pending.length = 0;
  }
}
