import { describe, expect, it } from "vitest";
import { ValType } from "../../src/frontend/types.js";
import { instSignature, moduleEnv, opImmKind, opMayTrap, opName, tyOfValType } from "../../src/ir/ops.js";
import type { Inst } from "../../src/ir/types.js";
import { Ty } from "../../src/ir/types.js";
import { compileWat } from "./helpers.js";

function inst(op: number, results: number[], args: number[], a = 0): Inst {
  return { op, results, args, a, b: 0, c: 0, bytes: null, offset: 0 };
}

describe("IR operation facts", () => {
  it("names operations with their wasm names", () => {
    expect([0x6a, 0xfc0b, 0xfd0d, 0x1b].map(opName)).toEqual([
      "i32.add",
      "memory.fill",
      "i8x16.shuffle",
      "select",
    ]);
  });

  it("knows which operations can trap", () => {
    const trapping = [
      0x28, 0x3e, 0xfd00, 0xfd5b, 0x6d, 0x82, 0xa8, 0xb1, 0x10, 0x11, 0x25, 0xfc08, 0xfc0e, 0xfc11,
    ];
    const safe = [
      0x6a, 0x6c, 0x71, 0xfc00, 0xfc07, 0xfd0e, 0x3f, 0x40, 0xfc09, 0xfc0d, 0xfc0f, 0xfc10, 0x23, 0x1b,
    ];
    expect(trapping.filter((op) => !opMayTrap(op)).map(opName)).toEqual([]);
    expect(safe.filter(opMayTrap).map(opName)).toEqual([]);
  });

  it("describes immediate layouts", () => {
    expect([0x41, 0x42, 0x28, 0xfd54, 0xfd15, 0x11, 0xfc0e, 0xd0, 0x6a].map(opImmKind)).toEqual([
      "i32",
      "i64",
      "memarg",
      "memargLane",
      "lane",
      "callIndirect",
      "twoIndices",
      "refType",
      "none",
    ]);
  });

  it("maps value types and module facts to IR types", () => {
    expect(Object.values(ValType).map(tyOfValType)).toEqual([
      Ty.I32,
      Ty.I64,
      Ty.F32,
      Ty.F64,
      Ty.V128,
      Ty.FuncRef,
      Ty.ExternRef,
    ]);
    const { module } = compileWat(`(module
      (import "m" "g" (global i64)) (import "m" "f" (func (param f32)))
      (global (mut externref) (ref.null extern)) (table 1 funcref) (memory 1)
      (func (result i32) (i32.const 0)) (data "x") (elem func 1))`);
    const env = moduleEnv(module);
    expect(env.funcs).toEqual([
      { params: [Ty.F32], results: [] },
      { params: [], results: [Ty.I32] },
    ]);
    expect(env.globals).toEqual([
      { type: Ty.I64, mutable: false },
      { type: Ty.ExternRef, mutable: true },
    ]);
    expect([env.tables, env.memories, env.datas, env.elems]).toEqual([[Ty.FuncRef], 1, 1, 1]);
  });

  it("types operations whose signature follows their operands or the module", () => {
    const types = [Ty.F64, Ty.F64, Ty.I32, Ty.F64, Ty.ExternRef, Ty.I32];
    expect(instSignature(inst(0x1b, [3], [0, 1, 2]), types)).toEqual({
      params: [Ty.F64, Ty.F64, Ty.I32],
      results: [Ty.F64],
    });
    expect(instSignature(inst(0xd1, [5], [4]), types)).toEqual({ params: [Ty.ExternRef], results: [Ty.I32] });
    expect(instSignature(inst(0xd1, [5], [2]), types)).toBe("ref.is_null takes one reference");
    expect(instSignature(inst(0xd0, [4], [], Ty.I32), types)).toMatch(/ref.null of non-reference type/);
    expect(instSignature(inst(0x0c, [], []), types)).toBe("br is not an IR operation");
    expect(instSignature(inst(0xfcff, [], []), types)).toMatch(/unknown operation/);
  });
});
