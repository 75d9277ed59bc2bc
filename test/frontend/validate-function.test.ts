/**
 * The function validator: the opcode table, every instruction family (valid and invalid),
 * the polymorphic stack, br_table, multi-value blocks, binary-level malformations and the
 * error messages. Modules come from wabt's text parser (never its validator) or are built by
 * hand, and every generated instruction is cross-checked against V8's `WebAssembly.validate`.
 */
import { describe, expect, it } from "vitest";
import { CompileError } from "../../src/errors.js";
import { Imm, OPCODES, type OpInfo, opcodeInfo, opcodeName } from "../../src/frontend/opcodes.js";
import { ValType, valTypeName } from "../../src/frontend/types.js";
import { MAX_OPERAND_STACK } from "../../src/frontend/validate-function.js";
import type { FuncVisitor } from "../../src/frontend/visitor.js";
import {
  decodeForTest,
  moduleBytes,
  singleFunc,
  uleb,
  v8Validate,
  validateBytes,
  wat,
  watError,
} from "./validate-function-helpers.js";

/** The error `validateBytes` throws for `bytes`, or "valid". */
function bytesError(bytes: Uint8Array): string {
  try {
    validateBytes(bytes);
    return "valid";
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return (e as Error).message;
  }
}

describe("opcode table", () => {
  it("lists every Wasm 2.0 instruction once, numbered single-byte, 0xFC00|sub and 0xFD00|sub", () => {
    const single = OPCODES.filter((o) => o.code < 0x100);
    const fc = OPCODES.filter((o) => o.code >>> 8 === 0xfc);
    const fd = OPCODES.filter((o) => o.code >>> 8 === 0xfd);
    // 0x00-0x05, 0x0b-0x11, 0x1a-0x1c, 0x20-0x26, 0x28-0xc4, 0xd0-0xd2.
    expect(single.length).toBe(6 + 7 + 3 + 7 + 157 + 3);
    expect(fc.map((o) => o.code & 0xff)).toEqual([...Array(18).keys()]);
    expect(fd.length).toBe(236);
    expect(OPCODES.length).toBe(single.length + fc.length + fd.length);
    const names = OPCODES.map((o) => o.name).filter((n) => n !== "select");
    expect(new Set(names).size).toBe(names.length);
    for (const o of OPCODES) expect(opcodeInfo(o.code)).toBe(o);
  });

  it("names opcodes in the text format", () => {
    expect(opcodeName(0x6a)).toBe("i32.add");
    expect(opcodeName(0x1c)).toBe("select");
    expect(opcodeName(0xfc08)).toBe("memory.init");
    expect(opcodeName(0xfc11)).toBe("table.fill");
    expect(opcodeName(0xfd0d)).toBe("i8x16.shuffle");
    expect(opcodeName(0xfd54)).toBe("v128.load8_lane");
    expect(opcodeName(0xfd5f)).toBe("f64x2.promote_low_f32x4");
    expect(opcodeName(0xfdff)).toBe("f64x2.convert_low_i32x4_u");
    expect(opcodeName(0x06)).toBe("<illegal 0x06>");
    expect(opcodeName(0xfd9a)).toBe("<illegal 0xfd 0x9a>");
    expect(opcodeName(0xfc12)).toBe("<illegal 0xfc 0x12>");
  });

  it("records natural alignment and lane counts", () => {
    const info = (name: string) => OPCODES.find((o) => o.name === name)!;
    expect(info("i64.load32_u")).toMatchObject({ imm: Imm.MemArg, align: 2, pops: [ValType.I32] });
    expect(info("v128.store")).toMatchObject({ align: 4, pops: [ValType.I32, ValType.V128], pushes: [] });
    expect(info("v128.load16_lane")).toMatchObject({ imm: Imm.MemArgLane, align: 1, lanes: 8 });
    expect(info("v128.store64_lane")).toMatchObject({ align: 3, lanes: 2 });
    expect(info("i8x16.replace_lane")).toMatchObject({ imm: Imm.Lane, lanes: 16 });
    expect(info("f64x2.extract_lane")).toMatchObject({ lanes: 2, pushes: [ValType.F64] });
    expect(info("i32.add").special).toBe(false);
    expect(info("br_table").special).toBe(true);
  });
});

/** Text immediates that make a valid instance of a simple instruction in `simpleModule`. */
function immText(info: OpInfo): string {
  switch (info.imm) {
    case Imm.Lane:
    case Imm.MemArgLane:
    case Imm.I32:
    case Imm.I64:
    case Imm.F32:
    case Imm.F64:
    case Imm.Data:
    case Imm.DataMemory:
    case Imm.Elem:
    case Imm.Table:
    case Imm.TableInit:
      return " 0";
    case Imm.Shuffle:
      return ` ${[...Array(16).keys()].map((i) => i * 2).join(" ")}`;
    case Imm.V128:
      return " i32x4 1 2 3 4";
    default:
      return "";
  }
}

/** A module whose function takes `pops` as params, applies `info`, and returns `results`. */
function simpleModule(info: OpInfo, pops: readonly ValType[], results: readonly ValType[]): string {
  const params = pops.map(valTypeName).join(" ");
  const gets = pops.map((_, i) => `local.get ${i}`).join(" ");
  return `(module (memory 1) (table 1 funcref) (data "x") (elem func 0)
    (func (param ${params}) (result ${results.map(valTypeName).join(" ")}) ${gets} ${info.name}${immText(info)}))`;
}

/** A different value type of the same family size, for breaking a signature. */
function otherType(t: ValType): ValType {
  return t === ValType.I32 ? ValType.I64 : ValType.I32;
}

describe("every simple instruction (table-driven typing)", () => {
  const simple = OPCODES.filter((o) => !o.special);

  it("has a table entry wabt encodes to the same opcode, valid for both Kiln and V8", () => {
    expect(simple.length).toBeGreaterThan(400);
    for (const info of simple) {
      const bytes = wat(simpleModule(info, info.pops, info.pushes));
      const seen: number[] = [];
      const visitor: FuncVisitor = {
        beginFunction() {},
        instruction(op) {
          seen.push(op);
        },
      };
      validateBytes(bytes, visitor);
      expect(seen.at(-2), info.name).toBe(info.code);
      expect(v8Validate(bytes), `V8 accepts ${info.name}`).toBe(true);
    }
  });

  it("rejects a wrong operand type, as V8 does", () => {
    for (const info of simple.filter((o) => o.pops.length > 0)) {
      const pops = [otherType(info.pops[0]!), ...info.pops.slice(1)];
      const bytes = wat(simpleModule(info, pops, info.pushes));
      expect(bytesError(bytes), info.name).toMatch(new RegExp(`: ${info.name}: type mismatch: expected`));
      expect(v8Validate(bytes), `V8 rejects ${info.name}`).toBe(false);
    }
  });

  it("rejects a wrong result type, as V8 does", () => {
    for (const info of simple.filter((o) => o.pushes.length > 0)) {
      const results = [otherType(info.pushes[0]!)];
      const bytes = wat(simpleModule(info, info.pops, results));
      expect(bytesError(bytes), info.name).toMatch(/: end: type mismatch: expected/);
      expect(v8Validate(bytes), `V8 rejects ${info.name}`).toBe(false);
    }
  });
});

/** [description, module text, "valid" or a substring of the error]. */
type Case = readonly [string, string, string];

function runCases(cases: readonly Case[]): void {
  it.each(cases)("%s", (_name, text, expected) => {
    const got = watError(text);
    if (expected === "valid") expect(got).toBe("valid");
    else {
      expect(got).toMatch(/^CompileError: func \d+ at 0x[0-9a-f]+: /);
      expect(got).toContain(expected);
    }
    // V8 implements Wasm 2.0 too: it must agree on validity.
    expect(v8Validate(wat(text))).toBe(expected === "valid");
  });
}

describe("control instructions and multi-value blocks", () => {
  runCases([
    [
      "block with a type-index block type takes params and returns several results",
      `(module (type $t (func (param i32 i64) (result i64 i32)))
        (func (result i64 i32) i32.const 1 i64.const 2 block (type $t) drop drop i64.const 3 i32.const 4 end))`,
      "valid",
    ],
    [
      "loop params are what a branch to the loop carries",
      `(module (func (result i32) i32.const 0
        loop (param i32) (result i32) i32.const 1 i32.add i32.const 0 br_if 0 end))`,
      "valid",
    ],
    [
      "a branch to a loop with the result type instead of the param type",
      `(module (func (result i32) i32.const 0
        loop (param i32) (result i32) drop f32.const 1 br 0 end))`,
      "br: type mismatch: expected i32, got f32",
    ],
    [
      "if/else with params and results",
      `(module (func (param i32) (result i32 i32) i32.const 5 local.get 0
        if (param i32) (result i32 i32) i32.const 1 else i32.const 2 end))`,
      "valid",
    ],
    [
      "if without else may omit the else when params equal results",
      `(module (func (param i32) (result i32) i32.const 5 local.get 0
        if (param i32) (result i32) i32.const 1 i32.add end))`,
      "valid",
    ],
    [
      "if without else whose results differ from its params",
      "(module (func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 end))",
      "end: type mismatch: if without else",
    ],
    [
      "if needs an i32 condition",
      "(module (func f32.const 0 if end))",
      "if: type mismatch: expected i32, got f32",
    ],
    [
      "block params must be on the stack",
      "(module (func block (param i32) drop end))",
      "block: type mismatch: expected i32, got nothing",
    ],
    [
      "values from outside a block are not visible inside it",
      "(module (func (result i32) i32.const 1 block (result i32) i32.const 2 i32.add end))",
      "i32.add: type mismatch: expected i32, got nothing",
    ],
    [
      "a value left over at the end of a block",
      "(module (func block i32.const 1 end))",
      "end: type mismatch: 1 value left on the stack",
    ],
    [
      "else branch with the wrong result",
      "(module (func (result i32) i32.const 1 if (result i32) i32.const 1 else f64.const 1 end))",
      "end: type mismatch: expected i32, got f64",
    ],
    [
      "then branch with a missing result",
      "(module (func (result i32) i32.const 1 if (result i32) else i32.const 1 end))",
      "else: type mismatch: expected i32, got nothing",
    ],
    ["the function's results are checked at its end", "(module (func (result i32)))", "type mismatch"],
    ["br to an unknown label", "(module (func block br 2 end))", "br: unknown label 2"],
    ["br_if to an unknown label", "(module (func i32.const 0 br_if 1))", "br_if: unknown label 1"],
    [
      "br_if passes its operands through",
      "(module (func (result i32) block (result i32) i32.const 7 i32.const 1 br_if 0 end))",
      "valid",
    ],
    [
      "br_if with the wrong label type",
      "(module (func (result i32) block (result i32) i64.const 7 i32.const 1 br_if 0 end))",
      "br_if: type mismatch: expected i32, got i64",
    ],
    [
      "return checks the function's results",
      "(module (func (result i32) f32.const 0 return))",
      "return: type mismatch: expected i32, got f32",
    ],
    ["return makes the rest polymorphic", "(module (func (result i32) i32.const 0 return i32.add))", "valid"],
  ]);
});

describe("the polymorphic stack of unreachable code", () => {
  runCases([
    ["binary op after unreachable", "(module (func (result i32) unreachable i32.add))", "valid"],
    ["drops after unreachable", "(module (func unreachable drop drop drop))", "valid"],
    [
      "br leaves the rest of the block unreachable",
      "(module (func (result i32) i32.const 1 br 0 f32.const 0 drop))",
      "valid",
    ],
    [
      "a concrete operand of the wrong type after unreachable",
      "(module (func unreachable i64.const 0 i32.add drop))",
      "i32.add: type mismatch: expected i32, got i64",
    ],
    [
      "a concrete result of the wrong type after unreachable",
      "(module (func (result i32) unreachable f32.const 0))",
      "end: type mismatch: expected i32, got f32",
    ],
    ["select of two unknowns", "(module (func (result i32) unreachable i32.const 0 select))", "valid"],
    [
      "select of a known and an unknown",
      "(module (func (result i32) unreachable i32.const 0 i32.const 0 select))",
      "valid",
    ],
    [
      "select's result keeps the known operand type",
      "(module (func (result f32) unreachable i32.const 0 i32.const 0 select))",
      "end: type mismatch: expected f32, got i32",
    ],
    [
      "select after unreachable with mismatched operands",
      "(module (func unreachable i64.const 1 i32.const 1 i32.const 1 select drop))",
      "select: type mismatch",
    ],
    [
      "select after unreachable still rejects a reference operand",
      "(module (func unreachable ref.null func i32.const 1 select drop))",
      "select: type mismatch: select without a type needs numeric or vector operands",
    ],
    [
      "a block inside dead code has an ordinary stack",
      "(module (func unreachable block i32.add drop end))",
      "i32.add: type mismatch: expected i32, got nothing",
    ],
    [
      "a block inside dead code may itself be dead",
      "(module (func unreachable block (result i32) unreachable end drop))",
      "valid",
    ],
    [
      "the dead part of a block does not leak into the enclosing block",
      "(module (func (result i32) block unreachable end i32.add))",
      "i32.add: type mismatch: expected i32, got nothing",
    ],
    [
      "else resets the stack made polymorphic by the then branch",
      "(module (func (result i32) i32.const 1 if (result i32) unreachable else i64.const 0 end))",
      "end: type mismatch: expected i32, got i64",
    ],
  ]);
});

describe("br_table", () => {
  runCases([
    [
      "targets with the same types",
      `(module (func (param i32) (result i32) block (result i32) block (result i32)
        i32.const 1 local.get 0 br_table 0 1 1 end end))`,
      "valid",
    ],
    [
      "targets with different arities",
      `(module (func (param i32) block (result i32) block
        i32.const 1 local.get 0 br_table 0 1 end i32.const 0 end drop))`,
      "br_table: type mismatch: br_table target 0 carries 0 values, the default 1",
    ],
    [
      "a target whose type differs from the operand",
      `(module (func (param i32) (result i32) block (result i32) block (result f32)
        i32.const 1 local.get 0 br_table 0 1 end drop i32.const 0 end))`,
      "br_table: type mismatch: br_table target 0 expects f32, got i32",
    ],
    [
      "targets of different types meet at the bottom type in dead code",
      `(module (func block (result f64) block (result f32)
        unreachable i32.const 1 br_table 0 1 1 end drop f64.const 0 end drop))`,
      "valid",
    ],
    [
      "the index operand must be i32",
      "(module (func block i64.const 0 br_table 0 end))",
      "br_table: type mismatch: expected i32, got i64",
    ],
    [
      "an unknown target label",
      "(module (func block i32.const 0 br_table 0 3 end))",
      "br_table: unknown label 3",
    ],
    [
      "br_table to the function label",
      "(module (func (result i32) i32.const 5 i32.const 0 br_table 0 0))",
      "valid",
    ],
  ]);
});

describe("parametric, variable and call instructions", () => {
  runCases([
    ["select on numbers", "(module (func (result f64) f64.const 1 f64.const 2 i32.const 0 select))", "valid"],
    [
      "select on vectors",
      "(module (func (result v128) v128.const i64x2 1 2 v128.const i64x2 3 4 i32.const 0 select))",
      "valid",
    ],
    [
      "select on operands of different types",
      "(module (func (result i32) i32.const 1 f32.const 2 i32.const 0 select))",
      "select: type mismatch: select operands differ: i32 and f32",
    ],
    [
      "untyped select on references",
      "(module (func ref.null func ref.null func i32.const 0 select drop))",
      "select: type mismatch",
    ],
    [
      "typed select on references",
      "(module (func (result externref) ref.null extern ref.null extern i32.const 0 select (result externref)))",
      "valid",
    ],
    [
      "typed select with an operand of another type",
      "(module (func (result funcref) ref.null extern ref.null func i32.const 0 select (result funcref)))",
      "select: type mismatch: expected funcref, got externref",
    ],
    [
      "typed select with two result types",
      `(module (func (result i32 i32) i32.const 0 i32.const 0 i32.const 0 i32.const 0 i32.const 1
        select (result i32 i32)))`,
      "select: invalid result arity 2",
    ],
    [
      "local.get of an unknown local",
      "(module (func (param i32) (local f32) local.get 2 drop))",
      "local.get: unknown local 2",
    ],
    ["locals after params", "(module (func (param i32) (result i64) (local f32 i64) local.get 2))", "valid"],
    [
      "local.set with the wrong type",
      "(module (func (local i64) f64.const 0 local.set 0))",
      "local.set: type mismatch: expected i64, got f64",
    ],
    [
      "local.tee returns the local's type",
      "(module (func (result f32) (local f32) f32.const 1 local.tee 0))",
      "valid",
    ],
    [
      "local.tee with the wrong type",
      "(module (func (local i32) f32.const 0 local.tee 0 drop))",
      "local.tee: type mismatch: expected i32, got f32",
    ],
    [
      "global.set of an immutable global",
      "(module (global i32 (i32.const 0)) (func i32.const 1 global.set 0))",
      "global.set: global is immutable",
    ],
    [
      "global.set of a mutable global",
      "(module (global (mut f32) (f32.const 0)) (func f32.const 1 global.set 0))",
      "valid",
    ],
    [
      "global.get of an unknown global",
      "(module (global i32 (i32.const 0)) (func global.get 1 drop))",
      "unknown global 1",
    ],
    [
      "global.get of an imported global",
      `(module (import "m" "g" (global i64)) (func (result i64) global.get 0))`,
      "valid",
    ],
    ["call of an unknown function", "(module (func call 5))", "call: unknown function 5"],
    [
      "call pops params and pushes results",
      `(module (func $f (param i32 f64) (result i64 f32) unreachable)
        (func (result f32) i32.const 1 f64.const 2 call $f drop))`,
      "end: type mismatch: expected f32, got i64",
    ],
    [
      "call with the wrong argument",
      "(module (func $f (param i32 f64)) (func i32.const 1 f32.const 2 call $f))",
      "call: type mismatch: expected f64, got f32",
    ],
    [
      "call_indirect without a table",
      "(module (type (func)) (func i32.const 0 call_indirect (type 0)))",
      "call_indirect: unknown table 0",
    ],
    [
      "call_indirect through an externref table",
      "(module (type (func)) (table 1 externref) (func i32.const 0 call_indirect (type 0)))",
      "call_indirect: type mismatch: call_indirect needs a funcref table",
    ],
    [
      "call_indirect through the second table",
      `(module (type (func (param i64) (result i32))) (table 1 externref) (table 1 funcref)
        (func (result i32) i64.const 0 i32.const 0 call_indirect 1 (type 0)))`,
      "valid",
    ],
    [
      "call_indirect with the wrong argument",
      "(module (type (func (param i64))) (table 1 funcref) (func i32.const 0 i32.const 0 call_indirect (type 0)))",
      "call_indirect: type mismatch: expected i64, got i32",
    ],
    [
      "call_indirect of an unknown type",
      "(module (table 1 funcref) (func i32.const 0 call_indirect (type 7)))",
      "call_indirect: unknown type 7",
    ],
  ]);
});

describe("memory instructions", () => {
  runCases([
    ["a load without a memory", "(module (func i32.const 0 i32.load drop))", "i32.load: unknown memory 0"],
    ["memory.size without a memory", "(module (func memory.size drop))", "memory.size: unknown memory 0"],
    [
      "memory.copy without a memory",
      "(module (func i32.const 0 i32.const 0 i32.const 0 memory.copy))",
      "memory.copy: unknown memory 0",
    ],
    [
      "an alignment above the natural one",
      "(module (memory 1) (func i32.const 0 i32.load align=8 drop))",
      "i32.load: alignment must not be larger than natural",
    ],
    [
      "a SIMD alignment above the natural one",
      "(module (memory 1) (func i32.const 0 v128.load32_splat align=8 drop))",
      "v128.load32_splat: alignment must not be larger than natural",
    ],
    [
      "lower alignment and a large offset",
      "(module (memory 1) (func i32.const 0 i64.load offset=4294967295 align=1 drop))",
      "valid",
    ],
    [
      "a store of the wrong type",
      "(module (memory 1) (func i32.const 0 i64.const 0 f64.store))",
      "f64.store: type mismatch: expected f64, got i64",
    ],
    ["memory.grow", "(module (memory 1) (func (result i32) i32.const 1 memory.grow))", "valid"],
    [
      "memory.fill with the wrong operand",
      "(module (memory 1) (func i32.const 0 i64.const 0 i32.const 0 memory.fill))",
      "memory.fill: type mismatch: expected i32, got i64",
    ],
    [
      "memory.init and data.drop",
      `(module (memory 1) (data "ab")
        (func i32.const 0 i32.const 0 i32.const 1 memory.init 0 data.drop 0))`,
      "valid",
    ],
    [
      "memory.init of an unknown data segment",
      `(module (memory 1) (data "ab") (func i32.const 0 i32.const 0 i32.const 1 memory.init 1))`,
      "memory.init: unknown data segment 1",
    ],
    [
      "data.drop of an unknown data segment",
      `(module (memory 1) (data "x") (func data.drop 4))`,
      "data.drop: unknown data segment 4",
    ],
  ]);
});

describe("reference and table instructions", () => {
  runCases([
    [
      "ref.func of an undeclared function",
      "(module (func ref.func 0 drop))",
      "ref.func: undeclared function reference",
    ],
    [
      "ref.func declared by an elem segment",
      "(module (elem declare func 0) (func ref.func 0 drop))",
      "valid",
    ],
    ["ref.func declared by an export", `(module (func (export "f") ref.func 0 drop))`, "valid"],
    ["ref.func of an unknown function", "(module (func ref.func 3 drop))", "ref.func: unknown function 3"],
    [
      "ref.is_null of a number",
      "(module (func (result i32) i32.const 0 ref.is_null))",
      "ref.is_null: type mismatch: expected a reference, got i32",
    ],
    [
      "ref.is_null of both reference types",
      "(module (func (result i32) ref.null extern ref.is_null ref.null func ref.is_null i32.and))",
      "valid",
    ],
    [
      "table.get/set/size/grow/fill on an externref table",
      `(module (table $t 1 externref) (func (param externref)
        i32.const 0 i32.const 0 table.get $t table.set $t
        local.get 0 i32.const 1 table.grow $t table.size $t i32.add drop
        i32.const 0 local.get 0 i32.const 1 table.fill $t))`,
      "valid",
    ],
    [
      "table.set of the wrong reference type",
      "(module (table 1 funcref) (func i32.const 0 ref.null extern table.set 0))",
      "table.set: type mismatch: expected funcref, got externref",
    ],
    [
      "table.grow with a missing operand",
      "(module (table 1 funcref) (func (result i32) i32.const 1 table.grow 0))",
      "table.grow: type mismatch: expected funcref, got nothing",
    ],
    [
      "table.get of an unknown table",
      "(module (func (result funcref) i32.const 0 table.get 0))",
      "table.get: unknown table 0",
    ],
    [
      "table.init of a segment of another reference type",
      `(module (table 1 externref) (elem funcref (ref.func 0))
        (func i32.const 0 i32.const 0 i32.const 0 table.init 0 0))`,
      "table.init: type mismatch: table 0 holds externref, elem segment 0 holds funcref",
    ],
    [
      "table.init of an unknown segment",
      "(module (table 1 funcref) (func i32.const 0 i32.const 0 i32.const 0 table.init 0 2))",
      "table.init: unknown elem segment 2",
    ],
    [
      "table.copy between tables of different types",
      `(module (table 1 externref) (table 1 funcref)
        (func i32.const 0 i32.const 0 i32.const 0 table.copy 0 1))`,
      "table.copy: type mismatch: table 0 holds externref, table 1 holds funcref",
    ],
    ["elem.drop of an unknown segment", "(module (func elem.drop 0))", "elem.drop: unknown elem segment 0"],
  ]);
});

describe("SIMD instructions", () => {
  runCases([
    [
      "a lane index at the limit",
      "(module (func (result i32) v128.const i32x4 0 0 0 0 i8x16.extract_lane_s 16))",
      "i8x16.extract_lane_s: invalid lane index 16",
    ],
    ["the last lane", "(module (func (result i64) v128.const i32x4 0 0 0 0 i64x2.extract_lane 1))", "valid"],
    [
      "replace_lane beyond the lane count",
      "(module (func (result v128) v128.const i32x4 0 0 0 0 f64.const 0 f64x2.replace_lane 2))",
      "f64x2.replace_lane: invalid lane index 2",
    ],
    [
      "a shuffle lane index of 32",
      `(module (func (result v128) v128.const i32x4 0 0 0 0 v128.const i32x4 0 0 0 0
        i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 32))`,
      "i8x16.shuffle: invalid lane index 32",
    ],
    [
      "a shuffle using lane 31",
      `(module (func (result v128) v128.const i32x4 0 0 0 0 v128.const i32x4 0 0 0 0
        i8x16.shuffle 31 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))`,
      "valid",
    ],
    [
      "load lane beyond the lane count",
      "(module (memory 1) (func (result v128) i32.const 0 v128.const i32x4 0 0 0 0 v128.load32_lane 4))",
      "v128.load32_lane: invalid lane index 4",
    ],
    [
      "store lane over-aligned",
      "(module (memory 1) (func i32.const 0 v128.const i32x4 0 0 0 0 v128.store16_lane align=4 0))",
      "v128.store16_lane: alignment must not be larger than natural",
    ],
    [
      "a shift by an i64",
      "(module (func (result v128) v128.const i32x4 0 0 0 0 i64.const 1 i32x4.shl))",
      "i32x4.shl: type mismatch: expected i32, got i64",
    ],
    [
      "extract_lane's scalar type",
      "(module (func (result i32) v128.const i32x4 0 0 0 0 f32x4.extract_lane 0))",
      "end: type mismatch: expected i32, got f32",
    ],
    [
      "bitselect takes three vectors",
      `(module (func (result v128) v128.const i32x4 0 0 0 0 v128.const i32x4 0 0 0 0
        i32.const 0 v128.bitselect))`,
      "v128.bitselect: type mismatch: expected v128, got i32",
    ],
    [
      "v128 locals and globals",
      "(module (global (mut v128) (v128.const i32x4 0 0 0 0)) (func (local v128) global.get 0 local.set 0 local.get 0 global.set 0))",
      "valid",
    ],
  ]);
});

describe("binary-level checks", () => {
  const memoryGrow = (reserved: number[]) =>
    singleFunc([0x41, 0, 0x40, ...reserved, 0x1a, 0x0b], { memory: true });

  it("requires the reserved memory byte to be a single zero byte", () => {
    expect(bytesError(memoryGrow([0x00]))).toBe("valid");
    expect(bytesError(memoryGrow([0x01]))).toMatch(/memory\.grow: zero byte expected/);
    expect(bytesError(memoryGrow([0x80, 0x00]))).toMatch(/zero byte expected/);
    expect(bytesError(singleFunc([0x3f, 0x80, 0x80, 0x00, 0x1a, 0x0b], { memory: true }))).toMatch(
      /memory\.size: zero byte expected/,
    );
    const init = (reserved: number) =>
      singleFunc([0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x08, 0x00, reserved, 0x0b], {
        memory: true,
        dataCount: 1,
      });
    // The data count says 1 segment; no data section follows, which is the decoder's business.
    expect(bytesError(init(0))).toBe("valid");
    expect(bytesError(init(1))).toMatch(/memory\.init: zero byte expected/);
    const copy = singleFunc([0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0a, 0x00, 0x01, 0x0b], { memory: true });
    expect(bytesError(copy)).toMatch(/memory\.copy: zero byte expected/);
    const fill = singleFunc([0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0b, 0x02, 0x0b], { memory: true });
    expect(bytesError(fill)).toMatch(/memory\.fill: zero byte expected/);
  });

  it("needs a data count section for memory.init and data.drop", () => {
    const drop = singleFunc([0xfc, 0x09, 0x00, 0x0b], { memory: true });
    expect(bytesError(drop)).toMatch(/data\.drop: data count section required/);
    const init = singleFunc([0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x08, 0x00, 0x00, 0x0b], { memory: true });
    expect(bytesError(init)).toMatch(/memory\.init: data count section required/);
    expect(bytesError(singleFunc([0xfc, 0x09, 0x00, 0x0b], { dataCount: 1 }))).toBe("valid");
  });

  it("checks memarg flags: too large is malformed, above natural is invalid", () => {
    const load = (align: number[]) =>
      singleFunc([0x41, 0, 0x28, ...align, 0x00, 0x1a, 0x0b], { memory: true });
    expect(bytesError(load([0x02]))).toBe("valid");
    expect(bytesError(load([0x1f]))).toMatch(/i32\.load: alignment must not be larger than natural/);
    expect(bytesError(load([0x20]))).toMatch(/i32\.load: malformed memop flags/);
    expect(bytesError(load([0x40]))).toMatch(/malformed memop flags/);
    expect(bytesError(load([0x82, 0x80, 0x00]))).toBe("valid");
    // Offsets are u32: 2^32 - 1 is fine, 2^32 is too large.
    const offset = (bytes: number[]) =>
      singleFunc([0x41, 0, 0x28, 0x02, ...bytes, 0x1a, 0x0b], { memory: true });
    expect(bytesError(offset([0xff, 0xff, 0xff, 0xff, 0x0f]))).toBe("valid");
    expect(bytesError(offset([0x80, 0x80, 0x80, 0x80, 0x10]))).toMatch(/integer too large/);
  });

  it("reports illegal opcodes in hex", () => {
    expect(bytesError(singleFunc([0x06, 0x0b]))).toMatch(/illegal opcode 0x06/);
    expect(bytesError(singleFunc([0x12, 0x00, 0x0b]))).toMatch(/illegal opcode 0x12/);
    expect(bytesError(singleFunc([0xff, 0x0b]))).toMatch(/illegal opcode 0xff/);
    expect(bytesError(singleFunc([0xfe, 0x00, 0x0b]))).toMatch(/illegal opcode 0xfe/);
    expect(bytesError(singleFunc([0xfc, 0x12, 0x0b]))).toMatch(/illegal opcode 0xfc 0x12/);
    expect(bytesError(singleFunc([0xfd, 0x9a, 0x01, 0x0b]))).toMatch(/illegal opcode 0xfd 0x9a/);
    // Relaxed SIMD is not Wasm 2.0.
    expect(bytesError(singleFunc([0xfd, 0x80, 0x02, 0x0b]))).toMatch(/illegal opcode 0xfd 0x100/);
  });

  it("accepts overlong prefixed sub-opcodes, which are u32 LEBs", () => {
    // f32.const 0; i32.trunc_sat_f32_s as 0xFC 0x80 0x00; drop
    const sat = singleFunc([0x43, 0, 0, 0, 0, 0xfc, 0x80, 0x00, 0x1a, 0x0b]);
    expect(bytesError(sat)).toBe("valid");
    // i32.const 0; i8x16.splat as a 5-byte LEB; drop
    const splat = singleFunc([0x41, 0, 0xfd, 0x8f, 0x80, 0x80, 0x80, 0x00, 0x1a, 0x0b]);
    expect(bytesError(splat)).toBe("valid");
    const tooLong = singleFunc([0x41, 0, 0xfd, 0x8f, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a, 0x0b]);
    expect(bytesError(tooLong)).toMatch(/integer representation too long/);
  });

  it("requires the function's end exactly at the end of the body", () => {
    expect(bytesError(singleFunc([0x01]))).toMatch(/END opcode expected/);
    expect(bytesError(singleFunc([0x02, 0x40, 0x0b]))).toMatch(/unexpected end of section or function/);
    expect(bytesError(singleFunc([0x0b, 0x01]))).toMatch(/end: section size mismatch: 1 bytes after/);
    expect(bytesError(singleFunc([0x0b, 0x0b]))).toMatch(/bytes after the function's final end/);
    expect(bytesError(singleFunc([0x41]))).toMatch(/i32\.const: unexpected end/);
    expect(bytesError(singleFunc([0x44, 0, 0, 0, 0, 0x0b]))).toMatch(/f64\.const: unexpected end/);
    expect(bytesError(singleFunc([0xfd, 0x0c, 1, 2, 3, 0x0b]))).toMatch(/v128\.const: unexpected end/);
  });

  it("rejects an else outside an if", () => {
    expect(bytesError(singleFunc([0x05, 0x0b]))).toMatch(/else: misplaced ELSE opcode/);
    expect(bytesError(singleFunc([0x02, 0x40, 0x05, 0x0b, 0x0b]))).toMatch(/misplaced ELSE/);
    expect(bytesError(singleFunc([0x41, 1, 0x04, 0x40, 0x05, 0x05, 0x0b, 0x0b]))).toMatch(/misplaced ELSE/);
  });

  it("decodes block types: empty, a value type, or a non-negative type index", () => {
    expect(bytesError(singleFunc([0x02, 0x7b, 0xfd, 0x0c, ...Array(16).fill(0), 0x0b, 0x1a, 0x0b]))).toBe(
      "valid",
    );
    expect(bytesError(singleFunc([0x02, 0x6f, 0xd0, 0x6f, 0x0b, 0x1a, 0x0b]))).toBe("valid");
    // Type index 0 (() -> ()) written as an overlong s33.
    expect(bytesError(singleFunc([0x02, 0x80, 0x80, 0x00, 0x0b, 0x0b]))).toBe("valid");
    expect(bytesError(singleFunc([0x02, 0x05, 0x0b, 0x0b]))).toMatch(/block: unknown type 5/);
    expect(bytesError(singleFunc([0x02, 0x7a, 0x0b, 0x0b]))).toMatch(/block: malformed block type/);
    // -1 is i32 only as the single byte 0x7f.
    expect(bytesError(singleFunc([0x02, 0xff, 0x7f, 0x0b, 0x0b]))).toMatch(/malformed block type/);
  });

  it("checks typed select and ref.null encodings", () => {
    const sel = (vec: number[]) => singleFunc([0x41, 0, 0x41, 0, 0x41, 0, 0x1c, ...vec, 0x1a, 0x0b]);
    expect(bytesError(sel([0x01, 0x7f]))).toBe("valid");
    expect(bytesError(sel([0x00]))).toMatch(/select: invalid result arity 0/);
    expect(bytesError(sel([0x01, 0x40]))).toMatch(/select: malformed value type 0x40/);
    expect(bytesError(singleFunc([0xd0, 0x7f, 0x1a, 0x0b]))).toMatch(
      /ref\.null: malformed reference type 0x7f/,
    );
  });

  it("checks lane immediates in binary", () => {
    const v128 = [0xfd, 0x0c, ...Array(16).fill(0)];
    expect(bytesError(singleFunc([...v128, 0xfd, 0x1b, 0x03, 0x1a, 0x0b]))).toBe("valid");
    expect(bytesError(singleFunc([...v128, 0xfd, 0x1b, 0x04, 0x1a, 0x0b]))).toMatch(
      /i32x4\.extract_lane: invalid lane index 4 \(must be below 4\)/,
    );
    expect(bytesError(singleFunc([...v128, 0xfd, 0x1b]))).toMatch(/i32x4\.extract_lane: unexpected end/);
  });

  it("numbers functions after the imported ones in messages", () => {
    const bytes = moduleBytes(
      [1, 1, 0x60, 0, 0],
      [2, 2, 1, 0x6d, 1, 0x61, 0, 0, 1, 0x6d, 1, 0x62, 0, 0],
      [3, 2, 0, 0],
      [10, 2, 2, 0, 0x0b, 2, 0, 0x41],
    );
    expect(bytesError(bytes)).toMatch(/^func 3 at 0x[0-9a-f]+: i32\.const: unexpected end/);
  });
});

describe("implementation limits", () => {
  it("bounds the operand stack instead of allocating without end", () => {
    // Type 0 returns 50,000 i32s; 336 calls to it would need 16.8M operand slots.
    const results = 50_000;
    const calls = Math.ceil(MAX_OPERAND_STACK / results) + 1;
    const body = [0, ...Array(calls).fill([0x10, 0]).flat(), 0x0b];
    const bytes = moduleBytes(
      [1, 2, 0x60, 0, ...uleb(results), ...Array(results).fill(0x7f), 0x60, 0, 0],
      [3, 2, 0, 1],
      [10, 2, 3, 0, 0x00, 0x0b, ...uleb(body.length), ...body],
    );
    expect(bytesError(bytes)).toMatch(
      /^func 1 at 0x[0-9a-f]+: call: operand stack deeper than 16777216 values/,
    );
  });
});

describe("error messages", () => {
  it("name the function, the instruction's offset and the instruction", () => {
    const bytes = wat("(module (func (result i32) f32.const 1 i32.const 2 i32.add))");
    const { bodies } = decodeForTest(bytes);
    // f32.const (5 bytes), i32.const (2 bytes), then i32.add.
    const at = bodies[0]!.codeStart + 7;
    let err: unknown;
    try {
      validateBytes(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CompileError);
    const ce = err as CompileError;
    expect(ce.message).toBe(
      `func 0 at 0x${at.toString(16)}: i32.add: type mismatch: expected i32, got f32 (at byte offset ${at})`,
    );
    expect(ce.offset).toBe(at);
  });

  it("point the offset at a bad immediate", () => {
    const bytes = wat("(module (func (local i32) local.get 9 drop))");
    const { bodies } = decodeForTest(bytes);
    const op = bodies[0]!.codeStart;
    let err: CompileError | undefined;
    try {
      validateBytes(bytes);
    } catch (e) {
      err = e as CompileError;
    }
    expect(err?.message).toMatch(new RegExp(`^func 0 at 0x${op.toString(16)}: local.get: unknown local 9`));
    expect(err?.offset).toBe(op + 1);
  });
});
