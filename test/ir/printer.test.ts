import { describe, expect, it } from "vitest";
import { FuncBuilder } from "../../src/ir/builder.js";
import { immText, printFunc } from "../../src/ir/printer.js";
import type { Inst } from "../../src/ir/types.js";
import { Ty } from "../../src/ir/types.js";

function inst(op: number, imms: Partial<Inst>): Inst {
  return { op, results: [], args: [], a: 0, b: 0, c: 0, bytes: null, offset: 0, ...imms };
}

describe("IR printer", () => {
  it("prints integer constants exactly", () => {
    expect(immText(inst(0x41, { a: -5 }))).toBe("-5");
    expect(immText(inst(0x41, { a: 0xffffffff }))).toBe("-1");
    expect(immText(inst(0x42, { a: 1, b: 0 }))).toBe("1");
    expect(immText(inst(0x42, { a: -1, b: -1 }))).toBe("-1");
    expect(immText(inst(0x42, { a: 0, b: 0x100000 }))).toBe(String(2 ** 52));
    expect(immText(inst(0x42, { a: 0, b: 0x80000000 | 0 }))).toBe("0x8000000000000000");
    expect(immText(inst(0x42, { a: 0xdeadbeef, b: 0x12345678 }))).toBe("0x12345678deadbeef");
  });

  it("prints float constants, signed zeros, infinities and NaN payloads", () => {
    expect(immText(inst(0x43, { a: 0x3fc00000 }))).toBe("1.5");
    expect(immText(inst(0x43, { a: 0x80000000 | 0 }))).toBe("-0");
    expect(immText(inst(0x43, { a: 0x7f800000 }))).toBe("inf");
    expect(immText(inst(0x43, { a: 0xffc00001 | 0 }))).toBe("-nan:0x400001");
    expect(immText(inst(0x43, { a: 0x3dcccccd }))).toBe("0.10000000149011612");
    expect(immText(inst(0x44, { a: 0, b: 0x3ff80000 }))).toBe("1.5");
    expect(immText(inst(0x44, { a: 0, b: 0xfff00000 | 0 }))).toBe("-inf");
    expect(immText(inst(0x44, { a: 1, b: 0x7ff80000 }))).toBe("nan:0x8000000000001");
  });

  it("prints vector immediates, memory arguments and indices", () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(immText(inst(0xfd0c, { bytes }))).toBe("i32x4 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c");
    expect(immText(inst(0xfd0d, { bytes }))).toBe("0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15");
    expect(immText(inst(0x28, { a: 0, b: 2 }))).toBe("");
    expect(immText(inst(0x28, { a: 8, b: 0 }))).toBe("offset=8 align=1");
    expect(immText(inst(0xfd54, { a: 4, b: 0, c: 3 }))).toBe("offset=4 3");
    expect(immText(inst(0xfd15, { a: 7 }))).toBe("7");
    expect(immText(inst(0x11, { a: 2, b: 1 }))).toBe("type=2 table=1");
    expect(immText(inst(0xfc0c, { a: 0, b: 3 }))).toBe("0 3");
    expect(immText(inst(0xd0, { a: Ty.ExternRef }))).toBe("externref");
    expect(immText(inst(0x10, { a: 12 }))).toBe("12");
    expect(immText(inst(0x6a, {}))).toBe("");
  });

  it("prints blocks, loop headers, multi-result operations and offsets", () => {
    const fb = new FuncBuilder(1, "f", [Ty.I32], [Ty.I32, Ty.I64]);
    const h = fb.newBlock();
    const exit = fb.newBlock();
    fb.setLoopHeader(h);
    const x = fb.addParam(h, Ty.I32);
    fb.jump(fb.entry, h, [fb.paramRegs[0]!]);
    const [r0] = fb.opN(h, 0x10, [Ty.I32, Ty.I64], [x], 0x2a, { a: 0 });
    fb.brtable(h, r0!, [{ block: h, args: [r0!] }], { block: exit, args: [] });
    fb.unreachable(exit, 0x30);
    expect(printFunc(fb.finish(), { offsets: true })).toBe(
      [
        'func 1 "f" (v0: i32) -> (i32, i64)',
        "block0(v0: i32):",
        "  jump block1(v0)",
        "block1(v1: i32): ; loop header",
        "  v2:i32, v3:i64 = call 0 v1 ; @0x2a",
        "  brtable v2, [block1(v2)], block2",
        "block2:",
        "  unreachable ; @0x30",
        "",
      ].join("\n"),
    );
  });
});
