import { describe, expect, it } from "vitest";
import { FuncBuilder } from "../../src/ir/builder.js";
import { SsaBuilder } from "../../src/ir/ssa.js";
import { Ty } from "../../src/ir/types.js";
import { verifyFunc } from "../../src/ir/verifier.js";

const I32_CONST = 0x41;
const I32_ADD = 0x6a;

function setup(params: Ty[] = [Ty.I32]) {
  const fb = new FuncBuilder(0, null, params, [Ty.I32]);
  let zeros = 0;
  const ssa = new SsaBuilder(fb, (ty) => {
    zeros++;
    return fb.hoist(I32_CONST, ty, 0);
  });
  const c = (b: number, v: number) => fb.op(b, I32_CONST, Ty.I32, [], 0, { a: v });
  return { fb, ssa, c, zeros: () => zeros };
}

describe("SsaBuilder", () => {
  it("reads the latest write in the same block and the undefined value before any write", () => {
    const { fb, ssa, c, zeros } = setup([]);
    const x = ssa.declareVar(Ty.I32);
    const z = ssa.readVar(x, fb.entry);
    expect(zeros()).toBe(1);
    expect(ssa.readVar(x, fb.entry)).toBe(z);
    const one = c(fb.entry, 1);
    ssa.writeVar(x, fb.entry, one);
    expect(ssa.readVar(x, fb.entry)).toBe(one);
    expect(zeros()).toBe(1);
  });

  it("adds a join parameter only when the arms disagree", () => {
    const { fb, ssa, c } = setup();
    const x = ssa.declareVar(Ty.I32);
    const y = ssa.declareVar(Ty.I32);
    const init = c(fb.entry, 0);
    ssa.writeVar(x, fb.entry, init);
    ssa.writeVar(y, fb.entry, init);
    const a = fb.newBlock();
    const b = fb.newBlock();
    const join = fb.newBlock();
    fb.brif(fb.entry, fb.paramRegs[0]!, a, [], b, []);
    ssa.sealBlock(a);
    ssa.sealBlock(b);
    ssa.writeVar(x, a, c(a, 1));
    fb.jump(a, join, []);
    fb.jump(b, join, []);
    ssa.sealBlock(join);
    const xv = ssa.readVar(x, join);
    const yv = ssa.readVar(y, join);
    // y's parameter was trivial: it is marked removed (compacted by finish) and y reads as init.
    expect(fb.paramsOf(join)[0]).toBe(xv);
    expect(fb.isRemovedParam(join, 0)).toBe(false);
    expect(fb.isRemovedParam(join, 1)).toBe(true);
    expect(yv).toBe(init);
    fb.ret(join, [fb.op(join, I32_ADD, Ty.I32, [xv, yv], 0)]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.blocks[3]!.params.length).toBe(1);
  });

  it("completes loop-header parameters when the header is sealed, dropping the trivial ones", () => {
    const { fb, ssa, c } = setup();
    const i = ssa.declareVar(Ty.I32);
    const k = ssa.declareVar(Ty.I32);
    ssa.writeVar(i, fb.entry, c(fb.entry, 0));
    ssa.writeVar(k, fb.entry, c(fb.entry, 10));
    const header = fb.newBlock();
    const exit = fb.newBlock();
    fb.jump(fb.entry, header, []);
    // In the unsealed header, reads create incomplete parameters.
    const iv = ssa.readVar(i, header);
    const kv = ssa.readVar(k, header);
    expect(fb.paramsOf(header)).toEqual([iv, kv]);
    const next = fb.op(header, I32_ADD, Ty.I32, [iv, kv], 0);
    ssa.writeVar(i, header, next);
    fb.brif(header, next, header, [], exit, []);
    ssa.sealBlock(header);
    ssa.sealBlock(exit);
    // k is never written in the loop: its parameter was trivial and k reads as the constant 10.
    expect(fb.isRemovedParam(header, 1)).toBe(true);
    expect(ssa.readVar(k, exit)).toBe(fb.resolve(kv));
    fb.ret(exit, [ssa.readVar(i, exit)]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.blocks[1]!.params.length).toBe(1);
    expect(f.blocks[1]!.insts[0]!.args[1]).toBe(2);
  });

  it("handles nested loops", () => {
    const { fb, ssa, c } = setup();
    const x = ssa.declareVar(Ty.I32);
    ssa.writeVar(x, fb.entry, c(fb.entry, 0));
    const outer = fb.newBlock();
    const inner = fb.newBlock();
    const after = fb.newBlock();
    const exit = fb.newBlock();
    fb.jump(fb.entry, outer, []);
    fb.jump(outer, inner, []);
    ssa.writeVar(x, inner, fb.op(inner, I32_ADD, Ty.I32, [ssa.readVar(x, inner), c(inner, 1)], 0));
    fb.brif(inner, fb.paramRegs[0]!, inner, [], after, []);
    ssa.sealBlock(inner);
    ssa.sealBlock(after);
    fb.brif(after, fb.paramRegs[0]!, outer, [], exit, []);
    ssa.sealBlock(outer);
    ssa.sealBlock(exit);
    fb.ret(exit, [ssa.readVar(x, exit)]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.blocks.map((b) => b.params.length)).toEqual([1, 1, 1, 0, 0]);
  });

  it("reads through long chains of blocks without deep recursion", () => {
    const { fb, ssa, c } = setup();
    const x = ssa.declareVar(Ty.I32);
    ssa.writeVar(x, fb.entry, c(fb.entry, 3));
    let cur = fb.entry;
    for (let n = 0; n < 10_000; n++) {
      // A diamond per step, so every join has two predecessors and x reaches it unchanged.
      const a = fb.newBlock();
      const b = fb.newBlock();
      const join = fb.newBlock();
      fb.brif(cur, fb.paramRegs[0]!, a, [], b, []);
      ssa.sealBlock(a);
      ssa.sealBlock(b);
      fb.jump(a, join, []);
      fb.jump(b, join, []);
      ssa.sealBlock(join);
      cur = join;
    }
    const v = ssa.readVar(x, cur);
    fb.ret(cur, [v]);
    const f = fb.finish();
    expect(verifyFunc(f)).toEqual([]);
    expect(f.blocks.every((b) => b.id === 0 || b.params.length === 0)).toBe(true);
  });
});
