import { describe, expect, it } from "vitest";
import { computeLiveness, type Interval } from "../../src/backend/liveness.js";
import { type Move, sequentialize } from "../../src/backend/parallel-move.js";
import { allocate, type Location, locationKey } from "../../src/backend/regalloc.js";
import { compileWat } from "../ir/helpers.js";

function iv(vreg: number, start: number, end: number): Interval {
  return { vreg, start, end };
}

/** Checks that no two overlapping intervals share a location. */
function expectNoConflicts(ivs: readonly (Interval | null)[], locs: readonly (Location | null)[]): void {
  const list = ivs.filter((x): x is Interval => x !== null);
  for (const a of list) {
    for (const b of list) {
      if (a.vreg >= b.vreg) continue;
      const overlap = a.start <= b.end && b.start <= a.end;
      if (overlap) {
        const la = locs[a.vreg];
        const lb = locs[b.vreg];
        expect(la).not.toBeNull();
        expect(locationKey(la as Location)).not.toBe(locationKey(lb as Location));
      }
    }
  }
}

describe("linear-scan allocation", () => {
  it("assigns registers to disjoint intervals and reuses freed ones", () => {
    const ivs = [iv(0, 0, 4), iv(1, 5, 9), iv(2, 2, 6)];
    const a = allocate({ intervals: ivs, classOf: () => 0, pools: [[10, 11]], clobbers: [] });
    expect(a.slots).toBe(0);
    expect(a.locations[0]).toEqual({ kind: "reg", cls: 0, reg: 10 });
    expect(a.locations[2]).toEqual({ kind: "reg", cls: 0, reg: 11 });
    expect(a.locations[1]).toEqual({ kind: "reg", cls: 0, reg: 10 });
  });

  it("spills the interval that ends last when registers run out", () => {
    const ivs = [iv(0, 0, 100), iv(1, 1, 5), iv(2, 2, 6)];
    const a = allocate({ intervals: ivs, classOf: () => 0, pools: [[1, 2]], clobbers: [] });
    expect(a.locations[0]?.kind).toBe("stack");
    expect(a.locations[1]?.kind).toBe("reg");
    expect(a.locations[2]?.kind).toBe("reg");
    expect(a.slots).toBe(1);
    expectNoConflicts(ivs, a.locations);
  });

  it("keeps classes apart", () => {
    const ivs = [iv(0, 0, 10), iv(1, 0, 10)];
    const a = allocate({ intervals: ivs, classOf: (v) => v, pools: [[3], [3]], clobbers: [] });
    expect(a.locations[0]).toEqual({ kind: "reg", cls: 0, reg: 3 });
    expect(a.locations[1]).toEqual({ kind: "reg", cls: 1, reg: 3 });
  });

  it("puts intervals that live across a clobber on the stack", () => {
    const ivs = [iv(0, 0, 10), iv(1, 0, 4), iv(2, 5, 9)];
    const a = allocate({ intervals: ivs, classOf: () => 0, pools: [[1, 2, 3]], clobbers: [4] });
    expect(a.locations[0]?.kind).toBe("stack");
    // Ends at the clobber (read by the call) or starts after it: registers are fine.
    expect(a.locations[1]?.kind).toBe("reg");
    expect(a.locations[2]?.kind).toBe("reg");
  });

  it("never double-books a register or slot under pressure (random intervals)", () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const ivs: Interval[] = [];
      for (let v = 0; v < 30; v++) {
        const s = rnd(100);
        ivs.push(iv(v, s, s + rnd(40)));
      }
      const clobbers = [rnd(140), rnd(140)].sort((x, y) => x - y);
      const a = allocate({
        intervals: ivs,
        classOf: (v) => v % 2,
        pools: [
          [1, 2, 3],
          [1, 2],
        ],
        clobbers,
      });
      expectNoConflicts(ivs, a.locations);
      for (const x of ivs) {
        const l = a.locations[x.vreg] as Location;
        if (clobbers.some((c) => x.start < c && c < x.end)) expect(l.kind).toBe("stack");
        expect(l.cls).toBe(x.vreg % 2);
      }
    }
  });
});

describe("liveness", () => {
  it("extends a value used in a loop over the whole loop", () => {
    const { funcs } = compileWat(`(module (func (param i32 i32) (result i32) (local i32)
      (loop $l (local.set 2 (i32.add (local.get 2) (local.get 1)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 2)))`);
    const f = funcs[0];
    const l = computeLiveness(f);
    const loop = f.blocks.findIndex((b) => b.loopHeader);
    expect(loop).toBeGreaterThan(0);
    // Parameter 1 (register 1) is read in the loop body and must live to the loop's end.
    const p1 = l.intervals[1] as Interval;
    expect(p1.start).toBe(0);
    expect(p1.end).toBeGreaterThanOrEqual(l.blockEnd[loop]);
  });
});

describe("parallel moves", () => {
  const key = (l: string): string => l;
  const temp = (): string => "T";
  function run(moves: Move<string>[], init: Record<string, number>): Record<string, number> {
    const state = { ...init };
    for (const m of sequentialize(moves, key, temp)) state[m.dst] = state[m.src];
    return state;
  }

  it("orders a chain so no source is overwritten before it is read", () => {
    const s = run(
      [
        { src: "a", dst: "b" },
        { src: "b", dst: "c" },
      ],
      { a: 1, b: 2, c: 3 },
    );
    expect([s.b, s.c]).toEqual([1, 2]);
  });

  it("breaks swaps and longer cycles through the temporary", () => {
    const swap = run(
      [
        { src: "a", dst: "b" },
        { src: "b", dst: "a" },
      ],
      { a: 1, b: 2 },
    );
    expect([swap.a, swap.b]).toEqual([2, 1]);
    const cyc = run(
      [
        { src: "a", dst: "b" },
        { src: "b", dst: "c" },
        { src: "c", dst: "a" },
        { src: "a", dst: "d" },
        { src: "e", dst: "e" },
      ],
      { a: 1, b: 2, c: 3, d: 4, e: 5 },
    );
    expect([cyc.a, cyc.b, cyc.c, cyc.d, cyc.e]).toEqual([3, 1, 2, 1, 5]);
  });

  it("matches a simultaneous assignment on random permutations with fan-out", () => {
    const names = ["a", "b", "c", "d", "e", "f"];
    let seed = 3;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const init: Record<string, number> = {};
      names.forEach((n, i) => {
        init[n] = i + 1;
      });
      const moves = names.filter(() => rnd(3) > 0).map((dst) => ({ src: names[rnd(names.length)], dst }));
      const expected = { ...init };
      for (const m of moves) expected[m.dst] = init[m.src];
      const got = run(moves, init);
      for (const n of names) expect(got[n]).toBe(expected[n]);
    }
  });
});
