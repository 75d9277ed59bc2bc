/**
 * AVX: with `avx` set, the amd64 backend computes scalar f32/f64 add/sub/mul/div with the
 * three-operand VEX forms straight from the allocated registers (no copy before a two-operand SSE
 * op); without it, no VEX instruction appears. Both listings are checked here; the spec suite on
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
      (f32.add (local.get 2) (local.get 0)))))`;

function listing(avx: boolean): string[] {
  const { module, funcs } = compileModule(wat(MODULE));
  const env = { typeIds: module.types.map((_, i) => i), instanceId: 0 };
  return new Amd64Backend({ popcnt: true, avx })
    .compileListing(module, funcs, env)
    .listing.map((l) => l.text);
}

describe("amd64 AVX scalar float arithmetic", () => {
  it("uses three-operand VEX forms when the CPU has AVX", () => {
    const text = listing(true).join("\n");
    for (const m of ["vaddsd", "vsubsd", "vmulsd", "vdivsd", "vaddss", "vsubss", "vmulss", "vdivss"]) {
      expect(text).toMatch(new RegExp(`^${m} xmm\\d+, xmm\\d+, `, "m"));
    }
  });

  it("uses SSE only without AVX", () => {
    const text = listing(false);
    expect(text.filter((t) => /^v/.test(t))).toEqual([]);
    expect(text.join("\n")).toMatch(/^addsd xmm/m);
  });
});
