import { describe, expect, it } from "vitest";
import { FuncBuilder } from "../../src/ir/builder.js";
import { printFunc } from "../../src/ir/printer.js";
import { Ty } from "../../src/ir/types.js";
import { verifyFunc } from "../../src/ir/verifier.js";

const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_EQZ = 0x45;

describe("FuncBuilder", () => {
  it("builds a straight-line function with the entry's params as v0..", () => {
    const fb = new FuncBuilder(3, "add1", [Ty.I32], [Ty.I32]);
    const one = fb.op(fb.entry, I32_CONST, Ty.I32, [], 10, { a: 1 });
    const sum = fb.op(fb.entry, I32_ADD, Ty.I32, [fb.paramRegs[0]!, one], 12);
    fb.ret(fb.entry, [sum]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.index).toBe(3);
    expect(f.blocks[0]!.params).toEqual([0]);
    expect(f.blocks[0]!.insts.map((i) => i.offset)).toEqual([10, 12]);
    expect(printFunc(f)).toBe(
      [
        'func 3 "add1" (v0: i32) -> (i32)',
        "block0(v0: i32):",
        "  v1:i32 = i32.const 1",
        "  v2:i32 = i32.add v0, v1",
        "  return v2",
        "",
      ].join("\n"),
    );
  });

  it("drops unreachable blocks, lays blocks out in terminator order and renumbers densely", () => {
    const fb = new FuncBuilder(0, null, [Ty.I32], []);
    const dead = fb.newBlock();
    const late = fb.newBlock();
    const early = fb.newBlock();
    const deadChild = fb.newBlock();
    fb.op(dead, I32_CONST, Ty.I32, [], 0, { a: 7 });
    fb.jump(dead, deadChild, []);
    fb.ret(deadChild, []);
    fb.brif(fb.entry, fb.paramRegs[0]!, early, [], late, []);
    fb.ret(early, []);
    fb.ret(late, []);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.blocks.length).toBe(3);
    // `early` was terminated before `late`, so it comes first; the dead register is gone.
    const t = f.blocks[0]!.term;
    expect(t.kind === "brif" && [t.then.block, t.else.block]).toEqual([1, 2]);
    expect(f.vregTypes).toEqual([Ty.I32]);
  });

  it("removes a parameter that every edge fills with the same value", () => {
    const fb = new FuncBuilder(0, null, [Ty.I32], [Ty.I32]);
    const a = fb.newBlock();
    const b = fb.newBlock();
    const join = fb.newBlock();
    const p = fb.addParam(join, Ty.I32);
    const q = fb.addParam(join, Ty.I32);
    const c = fb.op(fb.entry, I32_CONST, Ty.I32, [], 0, { a: 5 });
    fb.brif(fb.entry, fb.paramRegs[0]!, a, [], b, []);
    fb.jump(a, join, [c, c]);
    const d = fb.op(b, I32_CONST, Ty.I32, [], 0, { a: 6 });
    fb.jump(b, join, [c, d]);
    const r = fb.op(join, I32_ADD, Ty.I32, [p, q], 0);
    fb.ret(join, [r]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    const j = f.blocks[3]!;
    expect(j.params.length).toBe(1);
    // p was replaced by the constant c (v1) in the add.
    expect(j.insts[0]!.args).toEqual([1, j.params[0]]);
    const ja = f.blocks[1]!.term;
    expect(ja.kind === "jump" && ja.target.args).toEqual([1]);
  });

  it("removes parameters that become trivial once another one is removed", () => {
    // Loop header h(x) receives c from the entry and x from its back edge: trivial.
    // Exit block e(y) receives c from the entry side and x from the loop: trivial after x := c.
    const fb = new FuncBuilder(0, null, [Ty.I32], [Ty.I32]);
    const h = fb.newBlock();
    const e = fb.newBlock();
    const x = fb.addParam(h, Ty.I32);
    const y = fb.addParam(e, Ty.I32);
    const c = fb.op(fb.entry, I32_CONST, Ty.I32, [], 0, { a: 1 });
    fb.brif(fb.entry, fb.paramRegs[0]!, h, [c], e, [c]);
    const z = fb.op(h, I32_EQZ, Ty.I32, [x], 0);
    fb.brif(h, z, h, [x], e, [x]);
    fb.ret(e, [y]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.blocks.map((blk) => blk.params.length)).toEqual([1, 0, 0]);
    const ret = f.blocks[2]!.term;
    expect(ret.kind === "return" && ret.args).toEqual([1]);
  });

  it("keeps a parameter fed different values", () => {
    const fb = new FuncBuilder(0, null, [Ty.I32], [Ty.I32]);
    const join = fb.newBlock();
    const p = fb.addParam(join, Ty.I32);
    const c = fb.op(fb.entry, I32_CONST, Ty.I32, [], 0, { a: 5 });
    fb.brif(fb.entry, fb.paramRegs[0]!, join, [c], join, [fb.paramRegs[0]!]);
    fb.ret(join, [p]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.blocks[1]!.params.length).toBe(1);
  });

  it("hoists constants to the start of the entry block, even once it is terminated", () => {
    const fb = new FuncBuilder(0, null, [], [Ty.I32]);
    const next = fb.newBlock();
    fb.jump(fb.entry, next, []);
    const z = fb.hoist(I32_CONST, Ty.I32, 4);
    fb.ret(next, [z]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.blocks[0]!.insts.length).toBe(1);
  });

  it("retargets an edge to another block", () => {
    const fb = new FuncBuilder(0, null, [Ty.I32], [Ty.I32]);
    const a = fb.newBlock();
    const b = fb.newBlock();
    const join = fb.newBlock();
    const p = fb.addParam(join, Ty.I32);
    const elseEdge = fb.brif(fb.entry, fb.paramRegs[0]!, a, [], b, []);
    fb.jump(a, join, [fb.op(a, I32_CONST, Ty.I32, [], 0, { a: 1 })]);
    fb.retarget(fb.entry, elseEdge, join, [fb.paramRegs[0]!]);
    fb.ret(join, [p]);
    expect(fb.predsOf(b)).toEqual([]);
    expect(fb.predsOf(join).map((e) => e.from)).toEqual([a, fb.entry]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.blocks.length).toBe(3);
    expect(() => fb.retarget(a, elseEdge, b, [])).toThrow(/no such edge/);
  });

  it("rejects misuse", () => {
    const fb = new FuncBuilder(0, null, [], []);
    fb.ret(fb.entry, []);
    expect(() => fb.ret(fb.entry, [])).toThrow(/already terminated/);
    expect(() => fb.op(fb.entry, I32_CONST, Ty.I32, [], 0)).toThrow(/already terminated/);
    expect(() => fb.jump(99, fb.entry, [])).toThrow(/no block 99/);
    const open = new FuncBuilder(0, null, [], []);
    open.jump(open.entry, open.newBlock(), []);
    expect(() => open.finish()).toThrow(/has no terminator/);
  });
});
