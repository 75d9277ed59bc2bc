/**
 * AVX: with `avx` set, the amd64 backend computes scalar f32/f64 add/sub/mul/div and the packed
 * two-operand SIMD operations with the three-operand VEX forms straight from the allocated
 * registers (no copy before a two-operand SSE op); without it, no VEX instruction appears. Both listings are checked here; the spec suite on
 * the compiler (test/compiler/spec-suite.test.ts) runs the AVX forms on hosts that have AVX.
 */
import { describe, expect, it } from "vitest";
import { Amd64Backend } from "../../src/backend-amd64/compile.js";
import { compileModule } from "../../src/frontend/lower-module.js";
import { wat } from "../ir/helpers.js";

const MODULE = `(module
  (func (export "f64") (param f64 f64 f64) (result f64)
    (f64.div (f64.mul (f64.add (local.get 0) (local.get 1)) (f64.sub (local.get 1) (local.get 2)))
      (f64.add (local.get 2) (local.get 0))))
  (func (export "f32") (param f32 f32 f32) (result f32)
    (f32.div (f32.mul (f32.add (local.get 0) (local.get 1)) (f32.sub (local.get 1) (local.get 2)))
      (f32.add (local.get 2) (local.get 0))))
  (func (export "simd") (param v128 v128 v128) (result v128)
    (i32x4.mul (i16x8.add_sat_s (local.get 0) (local.get 1))
      (f64x2.lt (local.get 2) (f32x4.max (local.get 1) (local.get 0))))))`;

function listing(avx: boolean): string[] {
  const { module, funcs } = compileModule(wat(MODULE));
  const env = { typeIds: module.types.map((_, i) => i), instanceId: 0 };
  return new Amd64Backend({ popcnt: true, avx })
    .compileListing(module, funcs, env)
    .listing.map((l) => l.text);
}

describe("amd64 AVX forms", () => {
  it("uses three-operand VEX forms when the CPU has AVX", () => {
    const text = listing(true).join("\n");
    const mnemonics = ["vaddsd", "vsubsd", "vmulsd", "vdivsd", "vaddss", "vsubss", "vmulss", "vdivss"];
    for (const m of [...mnemonics, "vpaddsw"]) {
      expect(text).toMatch(new RegExp(`^${m} xmm\\d+, xmm\\d+, `, "m"));
    }
  });

  it("uses SSE only without AVX", () => {
    const text = listing(false);
    expect(text.filter((t) => /^v/.test(t))).toEqual([]);
    expect(text.join("\n")).toMatch(/^addsd xmm/m);
  });
});
