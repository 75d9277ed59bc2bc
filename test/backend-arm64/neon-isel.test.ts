/**
 * Unit tests for the arm64 SIMD selector's coverage: every Wasm SIMD operation but `v128.const`
 * (an integer-selector constant) is compiled natively, so none needs the runtime helper exit.
 */
import { describe, expect, it } from "vitest";
import { isNativeSimd } from "../../src/backend-arm64/isel-simd.js";
import { OPCODES } from "../../src/frontend/opcodes.js";

describe("arm64 isel-simd coverage", () => {
  it("compiles every SIMD operation natively but v128.const", () => {
    const simd = OPCODES.filter((i) => i.code >= 0xfd00 && i.code <= 0xfdff);
    expect(simd.length).toBeGreaterThan(230);
    const missing = simd.filter((i) => i.code !== 0xfd0c && !isNativeSimd(i.code)).map((i) => i.name);
    expect(missing).toEqual([]);
    expect(isNativeSimd(0xfd0c)).toBe(false);
  });

  it("claims no operation outside the SIMD range", () => {
    for (const info of OPCODES)
      if (info.code < 0xfd00 || info.code > 0xfdff) expect(isNativeSimd(info.code)).toBe(false);
  });
});
