/**
 * Lowering of wasm to IR, construct by construct: the printed IR of small functions, and the
 * operations and immediates each instruction family produces. Every function compiled here is
 * also checked by the IR verifier (see `compileWat`).
 */
import { describe, expect, it } from "vitest";
import { CompileError } from "../../src/errors.js";
import { compileModule, lowerFunction } from "../../src/frontend/lower-module.js";
import { printFunc } from "../../src/ir/printer.js";
import type { Func, Inst } from "../../src/ir/types.js";
import { Ty } from "../../src/ir/types.js";
import { compileWat, wat } from "../ir/helpers.js";

/** The IR text of the module's last function. */
function ir(text: string): string {
  const { funcs } = compileWat(text);
  return printFunc(funcs[funcs.length - 1]!);
}

function lines(...ls: string[]): string {
  return `${ls.join("\n")}\n`;
}

/** Every operation of the function, in block order. */
function insts(f: Func): Inst[] {
  return f.blocks.flatMap((b) => [...b.insts]);
}

describe("lowering: control flow", () => {
  it("block with a branch out and a result", () => {
    expect(
      ir(`(module (func (param i32) (result i32)
        (block $b (result i32)
          (br_if $b (i32.const 1) (local.get 0))
          (drop)
          (i32.const 2))))`),
    ).toBe(
      lines(
        "func 0 (v0: i32) -> (i32)",
        "block0(v0: i32):",
        "  v1:i32 = i32.const 1",
        "  brif v0, block2(v1), block1",
        "block1:",
        "  v2:i32 = i32.const 2",
        "  jump block2(v2)",
        "block2(v3: i32):",
        "  return v3",
      ),
    );
  });

  it("a block nothing branches to adds no IR block", () => {
    expect(ir(`(module (func (result i32) (block (result i32) (i32.const 5))))`)).toBe(
      lines("func 0 () -> (i32)", "block0:", "  v0:i32 = i32.const 5", "  return v0"),
    );
  });

  it("loop with locals modified in the loop becomes a header with parameters", () => {
    expect(
      ir(`(module (func (param $n i32) (result i32) (local $acc i32)
        (loop $l
          (local.set $acc (i32.add (local.get $acc) (local.get $n)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br_if $l (local.get $n)))
        (local.get $acc)))`),
    ).toBe(
      lines(
        "func 0 (v0: i32) -> (i32)",
        "block0(v0: i32):",
        "  v1:i32 = i32.const 0",
        "  jump block1(v1, v0)",
        "block1(v2: i32, v3: i32): ; loop header",
        "  v4:i32 = i32.add v2, v3",
        "  v5:i32 = i32.const 1",
        "  v6:i32 = i32.sub v3, v5",
        "  brif v6, block1(v4, v6), block2",
        "block2:",
        "  return v4",
      ),
    );
  });

  it("loop parameters carry the loop-carried locals", () => {
    const { funcs } = compileWat(`(module (func (param $n i32) (result i32) (local $acc i32)
        (loop $l
          (local.set $acc (i32.add (local.get $acc) (local.get $n)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br_if $l (local.get $n)))
        (local.get $acc)))`);
    const f = funcs[0]!;
    const header = f.blocks.find((b) => b.loopHeader)!;
    expect(header.params.map((p) => f.vregTypes[p])).toEqual([Ty.I32, Ty.I32]);
    const entryJump = f.blocks[0]!.term;
    expect(entryJump.kind === "jump" && entryJump.target.block).toBe(header.id);
  });

  it("if without else sends its false edge straight to the join", () => {
    expect(
      ir(`(module (func (param i32) (result i32)
        (if (local.get 0) (then (local.set 0 (i32.const 9))))
        (local.get 0)))`),
    ).toBe(
      lines(
        "func 0 (v0: i32) -> (i32)",
        "block0(v0: i32):",
        "  brif v0, block1, block2(v0)",
        "block1:",
        "  v1:i32 = i32.const 9",
        "  jump block2(v1)",
        "block2(v2: i32):",
        "  return v2",
      ),
    );
  });

  it("if with params and results (multi-value)", () => {
    expect(
      ir(`(module (func (param i32 i32) (result i32 i32)
        (local.get 0) (local.get 1)
        (if (param i32 i32) (result i32 i32) (local.get 0)
          (then)
          (else (drop) (drop) (i32.const 7) (i32.const 8)))))`),
    ).toBe(
      lines(
        "func 0 (v0: i32, v1: i32) -> (i32, i32)",
        "block0(v0: i32, v1: i32):",
        "  brif v0, block1, block2",
        "block1:",
        "  jump block3(v0, v1)",
        "block2:",
        "  v2:i32 = i32.const 7",
        "  v3:i32 = i32.const 8",
        "  jump block3(v2, v3)",
        "block3(v4: i32, v5: i32):",
        "  return v4, v5",
      ),
    );
  });

  it("loop with params: branches to the loop pass its inputs", () => {
    expect(
      ir(`(module (func (param i32) (result i32)
        (local.get 0)
        (loop $l (param i32) (result i32)
          (i32.sub (i32.const 1))
          (local.tee 0)
          (br_if $l (local.get 0))
          )))`),
    ).toBe(
      lines(
        "func 0 (v0: i32) -> (i32)",
        "block0(v0: i32):",
        "  jump block1(v0)",
        "block1(v1: i32): ; loop header",
        "  v2:i32 = i32.const 1",
        "  v3:i32 = i32.sub v1, v2",
        "  brif v3, block1(v3), block2",
        "block2:",
        "  return v3",
      ),
    );
  });

  it("br_table with values, and a conditional branch to the function's label", () => {
    expect(
      ir(`(module (func (param i32) (result i32)
        (br_if 0 (i32.const 10) (i32.eqz (local.get 0)))
        (drop)
        (block $a (result i32)
          (block $b (result i32)
            (br_table $a $b 1 (i32.const 20) (local.get 0))))))`),
    ).toBe(
      lines(
        "func 0 (v0: i32) -> (i32)",
        "block0(v0: i32):",
        "  v1:i32 = i32.const 10",
        "  v2:i32 = i32.eqz v0",
        "  brif v2, block4, block1",
        "block1:",
        "  v3:i32 = i32.const 20",
        // Every edge passes the same value, so the join parameters were removed as trivial.
        "  brtable v0, [block3, block2], block3",
        "block2:",
        "  jump block3",
        "block3:",
        "  return v3",
        "block4:",
        "  return v1",
      ),
    );
  });

  it("return and unreachable end the block; the dead code after them has no IR", () => {
    expect(
      ir(`(module (func (param i32) (result i32)
        (if (local.get 0) (then (unreachable) (drop (i32.const 1)) (nop)))
        (return (i32.const 2))
        (i32.const 3)
        (loop (br 0))))`),
    ).toBe(
      lines(
        "func 0 (v0: i32) -> (i32)",
        "block0(v0: i32):",
        "  brif v0, block1, block2",
        "block1:",
        "  unreachable",
        "block2:",
        "  v1:i32 = i32.const 2",
        "  return v1",
      ),
    );
  });

  it("a construct whose end nothing reaches makes the code after it dead", () => {
    const { funcs } = compileWat(`(module (func (param i32) (result i32)
      (if (local.get 0) (then (return (i32.const 1))) (else (return (i32.const 2))))
      (i32.const 3)))`);
    const f = funcs[0]!;
    expect(f.blocks.length).toBe(3);
    expect(insts(f).map((i) => i.a)).toEqual([1, 2]);
  });

  it("reads of locals before any write are hoisted zero constants of each type", () => {
    const { funcs } = compileWat(`(module (func (result i32)
      (local i32 i64 f32 f64 v128 funcref externref)
      (drop (local.get 1)) (drop (local.get 2)) (drop (local.get 3)) (drop (local.get 4))
      (drop (local.get 5)) (drop (local.get 6))
      (local.get 0)))`);
    const f = funcs[0]!;
    const ops = f.blocks[0]!.insts.map((i) => [i.op, f.vregTypes[i.results[0]!]]);
    expect(ops).toEqual(
      expect.arrayContaining([
        [0x41, Ty.I32],
        [0x42, Ty.I64],
        [0x43, Ty.F32],
        [0x44, Ty.F64],
        [0xfd0c, Ty.V128],
        [0xd0, Ty.FuncRef],
        [0xd0, Ty.ExternRef],
      ]),
    );
    expect(ops.length).toBe(7);
  });

  it("records each operation's wasm byte offset", () => {
    const bytes = wat(`(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))`);
    const { module, funcs } = compileModule(bytes);
    const body = module.codes[0]!;
    const offs = funcs[0]!.blocks[0]!.insts.map((i) => i.offset);
    expect(offs.map((o) => bytes[o])).toEqual([0x41, 0x41, 0x6a]);
    expect(offs[0]).toBe(body.codeStart);
  });
});

describe("lowering: operations", () => {
  const one = (func: string, extra = ""): Inst[] => {
    const { funcs } = compileWat(`(module (memory 1) (table $t 2 funcref) ${extra} ${func})`);
    return insts(funcs[funcs.length - 1]!);
  };

  it("constants keep their exact bits", () => {
    const is = one(`(func (drop (i64.const -2)) (drop (f32.const -nan:0x1)) (drop (f64.const 0x1p-1074)))`);
    expect(is.map((i) => [i.op, i.a >>> 0, i.b >>> 0])).toEqual([
      [0x42, 0xfffffffe, 0xffffffff],
      [0x43, 0xff800001, 0],
      [0x44, 1, 0],
    ]);
  });

  it("loads and stores carry offset, alignment and lane", () => {
    const is = one(`(func (param i32 v128)
      (drop (i64.load16_s offset=6 align=1 (local.get 0)))
      (f32.store offset=4 (local.get 0) (f32.const 1))
      (drop (v128.load32_lane offset=8 2 (local.get 0) (local.get 1)))
      (v128.store64_lane align=1 1 (local.get 0) (local.get 1)))`);
    const mem = is.filter((i) => i.op !== 0x43);
    expect(mem.map((i) => [i.op, i.a, i.b, i.c, i.args.length, i.results.length])).toEqual([
      [0x32, 6, 0, 0, 1, 1],
      [0x38, 4, 2, 0, 2, 0],
      [0xfd56, 8, 2, 2, 2, 1],
      [0xfd5b, 0, 0, 1, 2, 0],
    ]);
  });

  it("memory size, grow and the bulk memory operations", () => {
    const is = one(
      `(func (param i32)
        (drop (memory.size)) (drop (memory.grow (local.get 0)))
        (memory.init $d (local.get 0) (local.get 0) (local.get 0)) (data.drop $d)
        (memory.copy (local.get 0) (local.get 0) (local.get 0))
        (memory.fill (local.get 0) (local.get 0) (local.get 0)))`,
      `(data $x "a") (data $d "bc")`,
    );
    expect(is.map((i) => [i.op, i.a, i.args.length, i.results.length])).toEqual([
      [0x3f, 0, 0, 1],
      [0x40, 0, 1, 1],
      [0xfc08, 1, 3, 0],
      [0xfc09, 1, 0, 0],
      [0xfc0a, 0, 3, 0],
      [0xfc0b, 0, 3, 0],
    ]);
  });

  it("globals, tables, element segments and references", () => {
    const is = one(
      `(func $g (param i32) (param externref)
        (global.set $m (i64.add (global.get $m) (i64.const 1)))
        (table.set $e (local.get 0) (local.get 1))
        (drop (table.get $t (local.get 0)))
        (drop (table.grow $e (ref.null extern) (local.get 0)))
        (drop (table.size $e))
        (table.fill $e (local.get 0) (local.get 1) (local.get 0))
        (table.init $e $seg (local.get 0) (local.get 0) (local.get 0))
        (table.copy $t $t2 (local.get 0) (local.get 0) (local.get 0))
        (elem.drop $seg)
        (drop (ref.is_null (ref.func $g))))`,
      `(global $m (mut i64) (i64.const 0)) (table $e 1 externref) (table $t2 1 funcref)
       (elem $seg externref (ref.null extern)) (elem declare func $g)`,
    );
    expect(is.map((i) => [i.op, i.a, i.b, i.args.length, i.results.length])).toEqual([
      [0x23, 0, 0, 0, 1],
      [0x42, 1, 0, 0, 1],
      [0x7c, 0, 0, 2, 1],
      [0x24, 0, 0, 1, 0],
      [0x26, 1, 0, 2, 0],
      [0x25, 0, 0, 1, 1],
      [0xd0, Ty.ExternRef, 0, 0, 1],
      [0xfc0f, 1, 0, 2, 1],
      [0xfc10, 1, 0, 0, 1],
      [0xfc11, 1, 0, 3, 0],
      [0xfc0c, 1, 0, 3, 0],
      [0xfc0e, 0, 2, 3, 0],
      [0xfc0d, 0, 0, 0, 0],
      [0xd2, 0, 0, 0, 1],
      [0xd1, 0, 0, 1, 1],
    ]);
  });

  it("calls: direct (imported or not) and indirect with type and table, the slot last", () => {
    const { funcs } = compileWat(`(module
      (import "m" "f" (func $imp (param i32) (result i32 i64)))
      (type $t (func (param f32) (result f64)))
      (table 1 funcref) (table $u 1 funcref)
      (func $callee)
      (func (param i32)
        (drop (drop (call $imp (local.get 0))))
        (call $callee)
        (drop (call_indirect $u (type $t) (f32.const 1) (local.get 0)))))`);
    const f = funcs[1]!;
    const calls = insts(f).filter((i) => i.op === 0x10 || i.op === 0x11);
    expect(calls.map((i) => [i.op, i.a, i.b, i.args.length, i.results.map((r) => f.vregTypes[r])])).toEqual([
      [0x10, 0, 0, 1, [Ty.I32, Ty.I64]],
      [0x10, 1, 0, 0, []],
      [0x11, 0, 1, 2, [Ty.F64]],
    ]);
    expect(calls[2]!.args[1]).toBe(f.blocks[0]!.params[0]);
  });

  it("trapping conversions and numeric operations keep their opcodes", () => {
    const is = one(`(func (param f64 i64) (result i32)
      (drop (i64.div_s (local.get 1) (local.get 1)))
      (drop (i32.trunc_sat_f64_u (local.get 0)))
      (i32.trunc_f64_s (local.get 0)))`);
    expect(is.map((i) => i.op)).toEqual([0x7f, 0xfc03, 0xaa]);
  });

  it("SIMD: constants, shuffles, splats, lane operations and arithmetic", () => {
    const is = one(`(func (param i32 v128) (result i32)
      (drop (i8x16.shuffle 31 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 (local.get 1) (local.get 1)))
      (drop (f64x2.replace_lane 1 (local.get 1) (f64.const 2)))
      (drop (i16x8.splat (local.get 0)))
      (drop (v128.bitselect (local.get 1) (local.get 1) (local.get 1)))
      (i8x16.extract_lane_u 15 (i8x16.add (local.get 1) (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16))))`);
    expect(is.map((i) => [i.op, i.op === 0xfd0d ? i.bytes![0] : i.a, i.args.length])).toEqual([
      [0xfd0d, 31, 2],
      [0x44, 0, 0],
      [0xfd22, 1, 2],
      [0xfd10, 0, 1],
      [0xfd52, 0, 3],
      [0xfd0c, 0, 0],
      [0xfd6e, 0, 2],
      [0xfd16, 15, 1],
    ]);
    expect(Array.from(is[5]!.bytes!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it("select, typed or not, is one operation typed by its operands", () => {
    const is = one(`(func (param externref i32) (result externref)
      (drop (select (i32.const 1) (i32.const 2) (local.get 1)))
      (select (result externref) (local.get 0) (ref.null extern) (local.get 1)))`);
    expect(is.filter((i) => i.op === 0x1b || i.op === 0x1c).map((i) => i.op)).toEqual([0x1b, 0x1b]);
  });
});

describe("lowering entry points", () => {
  it("compileModule names functions from the name section and skips imports", () => {
    const { module, funcs } = compileModule(
      wat(`(module (import "m" "f" (func)) (func $one) (func (export "two")))`),
    );
    expect(module.numImportedFuncs).toBe(1);
    expect(funcs.map((f) => [f.index, f.name])).toEqual([
      [1, "one"],
      [2, null],
    ]);
  });

  it("lowerFunction lowers one function of a decoded module", () => {
    const { module, funcs } = compileModule(wat(`(module (func $a (result i32) (i32.const 1)) (func $b))`));
    expect(printFunc(lowerFunction(module, 0))).toBe(printFunc(funcs[0]!));
    expect(printFunc(lowerFunction(module, 1))).toBe(printFunc(funcs[1]!));
    expect(() => lowerFunction(module, 5)).toThrow(RangeError);
  });

  it("invalid code is a CompileError, not a lowering crash", () => {
    const bytes = wat(`(module (func (result i32) (i32.add (i32.const 1) (i64.const 2))))`);
    expect(() => compileModule(bytes)).toThrow(CompileError);
  });
});
