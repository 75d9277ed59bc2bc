/**
 * Runs `.wast` scripts: every command gets exactly one outcome (passed, failed, skipped, or
 * `text` when the text parser rather than Kiln decided it). Validity is always decided by
 * Kiln's frontend (`decodeModule`); modules are run by an engine, or, with no engine, only
 * validated (and everything that would need running is skipped).
 */
import { readFileSync } from "node:fs";
import { CompileError, LinkError, RuntimeError, StackExhaustedError } from "../errors.js";
import { decodeModule } from "../frontend/index.js";
import type { Engine, EngineInstance, EngineStore } from "./engine.js";
import type { ScriptFile } from "./paths.js";
import { type Action, type Command, type ModuleDef, parseScript } from "./script.js";
import { ScriptError } from "./sexpr.js";
import { formatExpected, formatValue, matches, type Value } from "./values.js";
import { loadWatToBinary, TextParseError, type WatToBinary } from "./wat.js";

/** Counts of command outcomes. */
export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  /** Decided by the text parser (wabt rejected the module text), not by Kiln. */
  text: number;
}

/** A remark about one command. */
export interface Note {
  readonly line: number;
  /** The command's label (see `commandLabel`). */
  readonly command: string;
  readonly message: string;
}

/** The results of one script. */
export interface FileResult extends Tally {
  readonly file: string;
  readonly failures: Note[];
  /** Commands decided by the text parser, with its message. */
  readonly textDecided: Note[];
  /** Expected failures that happened with a message not containing the spec's (informational). */
  readonly messageMismatches: Note[];
}

/** The results of a run. */
export interface SpecReport extends Tally {
  readonly files: FileResult[];
  messageMismatches: number;
  /** Outcomes per command label. */
  readonly byCommand: Record<string, Tally>;
}

/**
 * The commands that check module validity: in validation-only mode each of them is decided by
 * Kiln (or by the text parser), never skipped.
 */
export const VALIDATION_COMMANDS: readonly string[] = [
  "module",
  "assert_invalid",
  "assert_malformed",
  "assert_unlinkable",
  "assert_uninstantiable",
  "assert_trap module",
];

/** The label a command is counted under: its name, with `invoke`/`get` for bare actions and `assert_trap module`. */
export function commandLabel(c: Command): string {
  if (c.kind === "action") return c.action.kind;
  if (c.kind === "assert_trap" && c.target.kind === "module") return "assert_trap module";
  return c.kind;
}

type Outcome =
  | { readonly outcome: "passed"; readonly mismatch?: string }
  | { readonly outcome: "failed" | "text"; readonly message: string }
  | { readonly outcome: "skipped" };

const PASSED: Outcome = { outcome: "passed" };
const SKIPPED: Outcome = { outcome: "skipped" };

function failed(message: string): Outcome {
  return { outcome: "failed", message };
}

/** A problem in driving the script itself, such as an action on a module that does not exist. */
class RunnerError extends Error {}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** The first line of a (possibly multi-line) message. */
function firstLine(message: string): string {
  return message.split("\n", 1)[0]!;
}

/** A passing outcome, noting when the actual error message does not contain the expected one. */
function passedWithMessage(expected: string, err: Error): Outcome {
  return err.message.includes(expected)
    ? PASSED
    : { outcome: "passed", mismatch: `expected "${expected}", got "${err.message}"` };
}

/** Runs the commands of one script against one store (or only validates, when the store is null). */
class ScriptRunner {
  private current: EngineInstance | null = null;
  private readonly named = new Map<string, EngineInstance>();

  constructor(
    private readonly wat: WatToBinary,
    private readonly store: EngineStore | null,
  ) {}

  run(c: Command): Outcome {
    try {
      return this.dispatch(c);
    } catch (err) {
      if (err instanceof RunnerError) return failed(err.message);
      if (err instanceof CompileError || err instanceof LinkError || err instanceof RuntimeError) {
        return failed(`unexpected ${describe(err)}`);
      }
      return failed(`crashed: ${describe(err)}`);
    }
  }

  private dispatch(c: Command): Outcome {
    const store = this.store;
    switch (c.kind) {
      case "module":
        return this.module(c.module);
      case "assert_invalid":
      case "assert_malformed":
        return this.expectRejected(c.module, c.message);
      case "assert_unlinkable":
        return this.expectInstantiationError(c.module, c.message, LinkError);
      case "assert_uninstantiable":
        return this.expectInstantiationError(c.module, c.message, RuntimeError);
      case "register":
        if (store === null) return SKIPPED;
        store.register(c.as, this.instance(c.module));
        return PASSED;
      case "action":
        if (store === null) return SKIPPED;
        this.perform(c.action);
        return PASSED;
      case "assert_return":
        if (store === null) return SKIPPED;
        return this.assertReturn(this.perform(c.action), c.expected.length, (i, v) => {
          const e = c.expected[i]!;
          return matches(e, v) ? null : `result ${i}: expected ${formatExpected(e)}, got ${formatValue(v)}`;
        });
      case "assert_trap":
        if (c.target.kind === "module")
          return this.expectInstantiationError(c.target, c.message, RuntimeError);
        if (store === null) return SKIPPED;
        return this.expectRuntimeError(c.target, c.message, false);
      case "assert_exhaustion":
        if (store === null) return SKIPPED;
        return this.expectRuntimeError(c.action, c.message, true);
    }
  }

  /** The binary of a module the suite expects to be well-formed text; text parse errors are failures. */
  private binaryOf(def: ModuleDef): Uint8Array {
    if (def.source.kind === "binary") return def.source.bytes;
    try {
      return this.wat(def.source.text);
    } catch (err) {
      if (err instanceof TextParseError) {
        throw new RunnerError(
          `the text parser rejected a module the suite expects to be valid: ${firstLine(err.message)}`,
        );
      }
      throw err;
    }
  }

  /** Kiln's decoder and validator must accept the module. */
  private validate(def: ModuleDef): Uint8Array {
    const bytes = this.binaryOf(def);
    try {
      decodeModule(bytes);
    } catch (err) {
      if (err instanceof CompileError) throw new RunnerError(`Kiln rejected a valid module: ${err.message}`);
      throw err;
    }
    return bytes;
  }

  private module(def: ModuleDef): Outcome {
    this.current = null;
    const bytes = this.validate(def);
    if (this.store === null) return PASSED;
    let instance: EngineInstance;
    try {
      instance = this.store.instantiate(bytes);
    } catch (err) {
      return failed(`instantiation failed: ${describe(err)}`);
    }
    this.current = instance;
    if (def.name !== null) this.named.set(def.name, instance);
    return PASSED;
  }

  /** `assert_invalid` / `assert_malformed`: Kiln must reject the binary with a `CompileError`. */
  private expectRejected(def: ModuleDef, message: string): Outcome {
    let bytes: Uint8Array;
    if (def.source.kind === "binary") {
      bytes = def.source.bytes;
    } else {
      try {
        bytes = this.wat(def.source.text);
      } catch (err) {
        if (err instanceof TextParseError) return { outcome: "text", message: firstLine(err.message) };
        throw err;
      }
    }
    try {
      decodeModule(bytes);
    } catch (err) {
      if (err instanceof CompileError) return passedWithMessage(message, err);
      throw err;
    }
    return failed(`expected CompileError "${message}", but Kiln accepted the module`);
  }

  /** The module must be valid, and (with an engine) fail to instantiate with the given error class. */
  private expectInstantiationError(
    def: ModuleDef,
    message: string,
    expected: typeof LinkError | typeof RuntimeError,
  ): Outcome {
    const bytes = this.validate(def);
    if (this.store === null) return PASSED;
    try {
      this.store.instantiate(bytes);
    } catch (err) {
      if (err instanceof expected) return passedWithMessage(message, err);
      return failed(`expected ${expected.name} "${message}", got ${describe(err)}`);
    }
    return failed(`expected ${expected.name} "${message}", but the module instantiated`);
  }

  private instance(name: string | null): EngineInstance {
    if (name === null) {
      if (this.current === null) throw new RunnerError("no module instance to act on");
      return this.current;
    }
    const instance = this.named.get(name);
    if (instance === undefined) throw new RunnerError(`no module instance named ${name}`);
    return instance;
  }

  private perform(a: Action): Value[] {
    const instance = this.instance(a.module);
    return a.kind === "invoke" ? instance.invoke(a.name, a.args) : [instance.getGlobal(a.name)];
  }

  private assertReturn(
    results: Value[],
    count: number,
    check: (i: number, v: Value) => string | null,
  ): Outcome {
    if (results.length !== count) {
      return failed(
        `expected ${count} results, got ${results.length}: [${results.map(formatValue).join(", ")}]`,
      );
    }
    const problems = results.map((v, i) => check(i, v)).filter((p) => p !== null);
    return problems.length === 0 ? PASSED : failed(problems.join("; "));
  }

  /** `assert_trap` (on an action) and `assert_exhaustion`. */
  private expectRuntimeError(a: Action, message: string, exhaustion: boolean): Outcome {
    const what = exhaustion ? "exhaustion" : "trap";
    let results: Value[];
    try {
      results = this.perform(a);
    } catch (err) {
      if (err instanceof RunnerError) throw err;
      if (err instanceof RuntimeError && err instanceof StackExhaustedError === exhaustion) {
        return passedWithMessage(message, err);
      }
      return failed(`expected ${what} "${message}", got ${describe(err)}`);
    }
    return failed(`expected ${what} "${message}", but it returned [${results.map(formatValue).join(", ")}]`);
  }
}

function emptyTally(): Tally {
  return { passed: 0, failed: 0, skipped: 0, text: 0 };
}

/** Runs one script's source; `engine` null means validation only. */
export function runScriptSource(
  source: string,
  file: string,
  engine: Engine | null,
  wat: WatToBinary,
  byCommand: Record<string, Tally> = {},
): FileResult {
  const result: FileResult = { file, ...emptyTally(), failures: [], textDecided: [], messageMismatches: [] };
  let commands: Command[];
  try {
    commands = parseScript(source);
  } catch (err) {
    if (!(err instanceof ScriptError)) throw err;
    result.failed++;
    result.failures.push({
      line: err.line,
      command: "script",
      message: `cannot parse the script: ${err.reason}`,
    });
    return result;
  }
  const runner = new ScriptRunner(wat, engine === null ? null : engine.createStore());
  for (const c of commands) {
    const label = commandLabel(c);
    const o = runner.run(c);
    result[o.outcome]++;
    const tally = byCommand[label] ?? emptyTally();
    tally[o.outcome]++;
    byCommand[label] = tally;
    if (o.outcome === "failed") result.failures.push({ line: c.line, command: label, message: o.message });
    else if (o.outcome === "text")
      result.textDecided.push({ line: c.line, command: label, message: o.message });
    else if (o.outcome === "passed" && o.mismatch !== undefined) {
      result.messageMismatches.push({ line: c.line, command: label, message: o.mismatch });
    }
  }
  return result;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Runs scripts and totals their results; `engine` null means validation only. */
export async function runSpec(files: readonly ScriptFile[], engine: Engine | null): Promise<SpecReport> {
  const wat = await loadWatToBinary();
  const report: SpecReport = { files: [], ...emptyTally(), messageMismatches: 0, byCommand: {} };
  for (const f of files) {
    let source: string;
    try {
      source = utf8.decode(readFileSync(f.path));
    } catch (err) {
      report.files.push({
        file: f.display,
        ...emptyTally(),
        failed: 1,
        failures: [{ line: 0, command: "script", message: `cannot read the script: ${describe(err)}` }],
        textDecided: [],
        messageMismatches: [],
      });
      report.failed++;
      continue;
    }
    const r = runScriptSource(source, f.display, engine, wat, report.byCommand);
    report.files.push(r);
    report.passed += r.passed;
    report.failed += r.failed;
    report.skipped += r.skipped;
    report.text += r.text;
    report.messageMismatches += r.messageMismatches.length;
  }
  return report;
}
