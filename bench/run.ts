/**
 * `npm run bench`: times every workload of `workloads.ts` in one run on Kiln's interpreter,
 * Kiln's compiler (n/a while it cannot run a module), V8 with default tiering, V8 Liftoff only
 * and V8 TurboFan only (`--no-liftoff`; both in child processes), each as the fastest of several
 * runs after a warmup (`measure.ts`); then compile throughput, call overhead and memory use. Writes
 * `bench/results/latest.md` and `bench/results/latest.svg`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Runtime } from "../src/api/index.js";
import { compileModule } from "../src/frontend/index.js";
import type { Engine, EngineInstance } from "../src/spec/engine.js";
import { engines as registry } from "../src/spec/engines.js";
import { loadWatToBinary } from "../src/spec/wat.js";
import { median, type Timing, time } from "./measure.js";
import { geomeanLines, type Row, ratioChart, timeTable } from "./report.js";
import { v8Call, v8Compile, v8Instantiate } from "./v8.js";
import { buildC, type Call, hashWasmSha256, type Task, tasks } from "./workloads.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = process.cwd();

/** A Kiln engine's calling interface on a fresh instance of `file`, or null when it declines the module. */
function kilnCall(engine: Engine, file: string): Call | null {
  let inst: EngineInstance;
  try {
    inst = engine.createStore().instantiate(new Uint8Array(readFileSync(file)));
  } catch {
    return null;
  }
  return (name, args) => {
    const r = inst.invoke(
      name,
      args.map((a) => ({ type: "i32", value: a })),
    )[0];
    return r?.type === "i32" ? r.value : 0;
  };
}

async function kilnEngine(name: string): Promise<Engine | null> {
  const load = registry[name]?.load;
  return load ? load() : null;
}

/** Times `task` on `call` (null: n/a); checks its checksum against `expected`. */
function timeOn(task: Task, call: Call | null, expected: number | null, label: string): Timing | null {
  if (call === null) return null;
  try {
    const t = time(() => task.run(call));
    if (expected !== null && t.checksum !== expected) {
      throw new Error(`${task.name} on ${label}: checksum ${t.checksum}, expected ${expected}`);
    }
    return t;
  } catch (e) {
    if (e instanceof Error && e.message.includes("checksum")) throw e;
    return null;
  }
}

function v8Variant(flag: string, dir: string): Record<string, Timing> {
  const out = execFileSync(process.execPath, [flag, join(here, "v8-child.js"), dir], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out) as Record<string, Timing>;
}

/** Megabytes per second of `f` over `bytes` total, repeated for at least 300 ms. */
function throughput(totalBytes: number, f: () => void): number {
  f();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < 3 || performance.now() - start < 300) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  return totalBytes / 1e6 / (median(samples) / 1000);
}

const CALLS_WAT = `(module
  (import "h" "f" (func $f (param i32) (result i32)))
  (func (export "id") (param i32) (result i32) (local.get 0))
  (func (export "callHost") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $f (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s)))`;

/** Nanoseconds per JS -> wasm call and per wasm -> JS call of `exports`. */
function callOverhead(exports: Readonly<Record<string, unknown>>, n: number): [number, number] {
  const id = exports.id as (x: number) => number;
  const callHost = exports.callHost as (n: number) => number;
  const js = time(() => {
    let s = 0;
    for (let i = 0; i < n; i++) s += id(i);
    return s;
  });
  const host = time(() => callHost(n));
  return [(js.ms * 1e6) / n, (host.ms * 1e6) / n];
}

function mb(x: number): string {
  return `${(x / 1048576).toFixed(1)} MB`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "kiln-bench-"));
  const files = buildC(root, dir);
  const hw = hashWasmSha256(root);
  if (hw !== null) {
    writeFileSync(join(dir, "hash-wasm-sha256.wasm"), hw);
    files.set("hash-wasm-sha256", join(dir, "hash-wasm-sha256.wasm"));
  }
  const all = tasks(files);
  const interp = await kilnEngine("interp");
  const compiler = await kilnEngine("compiler");
  const columns = ["kiln interp", "kiln compiler", "V8 default", "V8 liftoff-only", "V8 turbofan-only"];
  const liftoff = v8Variant("--liftoff-only", dir);
  const turbofan = v8Variant("--no-liftoff", dir);
  const rows: Row[] = [];
  for (const t of all) {
    const v8 = timeOn(t, v8Call(t.file), null, "V8")!;
    const ki = interp === null ? null : timeOn(t, kilnCall(interp, t.file), v8.checksum, "interp");
    const kc = compiler === null ? null : timeOn(t, kilnCall(compiler, t.file), v8.checksum, "compiler");
    const ms = [
      ki?.ms ?? null,
      kc?.ms ?? null,
      v8.ms,
      liftoff[t.name]?.ms ?? null,
      turbofan[t.name]?.ms ?? null,
    ];
    rows.push({ name: t.name, what: t.what, ms });
    console.log(`${t.name}: ${ms.map((x) => (x === null ? "n/a" : x.toFixed(3))).join(" / ")} ms`);
  }

  const modules = [...files.values()].map((f) => new Uint8Array(readFileSync(f)));
  const total = modules.reduce((s, m) => s + m.length, 0);
  const kilnMBs = throughput(total, () => {
    for (const m of modules) compileModule(m);
  });
  const v8MBs = throughput(total, () => {
    for (const m of modules) v8Compile(m);
  });

  const wat = await loadWatToBinary();
  const callsBytes = wat(new TextEncoder().encode(CALLS_WAT));
  const hostImports = { h: { f: (x: number) => x } };
  const kilnCalls = new Runtime({ engine: "interpreter" }).instantiate(callsBytes, { imports: hostImports });
  const [kJs, kHost] = callOverhead(kilnCalls.exports, 100_000);
  const compiledCalls =
    compiler === null
      ? null
      : callOverhead(
          new Runtime({ engine: "compiler" }).instantiate(callsBytes, { imports: hostImports }).exports,
          100_000,
        );
  const [vJs, vHost] = callOverhead(v8Instantiate(callsBytes, hostImports), 1_000_000);

  const memory: string[] = [];
  for (const [label, make] of [
    ["kiln interp", (f: string) => (interp === null ? null : kilnCall(interp, f))],
    ["V8 default", (f: string) => v8Call(f, true)],
  ] as const) {
    const before = process.memoryUsage();
    for (const t of all.filter((x) => x.name.endsWith("(1 call)"))) {
      const call = make(t.file);
      if (call !== null) t.run(call);
    }
    const after = process.memoryUsage();
    memory.push(`| ${label} | ${mb(after.rss - before.rss)} | ${mb(after.heapUsed - before.heapUsed)} |`);
  }

  const base = 2;
  const md = [
    "# Kiln benchmarks",
    "",
    `Run with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.arch}.`,
    "Fastest run in milliseconds after one warmup run (5 to 11 runs; the machine is shared, so the minimum is the least noisy statistic); ratios are against V8 with default tiering.",
    "V8 liftoff-only and turbofan-only (`--no-liftoff`) run in child processes. n/a: the engine cannot run the module yet.",
    "",
    timeTable(columns, rows, base),
    "",
    "Geometric means of the time ratios, from this run:",
    "",
    ...geomeanLines(columns, rows, [
      [1, 3],
      [1, 2],
      [0, 2],
    ]),
    "",
    "## Compile throughput",
    "",
    `All ${modules.length} modules above (${(total / 1024).toFixed(1)} KiB), median of repeated compilations:`,
    "",
    "| engine | MB/s |",
    "|---|---|",
    `| Kiln frontend (decode + validate + lower to IR) | ${kilnMBs.toFixed(1)} |`,
    `| V8 \`new WebAssembly.Module\` (lazy compilation: validates, compiles on first call) | ${v8MBs.toFixed(1)} |`,
    "",
    "## Call overhead",
    "",
    "| engine | JS -> wasm export (ns/call) | wasm -> JS host function (ns/call) |",
    "|---|---|---|",
    `| Kiln interp (embedding API) | ${kJs.toFixed(0)} | ${kHost.toFixed(0)} |`,
    `| Kiln compiler (embedding API) | ${compiledCalls?.[0].toFixed(0) ?? "n/a"} | ${compiledCalls?.[1].toFixed(0) ?? "n/a"} |`,
    `| V8 | ${vJs.toFixed(1)} | ${vHost.toFixed(1)} |`,
    "",
    "## Memory",
    "",
    "Growth of the process while instantiating and running every long-call workload once (no forced GC):",
    "",
    "| engine | RSS delta | JS heap delta |",
    "|---|---|---|",
    ...memory,
    "",
    "![ratios](latest.svg)",
    "",
  ].join("\n");
  const outDir = join(root, "bench", "results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "latest.md"), md);
  writeFileSync(join(outDir, "latest.svg"), ratioChart(columns, rows, base));
  console.log(md);
}

await main();
