import { describe, expect, it } from "vitest";
import { layout, widthOf } from "../../src/interp/encode.js";
import { assignSlots, type SlotProblem } from "../../src/interp/slots.js";
import type { Block, Func, Inst } from "../../src/ir/types.js";
import { Ty } from "../../src/ir/types.js";
import { block, brif, func, jump, op, ret } from "./helpers.js";

const { I32, I64 } = Ty;

/** f(v0: i32, v1: i64): a loop carrying an i64 and an i32, with short-lived temporaries. */
const loop: Func = func(
  0,
  [I32, I64],
  [I64],
  [I32, I64, I32, I64, I32, I64, I64, I32, I32, I64],
  [
    block(0, [0, 1], [], jump(1, [0, 1])),
    block(
      1,
      [2, 3],
      [op(0x7c, [5], [3, 3]), op(0x7e, [6], [5, 3]), op(0x41, [7], [], { a: 1 }), op(0x6b, [8], [2, 7])],
      brif(8, { block: 1, args: [8, 6] }, { block: 2, args: [6] }),
      true,
    ),
    block(2, [9], [op(0x50, [4], [9])], ret(9)),
  ],
);

function problem(f: Func, maxLivenessBits?: number): SlotProblem {
  const params = layout(f.params);
  return {
    func: f,
    width: Uint8Array.from(f.vregTypes, widthOf),
    paramSlots: params.slots,
    paramSize: params.size,
    encoded: () => true,
    hoisted: [],
    instUses: (i: Inst) => i.args,
    termUses: (b: Block) => {
      const t = b.term;
      if (t.kind === "jump") return t.target.args;
      if (t.kind === "brif") return [t.cond, ...t.then.args, ...t.else.args];
      if (t.kind === "return") return t.args;
      return [];
    },
    maxLivenessBits,
  };
}

describe("frame slots", () => {
  it("keep the calling convention's parameter slots", () => {
    const { slot } = assignSlots(problem(loop));
    expect([slot[0], slot[1]]).toEqual(layout([I32, I64]).slots);
  });

  it("share slots only between registers that are never live together, aligned by width", () => {
    const { slot, size } = assignSlots(problem(loop));
    // Loop parameters take the slots of the values passed back to them.
    expect(slot[8]).toBe(slot[2]);
    expect(slot[6]).toBe(slot[3]);
    // Registers live at the same time differ: v2, v3, v5 are all live when v6 is computed.
    expect(new Set([slot[2], slot[3], slot[5]]).size).toBe(3);
    for (const v of [1, 3, 5, 6]) expect(slot[v] % 2).toBe(0);
    expect(size).toBeLessThan(12);
  });

  it("give every register its own slot when the function is too large to analyse", () => {
    const { slot, size } = assignSlots(problem(loop, 0));
    const starts = new Set(Array.from(slot));
    expect(starts.size).toBe(loop.vregTypes.length);
    expect(size).toBe(16);
  });
});
