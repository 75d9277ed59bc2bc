import { describe, expect, it } from "vitest";
import { validateWat, watError } from "./validate-function-helpers.js";

describe("smoke", () => {
  it("validates", () => {
    validateWat(`(module (memory 1) (func (param i32) (result i32) local.get 0 i32.const 1 i32.add
      v128.const i32x4 1 2 3 4 i32x4.extract_lane 2 drop
      block (result i32) i32.const 1 br 0 end drop))`);
    expect(watError(`(module (func (result i32) f32.const 1 i32.const 2 i32.add))`)).toMatch(/type mismatch/);
  });
});
