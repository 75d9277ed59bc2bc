/**
 * The `FuncVisitor` hook of the function validator (what the IR lowering will see), and
 * robustness: random bodies only ever raise `CompileError`, and mutated bodies are accepted
 * exactly when V8 accepts them.
 */
import { describe, expect, it } from "vitest";
import { CompileError } from "../../src/errors.js";
import { opcodeName } from "../../src/frontend/opcodes.js";
import { type FuncType, ValType, type ValType as VT } from "../../src/frontend/types.js";
import { validateFunction } from "../../src/frontend/validate-function.js";
import { type FuncVisitor, type Immediates, UNKNOWN_TYPE } from "../../src/frontend/visitor.js";
import {
  decodeForTest,
  moduleBytes,
  uleb,
  v8Validate,
  validateWat,
  wat,
} from "./validate-function-helpers.js";

/** One visited instruction with the immediates relevant to it copied out. */
interface Seen {
  readonly name: string;
  readonly offset: number;
  readonly reachable: boolean;
  readonly imm: Record<string, unknown>;
}

function snapshot(op: number, imm: Immediates): Record<string, unknown> {
  switch (opcodeName(op)) {
    case "block":
    case "loop":
    case "if":
      return { type: imm.blockType };
    case "else":
    case "end":
      return { type: imm.blockType, fallthrough: imm.fallthrough };
    case "br":
    case "br_if":
    case "call":
    case "local.get":
    case "local.set":
    case "local.tee":
    case "global.get":
    case "ref.func":
      return { index: imm.index };
    case "br_table":
      return { targets: [...imm.targets.subarray(0, imm.targetCount)], index: imm.index };
    case "call_indirect":
    case "table.init":
    case "table.copy":
      return { index: imm.index, index2: imm.index2 };
    case "i32.const":
    case "f32.const":
      return { lo: imm.lo };
    case "i64.const":
    case "f64.const":
      return { lo: imm.lo, hi: imm.hi };
    case "v128.const":
    case "i8x16.shuffle":
      return { v128: [...imm.v128] };
    case "i32.load":
    case "v128.store":
      return { align: imm.align, offset: imm.offset };
    case "v128.load16_lane":
      return { align: imm.align, offset: imm.offset, lane: imm.lane };
    case "i16x8.extract_lane_u":
      return { lane: imm.lane };
    case "memory.init":
    case "data.drop":
      return { index: imm.index };
    case "select":
    case "drop":
    case "ref.null":
    case "ref.is_null":
      return { valType: imm.valType };
    default:
      return {};
  }
}

/** A visitor that records everything, and checks the immediates object is reused. */
class Recorder implements FuncVisitor {
  readonly seen: Seen[] = [];
  readonly begins: { funcIndex: number; type: FuncType; locals: readonly VT[] }[] = [];
  private imm: Immediates | null = null;

  beginFunction(funcIndex: number, type: FuncType, locals: readonly VT[]): void {
    this.begins.push({ funcIndex, type, locals });
  }

  instruction(op: number, imm: Immediates, offset: number, reachable: boolean): void {
    if (this.imm !== null) expect(imm).toBe(this.imm);
    this.imm = imm;
    this.seen.push({ name: opcodeName(op), offset, reachable, imm: snapshot(op, imm) });
  }
}

function visit(text: string): Recorder {
  const r = new Recorder();
  validateWat(text, r);
  return r;
}

describe("FuncVisitor", () => {
  it("sees every instruction with its offset, the final end last", () => {
    const bytes = wat(
      "(module (func (param i32) (result i32) (local i64 f32) local.get 0 i32.const -5 i32.add))",
    );
    const { ctx, bodies } = decodeForTest(bytes);
    const r = new Recorder();
    validateFunction(ctx, 0, bodies[0]!, r);
    expect(r.begins).toEqual([
      {
        funcIndex: 0,
        type: { params: [ValType.I32], results: [ValType.I32] },
        locals: [ValType.I64, ValType.F32],
      },
    ]);
    const start = bodies[0]!.codeStart;
    expect(r.seen).toEqual([
      { name: "local.get", offset: start, reachable: true, imm: { index: 0 } },
      { name: "i32.const", offset: start + 2, reachable: true, imm: { lo: -5 } },
      { name: "i32.add", offset: start + 4, reachable: true, imm: {} },
      {
        name: "end",
        offset: start + 5,
        reachable: true,
        imm: { type: { params: [ValType.I32], results: [ValType.I32] }, fallthrough: true },
      },
    ]);
    expect(bodies[0]!.codeEnd).toBe(start + 6);
  });

  it("gets constants as exact bits", () => {
    const r = visit(`(module (func
      i64.const 0x123456789abcdef0 drop
      i64.const -2 drop
      f32.const 1.5 drop
      f64.const -2 drop
      v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 255 drop))`);
    const imms = r.seen.filter((s) => s.name.endsWith(".const")).map((s) => s.imm);
    expect(imms).toEqual([
      { lo: 0x9abcdef0 | 0, hi: 0x12345678 },
      { lo: -2, hi: -1 },
      { lo: 0x3fc00000 },
      { lo: 0, hi: 0xc0000000 },
      { v128: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255] },
    ]);
  });

  it("gets memory arguments, lanes, shuffles and segment indices", () => {
    const r = visit(`(module (memory 1) (data "x")
      (func (param v128)
        i32.const 0 i32.load offset=12 align=4 drop
        i32.const 0 local.get 0 v128.store offset=7 align=16
        i32.const 0 local.get 0 v128.load16_lane offset=3 align=1 5 drop
        local.get 0 i16x8.extract_lane_u 7 drop
        local.get 0 local.get 0 i8x16.shuffle 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 drop
        i32.const 0 i32.const 0 i32.const 0 memory.init 0 data.drop 0))`);
    const by = (name: string) => r.seen.filter((s) => s.name === name).map((s) => s.imm);
    // Alignment as its log2 exponent: align=4 bytes is 2.
    expect(by("i32.load")).toEqual([{ align: 2, offset: 12 }]);
    expect(by("v128.store")).toEqual([{ align: 4, offset: 7 }]);
    expect(by("v128.load16_lane")).toEqual([{ align: 0, offset: 3, lane: 5 }]);
    expect(by("i16x8.extract_lane_u")).toEqual([{ lane: 7 }]);
    expect(by("i8x16.shuffle")).toEqual([{ v128: [...Array(16).keys()].map((i) => 31 - i) }]);
    expect(by("memory.init")).toEqual([{ index: 0 }]);
    expect(by("data.drop")).toEqual([{ index: 0 }]);
  });

  it("gets resolved block types, branch targets and call indices", () => {
    const r = visit(`(module
      (type $t (func (param i32) (result i64 i32)))
      (type $u (func (param i64 i32) (result i64 i32)))
      (table 2 funcref) (table 1 funcref)
      (func $f (param i32) (result i64 i32) i64.const 0 local.get 0)
      (func (param i32) (result i64 i32)
        local.get 0
        block $b (type $t)
          loop $l (param i32) (result i64 i32)
            call $f
            i32.const 0 call_indirect 1 (type $u)
          end
        end
        local.get 0 br_table 0 0 0))`);
    const t = { params: [ValType.I32], results: [ValType.I64, ValType.I32] };
    const second = r.seen.slice(r.seen.findIndex((s) => s.name === "end") + 1);
    expect(second.map((s) => [s.name, s.imm])).toEqual([
      ["local.get", { index: 0 }],
      ["block", { type: t }],
      ["loop", { type: t }],
      ["call", { index: 0 }],
      ["i32.const", { lo: 0 }],
      ["call_indirect", { index: 1, index2: 1 }],
      ["end", { type: t, fallthrough: true }],
      ["end", { type: t, fallthrough: true }],
      ["local.get", { index: 0 }],
      ["br_table", { targets: [0, 0], index: 0 }],
      ["end", { type: t, fallthrough: false }],
    ]);
    expect(r.begins.map((b) => b.funcIndex)).toEqual([0, 1]);
  });

  it("is told which code is dead, and where control falls through", () => {
    const r = visit(`(module (func (param i32) (result i32)
      block (result i32)
        i32.const 1
        br 0
        i32.const 2
        block
          nop
        end
      end
      local.get 0
      if (result i32)
        unreachable
      else
        i32.const 3
      end
      drop
      i32.const 4
      return
      i32.const 5))`);
    expect(r.seen.map((s) => [s.name, s.reachable, s.imm.fallthrough])).toEqual([
      ["block", true, undefined],
      ["i32.const", true, undefined],
      ["br", true, undefined],
      ["i32.const", false, undefined],
      ["block", false, undefined],
      ["nop", false, undefined],
      ["end", false, false],
      ["end", true, false],
      ["local.get", true, undefined],
      ["if", true, undefined],
      ["unreachable", true, undefined],
      ["else", true, false],
      ["i32.const", true, undefined],
      ["end", true, true],
      ["drop", true, undefined],
      ["i32.const", true, undefined],
      ["return", true, undefined],
      ["i32.const", false, undefined],
      ["end", true, false],
    ]);
  });

  it("gets the operand type of drop and select, unknown only in dead code", () => {
    const r = visit(`(module (func (param f64 v128)
      local.get 0 drop
      local.get 1 local.get 1 i32.const 0 select drop
      ref.null extern ref.null extern i32.const 1 select (result externref) ref.is_null drop
      ref.null func drop
      unreachable
      select drop
      f32.const 0 i32.const 0 select drop))`);
    expect(
      r.seen.filter((s) => s.imm.valType !== undefined).map((s) => [s.name, s.reachable, s.imm.valType]),
    ).toEqual([
      ["drop", true, ValType.F64],
      ["select", true, ValType.V128],
      ["drop", true, ValType.V128],
      ["ref.null", true, ValType.ExternRef],
      ["ref.null", true, ValType.ExternRef],
      ["select", true, ValType.ExternRef],
      ["ref.is_null", true, ValType.ExternRef],
      ["drop", true, ValType.I32],
      ["ref.null", true, ValType.FuncRef],
      ["drop", true, ValType.FuncRef],
      ["select", false, UNKNOWN_TYPE],
      ["drop", false, UNKNOWN_TYPE],
      ["select", false, ValType.F32],
      ["drop", false, ValType.F32],
    ]);
  });

  it("sees instructions up to the invalid one only", () => {
    const r = new Recorder();
    expect(() => validateWat("(module (func i32.const 1 f32.const 2 i32.add drop))", r)).toThrow(
      CompileError,
    );
    expect(r.seen.map((s) => s.name)).toEqual(["i32.const", "f32.const"]);
  });
});

/** A deterministic pseudo-random generator (xorshift32). */
function rng(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

/** A module with memory, two tables, globals, a data count and `bodies` as its `[] -> []` functions. */
function richModule(bodies: readonly (readonly number[])[]): Uint8Array {
  const code: number[] = [...uleb(bodies.length)];
  for (const b of bodies) {
    const body = [1, 1, 0x7f, ...b];
    code.push(...uleb(body.length), ...body);
  }
  return moduleBytes(
    [1, 2, 0x60, 1, 0x7f, 1, 0x7f, 0x60, 0, 0],
    [3, bodies.length, ...bodies.map(() => 1)],
    [4, 2, 0x70, 0, 1, 0x6f, 0, 1],
    [5, 1, 0, 1],
    [6, 2, 0x7f, 1, 0x41, 0, 0x0b, 0x7b, 0, 0xfd, 0x0c, ...Array(16).fill(0), 0x0b],
    [9, 1, 3, 0, 1, 0],
    [12, 1],
    [10, ...code],
  );
}

describe("robustness", () => {
  it("throws only CompileError on random bodies", () => {
    const next = rng(0x5eed);
    // Bytes biased toward real opcodes and small immediates, so decoding gets somewhere.
    const pick = (): number => {
      const r = next(10);
      if (r < 3) return next(0x20);
      if (r < 5) return 0x20 + next(0xa5);
      if (r < 6) return next(2) === 0 ? 0xfc : 0xfd;
      return next(256);
    };
    let valid = 0;
    for (let i = 0; i < 3000; i++) {
      const body = [...Array.from({ length: next(24) }, pick), 0x0b];
      const { ctx, bodies } = decodeForTest(richModule([body]));
      try {
        validateFunction(ctx, 0, bodies[0]!);
        valid++;
      } catch (e) {
        if (!(e instanceof CompileError)) throw new Error(`non-CompileError on body ${body}: ${e}`);
      }
    }
    expect(valid).toBeGreaterThan(0);
  });

  it("accepts a mutated body exactly when V8 does", () => {
    const base = wat(`(module (type $t (func (param i32) (result i32))) (memory 1) (table 2 funcref)
      (global $g (mut i64) (i64.const 0)) (elem declare func 0)
      (func (param i32) (result i32) (local i64 f32 v128)
        block (result i32)
          local.get 0 i32.const 3 i32.add local.tee 0
          loop (param i32) (result i32)
            i32.const 1 i32.sub local.tee 0 local.get 0 br_if 0
          end
          local.get 0 br_table 0 0
        end
        i64.extend_i32_u global.get $g i64.add global.set $g
        f32.const 2.5 local.get 0 f32.convert_i32_s f32.mul local.set 2
        local.get 0 i8x16.splat local.get 3 i16x8.add v128.const i64x2 1 2 i8x16.shuffle 0 1 2 3 4 5 6 7 24 25 26 27 28 29 30 31
        i32x4.extract_lane 1 local.get 0 i32.load offset=4 local.get 0 select
        local.get 0 if (result i32) i32.const 1 else ref.func 0 ref.is_null end i32.add
        i32.const 0 call_indirect (type $t)
        i32.const 0 i32.const 0 memory.fill
        local.get 0))`);
    expect(v8Validate(base)).toBe(true);
    const { bodies } = decodeForTest(base);
    const { codeStart, codeEnd } = bodies[0]!;
    const next = rng(0xc0de);
    // Opcodes V8 accepts beyond Wasm 2.0 (exception handling, tail calls, GC, relaxed SIMD...)
    // and memarg flags of multi-memory: V8 may accept these where Wasm 2.0 does not.
    const beyond2 = /illegal opcode|malformed (memop flags|block type|value type|reference type)/;
    let agreedInvalid = 0;
    for (let i = 0; i < 4000; i++) {
      const bytes = Uint8Array.from(base);
      for (let k = 1 + next(3); k > 0; k--) {
        const at = codeStart + next(codeEnd - codeStart);
        bytes[at] = next(3) === 0 ? next(256) : bytes[at]! ^ (1 << next(8));
      }
      const t = decodeForTest(bytes);
      let error = "";
      try {
        validateFunction(t.ctx, 0, t.bodies[0]!);
      } catch (e) {
        expect(e).toBeInstanceOf(CompileError);
        error = (e as Error).message;
      }
      const v8 = v8Validate(bytes);
      if (error === "") expect(v8, "Kiln accepts a body V8 rejects").toBe(true);
      else if (v8) expect(error, "Kiln rejects a body V8 accepts").toMatch(beyond2);
      else agreedInvalid++;
    }
    expect(agreedInvalid).toBeGreaterThan(1000);
  });
});
