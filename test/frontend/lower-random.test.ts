/**
 * Differential test of the lowering's control flow and SSA construction: random structured
 * functions over i32 locals (nested blocks, loops, ifs, br, br_if, br_table, return, blocks
 * with results, dead code after branches) are run by V8 and by a reference evaluator of the
 * IR Kiln produces for them; results must agree on many inputs.
 */
import { describe, expect, it } from "vitest";
import { compileModule } from "../../src/frontend/lower-module.js";
import { moduleEnv } from "../../src/ir/ops.js";
import { verifyFunc } from "../../src/ir/verifier.js";
import { evalFunc } from "../ir/eval.js";
import { wat } from "../ir/helpers.js";

/** The part of V8's WebAssembly JS API used here (the project's TypeScript lib does not declare it). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
};

/** A small seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Label {
  readonly name: string;
  readonly loop: boolean;
  readonly result: boolean;
}

const VARS = ["$p0", "$p1", "$l0", "$l1", "$l2", "$l3"];
const BINOPS = [
  "i32.add",
  "i32.sub",
  "i32.mul",
  "i32.xor",
  "i32.and",
  "i32.or",
  "i32.shl",
  "i32.lt_s",
  "i32.eq",
];

/** Generates one random function body in folded wat. */
class Gen {
  private readonly r: () => number;
  private readonly labels: Label[] = [];
  private nextLabel = 0;
  /** Loop counter locals declared so far. */
  counters = 0;
  private budget = 120;

  constructor(seed: number) {
    this.r = prng(seed);
  }

  private int(n: number): number {
    return Math.floor(this.r() * n);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  private label(loop: boolean, result: boolean): Label {
    const l = { name: `$b${this.nextLabel++}`, loop, result };
    this.labels.push(l);
    return l;
  }

  /** Enclosing labels a forward branch may target. */
  private targets(): Label[] {
    return this.labels.filter((l) => !l.loop);
  }

  private loopGuard(l: Label, c: string): string {
    return `(br_if ${l.name} (i32.gt_s (local.tee ${c} (i32.sub (local.get ${c}) (i32.const 1))) (i32.const 0)))`;
  }

  stmts(depth: number): string {
    const n = this.int(4);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.stmt(depth));
    return out.join(" ");
  }

  stmt(depth: number): string {
    this.budget--;
    const deep = depth > 4 || this.budget < 0;
    const k = this.int(deep ? 3 : 10);
    const targets = this.targets();
    switch (k) {
      case 0:
      case 1:
        return `(local.set ${this.pick(VARS)} ${this.expr(depth + 1)})`;
      case 2: {
        if (targets.length === 0 || this.int(3) > 0)
          return `(local.set ${this.pick(VARS)} ${this.expr(depth + 1)})`;
        const t = this.pick(targets);
        const v = t.result ? ` ${this.expr(depth + 1)}` : "";
        switch (this.int(4)) {
          case 0:
            return `(br ${t.name}${v})`;
          case 1:
            return t.result
              ? `(drop (br_if ${t.name}${v} ${this.expr(depth + 1)}))`
              : `(br_if ${t.name} ${this.expr(depth + 1)})`;
          case 2: {
            const same = targets.filter((x) => x.result === t.result);
            const list = Array.from({ length: 1 + this.int(3) }, () => this.pick(same).name).join(" ");
            return `(br_table ${list} ${t.name}${v} ${this.expr(depth + 1)})`;
          }
          default:
            return `(return ${this.expr(depth + 1)})`;
        }
      }
      case 3:
      case 4: {
        const l = this.label(false, false);
        const body = this.stmts(depth + 1);
        this.labels.pop();
        return `(block ${l.name} ${body})`;
      }
      case 5:
      case 6: {
        const cond = this.expr(depth + 1);
        const l = this.label(false, false);
        const a = this.stmts(depth + 1);
        const b = this.int(3) === 0 ? "" : ` (else ${this.stmts(depth + 1)})`;
        this.labels.pop();
        return `(if ${l.name} ${cond} (then ${a})${b})`;
      }
      default: {
        const c = `$c${this.counters++}`;
        const l = this.label(true, false);
        const body = this.stmts(depth + 1);
        this.labels.pop();
        return `(local.set ${c} (i32.const ${1 + this.int(4)})) (loop ${l.name} ${body} ${this.loopGuard(l, c)})`;
      }
    }
  }

  expr(depth: number): string {
    this.budget--;
    const deep = depth > 5 || this.budget < 0;
    switch (this.int(deep ? 2 : 9)) {
      case 0:
        return `(local.get ${this.pick(VARS)})`;
      case 1:
        return `(i32.const ${this.int(7) - 2})`;
      case 2:
      case 3:
        return `(${this.pick(BINOPS)} ${this.expr(depth + 1)} ${this.expr(depth + 1)})`;
      case 4:
        return `(local.tee ${this.pick(VARS)} ${this.expr(depth + 1)})`;
      case 5:
        return `(select ${this.expr(depth + 1)} ${this.expr(depth + 1)} ${this.expr(depth + 1)})`;
      case 6: {
        const l = this.label(false, true);
        const s = `(block ${l.name} (result i32) ${this.stmts(depth + 1)} ${this.expr(depth + 1)})`;
        this.labels.pop();
        return s;
      }
      case 7: {
        const cond = this.expr(depth + 1);
        const l = this.label(false, true);
        const s =
          `(if ${l.name} (result i32) ${cond} (then ${this.stmts(depth + 1)} ${this.expr(depth + 1)}) ` +
          `(else ${this.stmts(depth + 1)} ${this.expr(depth + 1)}))`;
        this.labels.pop();
        return s;
      }
      default: {
        const c = `$c${this.counters++}`;
        const l = this.label(true, true);
        const s =
          `(local.set ${c} (i32.const ${1 + this.int(3)})) ` +
          `(loop ${l.name} (result i32) ${this.stmts(depth + 1)} ${this.loopGuard(l, c)} ${this.expr(depth + 1)})`;
        this.labels.pop();
        // A loop expression needs its counter set first: wrap both in a block with a result.
        return `(block (result i32) ${s})`;
      }
    }
  }
}

function randomModule(seed: number): string {
  const g = new Gen(seed);
  const body = `${g.stmts(0)} ${g.stmts(0)} (i32.add (local.get $l0) ${g.expr(0)})`;
  const counters = Array.from({ length: g.counters }, (_, i) => `(local $c${i} i32)`).join(" ");
  return (
    `(module (func (export "f") (param $p0 i32) (param $p1 i32) (result i32) ` +
    `(local $l0 i32) (local $l1 i32) (local $l2 i32) (local $l3 i32) ${counters} ${body}))`
  );
}

const INPUTS: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 2],
  [2, -3],
  [5, 7],
  [0x7fffffff, -0x80000000],
];

describe("lowering vs V8 on random structured control flow", () => {
  it("agrees on 300 random functions", () => {
    let blocks = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const text = randomModule(seed);
      const bytes = wat(text);
      const { module, funcs } = compileModule(bytes);
      const f = funcs[0]!;
      expect(verifyFunc(f, moduleEnv(module)), text).toEqual([]);
      blocks += f.blocks.length;
      const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
      const run = inst.exports.f as (a: number, b: number) => number;
      for (const [a, b] of INPUTS) {
        expect(evalFunc(f, [a, b])[0], `seed ${seed} f(${a}, ${b})\n${text}`).toBe(run(a, b));
      }
    }
    // The generator really produces branching code.
    expect(blocks / 300).toBeGreaterThan(5);
  });
});
