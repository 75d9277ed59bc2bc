/**
 * Fuzz test of the module decoder: random byte strings and mutations of valid seed modules must
 * each decode to a Module or throw a CompileError, nothing else. Runs are reproducible (seeded
 * PRNG, bounded count); any input that ever failed is kept under fuzz-regressions/ and replayed.
 * Accepted inputs are also checked against V8: Kiln must never accept what V8 rejects (except
 * for V8's own implementation limits).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CompileError } from "../../src/errors.js";
import { decodeModule } from "../../src/frontend/index.js";
import type { Module } from "../../src/frontend/types.js";
import { custom, mod, wat } from "./decoder-helpers.js";
import { SEEDS } from "./fuzz-seeds.js";

/** The part of the WebAssembly JS API used here (the project's `lib` has no DOM types). */
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
};

const REGRESSIONS = join(dirname(fileURLToPath(import.meta.url)), "fuzz-regressions");
/** Mutated inputs per run; override with KILN_FUZZ_COUNT for longer runs. */
const MUTATIONS = Number(process.env.KILN_FUZZ_COUNT ?? 4000);
/** PRNG seed; override with KILN_FUZZ_SEED to explore other inputs. */
const PRNG_SEED = Number(process.env.KILN_FUZZ_SEED ?? 0x6b696c6e);

/** A small, fast, seedable PRNG (mulberry32). */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A uniform 32-bit unsigned integer. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** A uniform integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** Byte values that often matter in wasm: LEB edges, type codes, opcodes, section ids. */
const INTERESTING = [
  0x00, 0x01, 0x02, 0x03, 0x0b, 0x0c, 0x0d, 0x40, 0x41, 0x60, 0x6f, 0x70, 0x7b, 0x7c, 0x7f, 0x80, 0x81, 0xfc,
  0xfd, 0xff,
];

/** Applies one random mutation to `b`. */
function mutateOnce(rng: Rng, b: Uint8Array, donors: readonly Uint8Array[]): Uint8Array {
  const len = b.length;
  // Most mutations target the body of the module rather than its preamble.
  const at = len > 8 && rng.int(8) !== 0 ? 8 + rng.int(len - 8) : rng.int(len + 1);
  switch (rng.int(10)) {
    case 0: {
      if (at >= len) return b;
      const out = b.slice();
      out[at] = out[at]! ^ (1 << rng.int(8));
      return out;
    }
    case 1: {
      if (at >= len) return b;
      const out = b.slice();
      out[at] = rng.int(2) === 0 ? rng.int(256) : rng.pick(INTERESTING);
      return out;
    }
    case 2: {
      const ins = Uint8Array.from({ length: 1 + rng.int(4) }, () => rng.pick(INTERESTING));
      return concat(b.subarray(0, at), ins, b.subarray(at));
    }
    case 3:
      return concat(b.subarray(0, at), b.subarray(Math.min(len, at + 1 + rng.int(8))));
    case 4:
      return b.subarray(0, at);
    case 5: {
      // LEB tweaks: make a terminal byte overlong, or blow a value up to 32 or 35 bits.
      if (at >= len) return b;
      const v = b[at]!;
      const choice = rng.int(3);
      const repl =
        choice === 0 && v < 0x80
          ? [v | 0x80, 0x00]
          : choice === 1
            ? [0xff, 0xff, 0xff, 0xff, 0x0f]
            : [0x80 | rng.int(128), 0x80, 0x80, 0x80, rng.pick([0x10, 0x70, 0x7f, 0x08, 0x00])];
      return concat(b.subarray(0, at), Uint8Array.from(repl), b.subarray(at + 1));
    }
    case 6: {
      if (at >= len) return b;
      const out = b.slice();
      out[at] = (out[at]! + (rng.int(2) === 0 ? 1 : 255)) & 0xff;
      return out;
    }
    case 7: {
      // Duplicate a chunk of the module elsewhere.
      const from = rng.int(len);
      const chunk = b.subarray(from, Math.min(len, from + 1 + rng.int(16)));
      return concat(b.subarray(0, at), chunk, b.subarray(at));
    }
    case 8: {
      // Splice in a chunk of another seed.
      const donor = rng.pick(donors);
      const from = rng.int(donor.length);
      const chunk = donor.subarray(from, Math.min(donor.length, from + 1 + rng.int(32)));
      return concat(b.subarray(0, at), chunk, b.subarray(Math.min(len, at + rng.int(8))));
    }
    default: {
      if (at >= len) return b;
      const out = b.slice();
      out[at] = rng.pick(INTERESTING);
      return out;
    }
  }
}

/** Concatenates byte arrays. */
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Checks the internal consistency of an accepted module; returns a description of any problem. */
function inconsistency(m: Module, bytes: Uint8Array): string | null {
  if (m.codes.length !== m.funcs.length - m.numImportedFuncs) return "codes and funcs disagree";
  for (const t of m.funcs) if (t >= m.types.length) return `function type ${t} out of range`;
  for (const c of m.codes) {
    if (!(0 <= c.codeStart && c.codeStart <= c.codeEnd && c.codeEnd <= bytes.length))
      return "body out of range";
  }
  if (m.memories.length > 1) return "several memories";
  if (m.globalTypes.length !== m.numImportedGlobals + m.globals.length) return "globals disagree";
  if (m.dataCount !== null && m.dataCount !== m.datas.length) return "data count disagrees";
  return null;
}

/** Decodes `bytes`; returns null when that ends in a Module or a CompileError, else what went wrong. */
function decodeProblem(bytes: Uint8Array): string | null {
  let m: Module;
  try {
    m = decodeModule(bytes);
  } catch (e) {
    if (e instanceof CompileError && typeof e.offset === "number") return null;
    return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : `threw ${String(e)}`;
  }
  const bad = inconsistency(m, bytes);
  if (bad !== null) return `accepted an inconsistent module: ${bad}`;
  if (!WebAssembly.validate(bytes)) {
    let reason = "";
    try {
      new WebAssembly.Module(bytes);
    } catch (e) {
      reason = String(e);
    }
    // V8 enforces the JS API's implementation limits (table size, ...), which Kiln leaves to
    // instantiation: only a rejection for another reason means Kiln accepted an invalid module.
    if (!/implementation limit/.test(reason)) return `accepted a module V8 rejects: ${reason}`;
  }
  return null;
}

/** Saves a failing input under fuzz-regressions/ (named by its hash) and returns the file name. */
function saveRegression(bytes: Uint8Array): string {
  mkdirSync(REGRESSIONS, { recursive: true });
  const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.wasm`;
  const path = join(REGRESSIONS, name);
  if (!existsSync(path)) writeFileSync(path, bytes);
  return name;
}

/** Runs `inputs` through the decoder and returns the failures, saving each one. */
function failuresOf(inputs: Iterable<Uint8Array>): string[] {
  const failures: string[] = [];
  for (const input of inputs) {
    const problem = decodeProblem(input);
    if (problem !== null) failures.push(`${saveRegression(input)}: ${problem.slice(0, 2000)}`);
  }
  return failures;
}

const seeds = Object.values(SEEDS).map((text) => wat(text));
// Custom sections before, between and after the others.
seeds.push(
  mod(custom("before", [1, 2, 3]), [...seeds[0]!.subarray(8)], custom("after", [])),
  mod([...seeds[3]!.subarray(8)], custom("name", [0x00, 0x02, 0x01, 0x61])),
);

describe("decoder fuzzing", () => {
  it("accepts every seed, as V8 does", () => {
    for (const s of seeds) {
      expect(decodeProblem(s)).toBeNull();
      expect(() => decodeModule(s)).not.toThrow();
    }
  });

  it("replays the saved regressions", () => {
    const files = existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS).filter((f) => f.endsWith(".wasm")) : [];
    const failures = failuresOf(files.map((f) => new Uint8Array(readFileSync(join(REGRESSIONS, f)))));
    expect(failures).toEqual([]);
  });

  it("survives random byte strings", () => {
    const rng = new Rng(PRNG_SEED);
    function* inputs(): Generator<Uint8Array> {
      for (let i = 0; i < 500; i++) {
        const body = Uint8Array.from({ length: rng.int(48) }, () => rng.int(256));
        yield i % 2 === 0 ? body : mod([...body]);
      }
    }
    expect(failuresOf(inputs())).toEqual([]);
  });

  it("survives mutations of valid modules", () => {
    const rng = new Rng(PRNG_SEED ^ 0x5eed);
    function* inputs(): Generator<Uint8Array> {
      for (let i = 0; i < MUTATIONS; i++) {
        let b = rng.pick(seeds);
        const rounds = 1 + rng.int(rng.int(4) === 0 ? 8 : 3);
        for (let k = 0; k < rounds; k++) b = mutateOnce(rng, b, seeds);
        yield b;
      }
    }
    expect(failuresOf(inputs())).toEqual([]);
  });
});
