/**
 * Differential test: random structured programs (loops, branches, locals, calls, i32/i64 and
 * a little f64 arithmetic) run on the interpreter and on V8; results and traps must agree.
 */
import { describe, expect, it } from "vitest";
import { RuntimeError } from "../../src/errors.js";
import { call, i32, i64, load, wasm } from "../runtime/helpers.js";

/** The part of the WebAssembly JS API used here. */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
  RuntimeError: new () => Error;
};

/** A small seeded PRNG (mulberry32). */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const I32_LOCALS = ["$p0", "$p1", "$a", "$b", "$c"];
const I64_LOCALS = ["$q0", "$q1", "$x", "$y"];
const I32_BIN = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"];
const CMP = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
const I32_CONSTS = [0, 1, -1, 2, 3, 7, 31, 32, 255, 0x7fffffff, -0x80000000, 1000];

class Gen {
  private loops = 0;
  constructor(private readonly r: (n: number) => number) {}

  pick<T>(xs: readonly T[]): T {
    return xs[this.r(xs.length)];
  }

  i32(d: number): string {
    const k = d <= 0 ? this.r(2) : this.r(11);
    switch (k) {
      case 0:
        return `(i32.const ${this.pick(I32_CONSTS)})`;
      case 1:
        return `(local.get ${this.pick(I32_LOCALS)})`;
      case 2:
      case 3:
      case 4:
        return `(i32.${this.pick(I32_BIN)} ${this.i32(d - 1)} ${this.i32(d - 1)})`;
      case 5:
        return `(i32.${this.pick(CMP)} ${this.i32(d - 1)} ${this.i32(d - 1)})`;
      case 6:
        return `(i64.${this.pick(CMP)} ${this.i64(d - 1)} ${this.i64(d - 1)})`;
      case 7:
        return `(select ${this.i32(d - 1)} ${this.i32(d - 1)} ${this.i32(d - 1)})`;
      case 8:
        return `(i32.wrap_i64 ${this.i64(d - 1)})`;
      case 9:
        return `(call $h ${this.i32(d - 1)} ${this.i64(d - 1)})`;
      default:
        return this.r(2) === 0
          ? `(i32.${this.pick(["div_s", "div_u", "rem_s", "rem_u"])} ${this.i32(d - 1)} ${this.i32(d - 1)})`
          : `(i32.trunc_sat_f64_s (f64.mul (f64.convert_i32_s ${this.i32(d - 1)}) (f64.const 1.5)))`;
    }
  }

  i64(d: number): string {
    const k = d <= 0 ? this.r(2) : this.r(7);
    switch (k) {
      case 0:
        return `(i64.const ${this.pick(I32_CONSTS)})`;
      case 1:
        return `(local.get ${this.pick(I64_LOCALS)})`;
      case 2:
      case 3:
        return `(i64.${this.pick(I32_BIN)} ${this.i64(d - 1)} ${this.i64(d - 1)})`;
      case 4:
        return `(i64.extend_i32_${this.pick(["s", "u"])} ${this.i32(d - 1)})`;
      case 5:
        return `(select ${this.i64(d - 1)} ${this.i64(d - 1)} ${this.i32(d - 1)})`;
      default:
        return `(i64.${this.pick(["div_s", "div_u", "rem_s", "rem_u"])} ${this.i64(d - 1)} ${this.i64(d - 1)})`;
    }
  }

  stmts(d: number, labels: string[]): string {
    const n = 1 + this.r(4);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.stmt(d, labels));
    return out.join("\n");
  }

  stmt(d: number, labels: string[]): string {
    const k = d <= 0 ? this.r(2) : this.r(6);
    switch (k) {
      case 0:
        return `(local.set ${this.pick(I32_LOCALS.slice(2))} ${this.i32(2)})`;
      case 1:
        return `(local.set ${this.pick(I64_LOCALS.slice(2))} ${this.i64(2)})`;
      case 2:
        return `(if ${this.i32(2)} (then ${this.stmts(d - 1, labels)}) (else ${this.stmts(d - 1, labels)}))`;
      case 3: {
        if (labels.length === 0) return this.stmt(0, labels);
        return `(br_if ${this.pick(labels)} ${this.i32(2)})`;
      }
      case 4:
        return `(local.set $a (local.get $b)) (local.set $b (local.get $c)) (local.set $c (local.get $a))`;
      default: {
        const id = this.loops++;
        if (id >= 3) return this.stmt(0, labels);
        const body = this.stmts(d - 1, [...labels, `$out${id}`]);
        return `(local.set $n${id} (i32.const ${1 + this.r(6)}))
          (block $out${id} (loop $l${id} ${body}
            (local.set $n${id} (i32.sub (local.get $n${id}) (i32.const 1)))
            (br_if $l${id} (i32.gt_s (local.get $n${id}) (i32.const 0)))))`;
      }
    }
  }

  module(): string {
    const body = this.stmts(3, []);
    return `(module
      (func $h (param i32 i64) (result i32) (i32.xor (local.get 0) (i32.wrap_i64 (i64.rotl (local.get 1) (i64.const 7)))))
      (func (export "f") (param $p0 i32) (param $p1 i32) (param $q0 i64) (param $q1 i64) (result i64)
        (local $a i32) (local $b i32) (local $c i32) (local $x i64) (local $y i64)
        (local $n0 i32) (local $n1 i32) (local $n2 i32)
        ${body}
        (i64.xor (i64.xor (local.get $x) (i64.rotl (local.get $y) (i64.const 17)))
          (i64.extend_i32_u (i32.xor (local.get $a) (i32.rotl (i32.xor (local.get $b) (local.get $c)) (i32.const 9)))))))`;
  }
}

type Outcome = { kind: "value"; value: bigint } | { kind: "trap" };

describe("random programs agree with V8", () => {
  it("on 300 programs", () => {
    const r = rng(12345);
    let traps = 0;
    for (let p = 0; p < 300; p++) {
      const text = new Gen(r).module();
      const bytes = wasm(text);
      const v8f = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f as (
        ...a: unknown[]
      ) => bigint;
      const inst = load(bytes);
      for (let t = 0; t < 4; t++) {
        const args = [
          r(3) === 0 ? 0 : r(0x7fffffff) - 0x3fffffff,
          r(100),
          BigInt(r(0x7fffffff)) * BigInt(r(0x7fffffff) + 1) - 0x1000000000n,
          BigInt(r(7)),
        ] as const;
        let expected: Outcome;
        try {
          expected = { kind: "value", value: v8f(...args) };
        } catch (e) {
          if (!(e instanceof WebAssembly.RuntimeError)) throw e;
          expected = { kind: "trap" };
        }
        let got: Outcome;
        try {
          const [v] = call(inst, "f", i32(args[0]), i32(args[1]), i64(args[2]), i64(args[3]));
          if (v.type !== "i64") throw new Error("not an i64");
          got = { kind: "value", value: BigInt.asIntN(64, (BigInt(v.hi) << 32n) | BigInt(v.lo >>> 0)) };
        } catch (e) {
          if (!(e instanceof RuntimeError)) throw e;
          got = { kind: "trap" };
        }
        if (got.kind === "trap") traps++;
        expect(got, `program ${p}, args ${args.join(", ")}:\n${text}`).toEqual(expected);
      }
    }
    expect(traps).toBeGreaterThan(0);
    expect(traps).toBeLessThan(600);
  });
});
