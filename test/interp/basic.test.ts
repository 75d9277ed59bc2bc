import { describe, expect, it } from "vitest";
import { RuntimeError, StackExhaustedError } from "../../src/errors.js";
import { encodeFunc } from "../../src/interp/encode.js";
import { Ty } from "../../src/ir/types.js";
import { block, brif, call, func, i32, instantiateFuncs, newInterp, op } from "./helpers.js";

const { I32, I64 } = Ty;

/** sum(n) = n + (n-1) + ... + 1, as a loop with block parameters. */
const sum = func(
  0,
  [I32],
  [I32],
  [I32, I32, I32, I32, I32, I32, I32, I32, I32],
  [
    block(0, [0], [op(0x41, [1], [], { a: 0 })], { kind: "jump", target: { block: 1, args: [0, 1] } }),
    block(1, [2, 3], [op(0x45, [4], [2])], brif(4, { block: 3, args: [3] }, { block: 2, args: [] }), true),
    block(2, [], [op(0x6a, [5], [3, 2]), op(0x41, [6], [], { a: 1 }), op(0x6b, [7], [2, 6])], {
      kind: "jump",
      target: { block: 1, args: [7, 5] },
    }),
    block(3, [8], [], { kind: "return", args: [8] }),
  ],
  "sum",
);

/** swap(a, b, n): swaps a and b n times (a cycle of parallel moves), returns a. */
const swap = func(
  0,
  [I32, I32, I32],
  [I32],
  [I32, I32, I32, I32, I32, I32, I32, I32, I32],
  [
    block(0, [0, 1, 2], [], { kind: "jump", target: { block: 1, args: [0, 1, 2] } }),
    block(1, [3, 4, 5], [op(0x45, [6], [5])], brif(6, { block: 3, args: [] }, { block: 2, args: [] }), true),
    block(2, [], [op(0x41, [7], [], { a: 1 }), op(0x6b, [8], [5, 7])], {
      kind: "jump",
      target: { block: 1, args: [4, 3, 8] },
    }),
    block(3, [], [], { kind: "return", args: [3] }),
  ],
  "swap",
);

/** fac(n: i64): i64, recursive. */
const fac = func(
  0,
  [I64],
  [I64],
  [I64, I32, I64, I64, I64, I64, I64],
  [
    block(0, [0], [op(0x50, [1], [0])], brif(1, { block: 1, args: [] }, { block: 2, args: [] })),
    block(1, [], [op(0x42, [2], [], { a: 1, b: 0 })], { kind: "return", args: [2] }),
    block(
      2,
      [],
      [
        op(0x42, [3], [], { a: 1, b: 0 }),
        op(0x7d, [4], [0, 3]),
        op(0x10, [5], [4], { a: 0, offset: 0x20 }),
        op(0x7e, [6], [0, 5]),
      ],
      { kind: "return", args: [6] },
    ),
  ],
  "fac",
);

describe("interpreter basics", () => {
  it("adds", () => {
    const add = func(
      0,
      [I32, I32],
      [I32],
      [I32, I32, I32],
      [block(0, [0, 1], [op(0x6a, [2], [0, 1])], { kind: "return", args: [2] })],
    );
    const inst = instantiateFuncs([add]);
    expect(call(inst, "f0", i32(2), i32(40))).toEqual([i32(42)]);
    expect(call(inst, "f0", i32(0x7fffffff), i32(1))).toEqual([i32(-0x80000000)]);
  });

  it("runs loops with block parameters", () => {
    const inst = instantiateFuncs([sum]);
    expect(call(inst, "sum", i32(100))).toEqual([i32(5050)]);
    expect(call(inst, "sum", i32(0))).toEqual([i32(0)]);
  });

  it("shares slots between registers with disjoint lifetimes", () => {
    // Nine i32 registers, at most four live at once (plus the 4-slot move scratch area).
    expect(encodeFunc(sum, () => 0).frameSize).toBeLessThanOrEqual(8);
  });

  it("sequentialises cyclic parallel moves", () => {
    const inst = instantiateFuncs([swap]);
    expect(call(inst, "swap", i32(1), i32(2), i32(3))).toEqual([i32(2)]);
    expect(call(inst, "swap", i32(1), i32(2), i32(4))).toEqual([i32(1)]);
  });

  it("calls recursively with i64 values", () => {
    const inst = instantiateFuncs([fac]);
    // 20! = 2432902008176640000 = 0x21C3677C82B40000
    expect(call(inst, "fac", { type: "i64", lo: 20, hi: 0 })).toEqual([
      { type: "i64", lo: 0x82b40000 | 0, hi: 0x21c3677c },
    ]);
  });

  it("traps with a wasm stack trace", () => {
    const div = func(
      1,
      [I32],
      [I32],
      [I32, I32, I32],
      [
        block(0, [0], [op(0x41, [1], [], { a: 0 }), op(0x6d, [2], [0, 1], { offset: 0x44 })], {
          kind: "return",
          args: [2],
        }),
      ],
      "div",
    );
    const outer = func(
      0,
      [],
      [I32],
      [I32, I32],
      [
        block(0, [], [op(0x41, [0], [], { a: 7 }), op(0x10, [1], [0], { a: 1, offset: 0x33 })], {
          kind: "return",
          args: [1],
        }),
      ],
    );
    const inst = instantiateFuncs([outer, div]);
    let err: unknown;
    try {
      call(inst, "f0");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuntimeError);
    const re = err as RuntimeError;
    expect(re.message).toBe("integer divide by zero");
    expect(re.wasmStack).toEqual([
      { funcIndex: 1, name: "div", offset: 0x44 },
      { funcIndex: 0, name: "func[0]", offset: 0x33 },
    ]);
    expect(re.stack).toContain("at div (wasm-function[1]:0x44)");
  });

  it("reports call stack exhaustion, never a JS RangeError", () => {
    const loop = func(
      0,
      [I32],
      [I32],
      [I32, I32],
      [block(0, [0], [op(0x10, [1], [0], { a: 0 })], { kind: "return", args: [1] })],
    );
    const inst = instantiateFuncs([loop], {}, {}, newInterp({ maxCallDepth: 1000 }));
    expect(() => call(inst, "f0", i32(1))).toThrow(StackExhaustedError);
    expect(() => call(inst, "f0", i32(1))).toThrow("call stack exhausted");
    // The interpreter is still usable afterwards.
    expect(() => call(inst, "f0", i32(1))).toThrow(StackExhaustedError);
  });
});
