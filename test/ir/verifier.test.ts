import { describe, expect, it } from "vitest";
import type { ModuleEnv } from "../../src/ir/ops.js";
import type { Block, Func, Inst, Terminator } from "../../src/ir/types.js";
import { Ty } from "../../src/ir/types.js";
import { assertValidFunc, IrVerifyError, verifyFunc } from "../../src/ir/verifier.js";

function inst(op: number, results: number[], args: number[], imms: Partial<Inst> = {}): Inst {
  return { op, results, args, a: 0, b: 0, c: 0, bytes: null, offset: 0, ...imms };
}

function block(
  id: number,
  params: number[],
  insts: readonly Inst[],
  term: Terminator,
  loopHeader = false,
): Block {
  return { id, params, insts, term, loopHeader };
}

function func(params: Ty[], results: Ty[], vregTypes: Ty[], blocks: Block[]): Func {
  return { index: 0, name: null, params, results, vregTypes, blocks };
}

/** The taken edge's field name (a literal `then` key reads as a thenable to lint). */
const THEN = "then";

function brif(
  cond: number,
  thenBlock: number,
  thenArgs: number[],
  elseBlock: number,
  elseArgs: number[],
): Terminator {
  return {
    kind: "brif",
    cond,
    [THEN]: { block: thenBlock, args: thenArgs },
    else: { block: elseBlock, args: elseArgs },
  };
}

const I32_CONST = 0x41;
const I64_CONST = 0x42;
const I32_ADD = 0x6a;
const I64_EQZ = 0x50;
const ret = (...args: number[]): Terminator => ({ kind: "return", args });
const jump = (b: number, ...args: number[]): Terminator => ({ kind: "jump", target: { block: b, args } });

/** A valid diamond: block0(v0) brif v0 -> block1 | block2, both jump to block3(v3) with a constant. */
function diamond(): Func {
  return func(
    [Ty.I32],
    [Ty.I32],
    [Ty.I32, Ty.I32, Ty.I32, Ty.I32],
    [
      block(0, [0], [], brif(0, 1, [], 2, [])),
      block(1, [], [inst(I32_CONST, [1], [], { a: 1 })], jump(3, 1)),
      block(2, [], [inst(I32_CONST, [2], [], { a: 2 })], jump(3, 2)),
      block(3, [3], [], ret(3)),
    ],
  );
}

describe("IR verifier", () => {
  it("accepts a valid function", () => {
    expect(verifyFunc(diamond())).toEqual([]);
    expect(() => assertValidFunc(diamond())).not.toThrow();
  });

  it("rejects a use before its definition in the same block", () => {
    const f = func(
      [],
      [Ty.I32],
      [Ty.I32, Ty.I32],
      [block(0, [], [inst(I32_ADD, [1], [0, 0]), inst(I32_CONST, [0], [])], ret(1))],
    );
    expect(verifyFunc(f).join("\n")).toMatch(/block0 inst 0 \(i32\.add\): use of v0 is not dominated/);
  });

  it("rejects a use not dominated by its definition", () => {
    const d = diamond();
    // block3 returns v1, which only block1 defines.
    const f = { ...d, blocks: [...d.blocks.slice(0, 3), block(3, [3], [], ret(1))] };
    expect(verifyFunc(f)).toEqual(["block3 return: use of v1 is not dominated by its definition in block1"]);
  });

  it("rejects double and missing definitions and out-of-range registers", () => {
    const f = func(
      [],
      [Ty.I32],
      [Ty.I32, Ty.I32, Ty.I32],
      [
        block(
          0,
          [],
          [inst(I32_CONST, [0], []), inst(I32_CONST, [0], []), inst(I32_ADD, [1], [0, 7])],
          ret(1),
        ),
      ],
    );
    const problems = verifyFunc(f).join("\n");
    expect(problems).toMatch(/v0 is defined more than once/);
    expect(problems).toMatch(/v2 is never defined/);
    expect(problems).toMatch(/uses v7, out of range/);
  });

  it("rejects block calls with the wrong arity or types", () => {
    const d = diamond();
    const arity = {
      ...d,
      blocks: [d.blocks[0]!, block(1, [], d.blocks[1]!.insts, jump(3)), ...d.blocks.slice(2)],
    };
    expect(verifyFunc(arity)).toEqual(["block1 jump to block3: 0 args, expected 1"]);
    const types = { ...d, vregTypes: [Ty.I32, Ty.I32, Ty.I64, Ty.I32] };
    expect(verifyFunc(types).join("\n")).toMatch(/block2 jump to block3: args 0 is v2:i64, expected i32/);
  });

  it("rejects operand and result type mismatches", () => {
    const f = func(
      [Ty.I32],
      [Ty.I32],
      [Ty.I32, Ty.I64, Ty.I32],
      [block(0, [0], [inst(I64_CONST, [1], []), inst(I32_ADD, [2], [0, 1])], ret(2))],
    );
    expect(verifyFunc(f)).toEqual(["block0 inst 1 (i32.add): args 1 is v1:i64, expected i32"]);
    const g = func([Ty.I64], [Ty.I64], [Ty.I64, Ty.I64], [block(0, [0], [inst(I64_EQZ, [1], [0])], ret(1))]);
    expect(verifyFunc(g)).toEqual(["block0 inst 0 (i64.eqz): results 0 is v1:i64, expected i32"]);
  });

  it("rejects bad terminators: condition type, return values, targets out of range", () => {
    const d = diamond();
    const cond = { ...d, params: [Ty.I64], vregTypes: [Ty.I64, Ty.I32, Ty.I32, Ty.I32] };
    expect(verifyFunc(cond)).toEqual(["block0 brif: condition 0 is v0:i64, expected i32"]);
    const results = { ...d, results: [Ty.I32, Ty.I32] };
    expect(verifyFunc(results)).toEqual(["block3 return: 1 return values, expected 2"]);
    const range = { ...d, blocks: [block(0, [0], [], brif(0, 1, [], 9, [])), ...d.blocks.slice(1)] };
    expect(verifyFunc(range).join("\n")).toMatch(/block0 brif: target block9 is out of range \(4 blocks\)/);
  });

  it("rejects entry parameters that differ from the function's, an entry with predecessors, unreachable blocks", () => {
    const d = diamond();
    expect(verifyFunc({ ...d, params: [Ty.F32] })[0]).toMatch(
      /entry block params \(i32\) differ from function params \(f32\)/,
    );
    const loop = func([], [], [], [block(0, [], [], jump(0))]);
    expect(verifyFunc(loop)).toEqual(["the entry block has predecessors"]);
    const orphan = func([], [], [], [block(0, [], [], ret()), block(1, [], [], ret())]);
    expect(verifyFunc(orphan)).toEqual(["block1 is unreachable from the entry"]);
    const ids = func([], [], [], [block(5, [], [], ret())]);
    expect(verifyFunc(ids)).toEqual(["block at position 0 has id 5"]);
  });

  it("rejects operations that are not IR operations or have bad immediates", () => {
    const local = func([], [], [], [block(0, [], [inst(0x20, [], [])], ret())]);
    expect(verifyFunc(local)).toEqual(["block0 inst 0 (local.get): local.get is not an IR operation"]);
    const lane = func(
      [],
      [Ty.I32],
      [Ty.V128, Ty.I32],
      [
        block(
          0,
          [],
          [inst(0xfd0c, [0], [], { bytes: new Uint8Array(16) }), inst(0xfd1b, [1], [0], { a: 4 })],
          ret(1),
        ),
      ],
    );
    expect(verifyFunc(lane)).toEqual(["block0 inst 1 (i32x4.extract_lane): lane 4 out of range"]);
    const align = func(
      [Ty.I32],
      [Ty.I32],
      [Ty.I32, Ty.I32],
      [block(0, [0], [inst(0x28, [1], [0], { b: 3 })], ret(1))],
    );
    expect(verifyFunc(align)).toEqual(["block0 inst 0 (i32.load): alignment 2^3 exceeds the natural 4"]);
  });

  it("checks calls, globals and tables against a module environment", () => {
    const env: ModuleEnv = {
      types: [{ params: [Ty.I32], results: [Ty.I64] }],
      funcs: [{ params: [Ty.I32], results: [Ty.I64] }],
      globals: [{ type: Ty.I32, mutable: false }],
      tables: [Ty.ExternRef],
      memories: 0,
      datas: 0,
      elems: 0,
    };
    const call = func([Ty.I32], [Ty.I32], [Ty.I32, Ty.I32], [block(0, [0], [inst(0x10, [1], [0])], ret(1))]);
    expect(verifyFunc(call)).toEqual([]);
    expect(verifyFunc(call, env)).toEqual(["block0 inst 0 (call): results 0 is v1:i32, expected i64"]);
    const set = func([Ty.I32], [], [Ty.I32], [block(0, [0], [inst(0x24, [], [0])], ret())]);
    expect(verifyFunc(set, env)).toEqual(["block0 inst 0 (global.set): global 0 is immutable"]);
    const indirect = func(
      [Ty.I32],
      [Ty.I64],
      [Ty.I32, Ty.I64],
      [block(0, [0], [inst(0x11, [1], [0, 0])], ret(1))],
    );
    expect(verifyFunc(indirect, env)).toEqual([
      "block0 inst 0 (call_indirect): call_indirect through table 0, which is not a funcref table",
    ]);
    const load = func(
      [Ty.I32],
      [Ty.I32],
      [Ty.I32, Ty.I32],
      [block(0, [0], [inst(0x28, [1], [0], { b: 2 })], ret(1))],
    );
    expect(verifyFunc(load)).toEqual([]);
    expect(verifyFunc(load, env)).toEqual([
      "block0 inst 0 (i32.load): memory operation in a module without memory",
    ]);
  });

  it("throws IrVerifyError listing every problem", () => {
    const d = diamond();
    const bad = { ...d, name: "f", results: [Ty.I64] };
    expect(() => assertValidFunc(bad)).toThrow(IrVerifyError);
    expect(() => assertValidFunc(bad)).toThrow(/invalid IR in func 0 "f":\n {2}block3 return/);
  });
});
