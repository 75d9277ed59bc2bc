import { beforeAll, describe, expect, it } from "vitest";
import { LinkError, RuntimeError, StackExhaustedError } from "../../src/errors.js";
import { decodeModule } from "../../src/frontend/index.js";
import type { Engine, EngineInstance, EngineStore } from "../../src/spec/engine.js";
import { formatJson, formatText } from "../../src/spec/report.js";
import { type FileResult, runScriptSource, type SpecReport, type Tally } from "../../src/spec/runner.js";
import type { Value } from "../../src/spec/values.js";
import { loadWatToBinary, type WatToBinary } from "../../src/spec/wat.js";

/** Behaviour of every export of every module the fake engine instantiates. */
const EXPORTS: Record<string, (args: readonly Value[]) => Value[]> = {
  add: ([a, b]) => [
    { type: "i32", value: (a?.type === "i32" ? a.value : 0) + (b?.type === "i32" ? b.value : 0) },
  ],
  trap: () => {
    throw new RuntimeError("integer divide by zero");
  },
  deep: () => {
    throw new StackExhaustedError("call stack exhausted");
  },
  crash: () => {
    throw new TypeError("oops");
  },
};

class FakeInstance implements EngineInstance {
  invoke(name: string, args: readonly Value[]): Value[] {
    const f = EXPORTS[name];
    if (f === undefined) throw new LinkError(`no export ${name}`);
    return f(args);
  }
  getGlobal(name: string): Value {
    if (name !== "g") throw new LinkError(`no global ${name}`);
    return { type: "i32", value: 7 };
  }
}

/** A store that links imports against registered names and traps in any start function. */
class FakeStore implements EngineStore {
  readonly registered = new Map<string, EngineInstance>();
  instantiate(bytes: Uint8Array): EngineInstance {
    const m = decodeModule(bytes);
    for (const imp of m.imports) {
      if (imp.module !== "spectest" && !this.registered.has(imp.module))
        throw new LinkError(`unknown import ${imp.module}`);
    }
    if (m.start !== null) throw new RuntimeError("unreachable executed");
    return new FakeInstance();
  }
  register(as: string, instance: EngineInstance): void {
    this.registered.set(as, instance);
  }
}

const fakeEngine: Engine = { name: "fake", createStore: () => new FakeStore() };

const SCRIPT = String.raw`(module $A (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
(assert_trap (invoke "trap") "integer divide by zero")
(assert_trap (invoke "trap") "integer overflow")
(assert_trap (invoke "add" (i32.const 1) (i32.const 1)) "unreachable")
(assert_exhaustion (invoke "deep") "call stack exhausted")
(assert_trap (invoke "deep") "unreachable")
(invoke "crash")
(assert_return (get "g") (i32.const 7))
(register "M" $A)
(module (import "M" "add" (func (param i32 i32) (result i32))))
(assert_unlinkable (module (import "missing" "f" (func))) "unknown import")
(assert_trap (module (func $s) (start $s)) "unreachable")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_invalid (module (func (call $nope))) "unknown function")
(assert_malformed (module quote "(func (i32.const))") "unexpected token")
(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "\00asm\01\00\00\00") "unexpected end")
(assert_invalid (module binary "\00asm\01\00\00\00") "type mismatch")
(module (func (result i32)))
(invoke "add" (i32.const 1) (i32.const 2))
(invoke $Nope "f")
(module $B (func (export "trap")))
(assert_return (invoke $B "trap"))
`;

let wat: WatToBinary;
beforeAll(async () => {
  wat = await loadWatToBinary();
});

function tally(r: FileResult): Tally {
  return { passed: r.passed, failed: r.failed, skipped: r.skipped, text: r.text };
}

function failureAt(r: FileResult, line: number): string {
  const f = r.failures.find((n) => n.line === line);
  if (f === undefined) throw new Error(`no failure at line ${line}: ${JSON.stringify(r.failures)}`);
  return `${f.command}: ${f.message}`;
}

describe("runner with an engine", () => {
  it("gives every command one outcome, with useful failure messages", () => {
    const r = runScriptSource(SCRIPT, "t.wast", fakeEngine, wat);
    expect(tally(r)).toEqual({ passed: 13, failed: 10, skipped: 0, text: 2 });
    expect(r.failures.map((f) => f.line)).toEqual([3, 6, 8, 9, 19, 20, 21, 22, 23, 25]);
    expect(failureAt(r, 3)).toBe("assert_return: result 0: expected i32:4, got i32:3");
    expect(failureAt(r, 6)).toBe('assert_trap: expected trap "unreachable", but it returned [i32:2]');
    expect(failureAt(r, 8)).toBe(
      'assert_trap: expected trap "unreachable", got StackExhaustedError: call stack exhausted',
    );
    expect(failureAt(r, 9)).toBe("invoke: crashed: TypeError: oops");
    expect(failureAt(r, 19)).toBe(
      'assert_malformed: expected CompileError "unexpected end", but Kiln accepted the module',
    );
    expect(failureAt(r, 20)).toMatch(
      /^assert_invalid: expected CompileError "type mismatch", but Kiln accepted/,
    );
    expect(failureAt(r, 21)).toMatch(/^module: Kiln rejected a valid module: .*type mismatch/);
    expect(failureAt(r, 22)).toBe("invoke: no module instance to act on");
    expect(failureAt(r, 23)).toBe("invoke: no module instance named $Nope");
    expect(failureAt(r, 25)).toBe("assert_return: unexpected RuntimeError: integer divide by zero");
    expect(r.textDecided.map((n) => [n.line, n.command])).toEqual([
      [16, "assert_invalid"],
      [17, "assert_malformed"],
    ]);
    expect(r.textDecided[0]?.message).toMatch(/undefined function variable/);
    expect(r.messageMismatches.map((n) => n.line)).toEqual([5]);
    expect(r.messageMismatches[0]?.message).toBe('expected "integer overflow", got "integer divide by zero"');
  });

  it("fails assert_unlinkable when the module links", () => {
    const r = runScriptSource(
      '(assert_unlinkable (module (func (export "f"))) "unknown import")',
      "u.wast",
      fakeEngine,
      wat,
    );
    expect(r.failures).toEqual([
      {
        line: 1,
        command: "assert_unlinkable",
        message: 'expected LinkError "unknown import", but the module instantiated',
      },
    ]);
  });

  it("fails the whole script, at the right line, on a syntax error", () => {
    const r = runScriptSource(
      '(module)\n(assert_return (invoke "f" (i32.const x)))',
      "bad.wast",
      fakeEngine,
      wat,
    );
    expect(tally(r)).toEqual({ passed: 0, failed: 1, skipped: 0, text: 0 });
    expect(r.failures[0]).toMatchObject({ line: 2, command: "script" });
    expect(r.failures[0]?.message).toMatch(/malformed integer 'x'/);
  });
});

describe("runner in validation-only mode", () => {
  it("decides validity with Kiln, skips everything that would run code", () => {
    const byCommand: Record<string, Tally> = {};
    const r = runScriptSource(SCRIPT, "t.wast", null, wat, byCommand);
    // Lines 1, 12, 13, 14, 15, 18, 24 pass; 19, 20, 21 fail (wrongly accepted / rejected).
    expect(tally(r)).toEqual({ passed: 7, failed: 3, skipped: 13, text: 2 });
    expect(r.failures.map((f) => f.line)).toEqual([19, 20, 21]);
    expect(byCommand.module).toEqual({ passed: 3, failed: 1, skipped: 0, text: 0 });
    expect(byCommand["assert_trap module"]).toEqual({ passed: 1, failed: 0, skipped: 0, text: 0 });
    expect(byCommand.assert_trap).toEqual({ passed: 0, failed: 0, skipped: 4, text: 0 });
    expect(byCommand.register?.skipped).toBe(1);
  });
});

describe("reports", () => {
  const file = (name: string, t: Tally): FileResult => ({
    file: name,
    ...t,
    failures: t.failed > 0 ? [{ line: 7, command: "assert_invalid", message: "expected CompileError" }] : [],
    textDecided: [],
    messageMismatches: [],
  });

  it("prints one line per script, its failures, then the totals", () => {
    const report: SpecReport = {
      files: [
        file("a.wast", { passed: 3, failed: 1, skipped: 0, text: 0 }),
        file("b.wast", { passed: 2, failed: 0, skipped: 0, text: 4 }),
      ],
      passed: 5,
      failed: 1,
      skipped: 0,
      text: 4,
      messageMismatches: 0,
      byCommand: {},
    };
    expect(formatText(report, false).split("\n")).toEqual([
      "a.wast: 3 passed, 1 failed, 0 skipped",
      "  line 7: assert_invalid: expected CompileError",
      "b.wast: 2 passed, 0 failed, 0 skipped, 4 decided by the text parser",
      "5 passed, 1 failed, 4 decided by the text parser",
    ]);
    const skipped = { ...report, files: [], skipped: 2, text: 0 };
    expect(formatText(skipped, false)).toBe("5 passed, 1 failed, 2 skipped");
    const json = JSON.parse(formatJson(report, false));
    expect(json).toMatchObject({ passed: 5, failed: 1, skipped: 0, text: 4 });
    expect(json.files[0]).toMatchObject({ file: "a.wast", passed: 3, failed: 1, skipped: 0 });
  });
});
