/**
 * `kiln invoke app.wasm FUNC [ARGS...] [--engine auto|interpreter|compiler] [--deadline-ms N]`:
 * instantiates a module that has no imports, calls one exported function with arguments parsed
 * by its parameter types, and prints the results, one per line.
 */
import type { EngineChoice } from "../api/runtime.js";
import { Runtime } from "../api/runtime.js";
import type { ValueTypeName } from "../api/types.js";
import { oneLine, readModuleFile, UsageError } from "./load.js";

const USAGE = `usage: kiln invoke app.wasm FUNC [ARGS...] [--engine auto|interpreter|compiler] [--deadline-ms N]

Calls exported function FUNC of a module without imports and prints its results, one per line.
Arguments are parsed by the parameter types: integers for i32 (signed or unsigned) and i64,
numbers (also nan, inf, -inf) for f32 and f64.
  --engine NAME      engine (default auto)
  --deadline-ms N    stop the call after N milliseconds`;

interface Options {
  readonly engine: EngineChoice;
  readonly deadlineMs: number | undefined;
  readonly positionals: string[];
}

function parseOptions(args: string[]): Options {
  let engine: EngineChoice = "auto";
  let deadlineMs: number | undefined;
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith("--") ? a.split("=", 2) : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "--engine") {
      const v = value();
      if (v !== "auto" && v !== "interpreter" && v !== "compiler")
        throw new UsageError(`unknown engine '${v}'`);
      engine = v;
    } else if (flag === "--deadline-ms") {
      const v = Number(value());
      if (!Number.isFinite(v) || v < 0) throw new UsageError("--deadline-ms needs a number of milliseconds");
      deadlineMs = v;
    } else if (flag === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    } else if (flag.startsWith("--")) {
      throw new UsageError(`unknown option ${flag}`);
    } else {
      positionals.push(a);
    }
  }
  return { engine, deadlineMs, positionals };
}

const INT = /^[+-]?(0x[0-9a-f]+|\d+)$/i;

/** Parses command-line argument `text` as a value of type `t`; throws `UsageError`. */
export function parseArg(t: ValueTypeName, text: string, index: number): unknown {
  const bad = (what: string) => new UsageError(`argument ${index + 1} ('${text}') is not ${what}`);
  switch (t) {
    case "i32": {
      if (!INT.test(text)) throw bad("an i32 integer");
      const n = Number(BigInt(text));
      if (n < -0x80000000 || n > 0xffffffff) throw bad("in the i32 range");
      return n | 0;
    }
    case "i64": {
      if (!INT.test(text)) throw bad("an i64 integer");
      const n = BigInt(text);
      if (n < -(1n << 63n) || n >= 1n << 64n) throw bad("in the i64 range");
      return BigInt.asIntN(64, n);
    }
    case "f32":
    case "f64": {
      const lower = text.toLowerCase();
      if (lower === "nan") return Number.NaN;
      if (lower === "inf" || lower === "+inf" || lower === "infinity") return Number.POSITIVE_INFINITY;
      if (lower === "-inf" || lower === "-infinity") return Number.NEGATIVE_INFINITY;
      const n = Number(text);
      if (text.trim() === "" || Number.isNaN(n)) throw bad(`an ${t} number`);
      return n;
    }
    default:
      throw new UsageError(`parameter ${index + 1} has type ${t}, which kiln invoke cannot pass`);
  }
}

function formatResult(v: unknown): string {
  if (typeof v === "number" && Object.is(v, -0)) return "-0";
  return String(v);
}

/** Runs the `invoke` subcommand; returns the exit status. */
export async function invokeCommand(args: string[]): Promise<number> {
  try {
    if (args.includes("--help") || args.includes("-h")) {
      console.log(USAGE);
      return 0;
    }
    const { engine, deadlineMs, positionals } = parseOptions(args);
    if (positionals.length < 2) throw new UsageError("expected a module file and a function name");
    const [path, name, ...rest] = positionals;
    const bytes = readModuleFile(path);
    const runtime = new Runtime({ engine });
    const compiled = runtime.compile(bytes);
    const exp = compiled.exports.find((e) => e.name === name);
    if (exp === undefined || exp.kind !== "function") {
      const names = compiled.exports.filter((e) => e.kind === "function").map((e) => e.name);
      throw new Error(`no exported function "${name}" (exported functions: ${names.join(", ") || "none"})`);
    }
    const params = exp.type.params;
    if (rest.length !== params.length) {
      throw new UsageError(
        `"${name}" takes ${params.length} arguments (${params.join(" ") || "none"}), got ${rest.length}`,
      );
    }
    const callArgs = params.map((t, i) => parseArg(t, rest[i], i));
    const instance = runtime.instantiate(compiled);
    const out = instance.call(name, callArgs, deadlineMs === undefined ? undefined : { deadlineMs });
    const results = exp.type.results.length === 1 ? [out] : ((out ?? []) as unknown[]);
    for (const r of results) console.log(formatResult(r));
    runtime.close();
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`kiln invoke: ${err.message}\n${USAGE}`);
      return 2;
    }
    console.error(`kiln invoke: ${oneLine(err)}`);
    return 1;
  }
}
