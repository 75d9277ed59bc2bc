/**
 * `npm run diff -- [--count N] [--start S] [--engines interp,v8,compiler]`: replays the saved
 * regressions, then generates N modules (seeds S, S+1, ...) with `wasm-opt -ttf`, runs them on
 * the engines and prints every divergence and a final `N modules, N divergences` line.
 * Diverging modules are saved under `test/diff/regressions/`.
 */
import { loadWatToBinary } from "../spec/wat.js";
import { availableEngines, loadEngine } from "./engines.js";
import { generateModule, requireWasmOpt } from "./generate.js";
import { loadRegressions, regressionsDir, saveRegression } from "./regressions.js";
import { helperModules } from "./run.js";
import { checkModule } from "./session.js";

const USAGE = "usage: npm run diff -- [--count N] [--start S] [--engines interp,v8,compiler]";

/** The options, or null (after printing why and the usage) when they are not understood. */
function parseOptions(args: readonly string[]): Map<string, string> | null {
  const opts = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    if (!["--count", "--start", "--engines"].includes(name) || value === undefined) {
      console.error(
        name === "--help" || name === "-h" ? USAGE : `unknown or incomplete option '${name}'\n${USAGE}`,
      );
      return null;
    }
    if (name !== "--engines" && !/^\d+$/.test(value)) {
      console.error(`${name} needs a non-negative integer, got '${value}'\n${USAGE}`);
      return null;
    }
    opts.set(name, value);
  }
  return opts;
}

async function main(args: readonly string[]): Promise<number> {
  const opts = parseOptions(args);
  if (opts === null) return 2;
  requireWasmOpt();
  const count = Number(opts.get("--count") ?? 1000);
  const start = Number(opts.get("--start") ?? 1);
  const names = (opts.get("--engines") ?? availableEngines().join(",")).split(",");
  const wat = await loadWatToBinary();
  const engines = await Promise.all(names.map((n) => loadEngine(n, wat)));
  const helpers = helperModules(wat);
  const dir = regressionsDir(process.cwd());
  let modules = 0;
  let diverged = 0;
  let nanOnly = 0;
  const unsupported = new Map<string, number>();
  const t0 = performance.now();
  for (const reg of loadRegressions(dir)) {
    const v = checkModule(engines, helpers, reg.bytes, reg.seed);
    modules++;
    if (v.divergences.length > 0) {
      diverged++;
      console.log(`regression ${reg.name}:\n  ${v.divergences.join("\n  ")}`);
    }
  }
  for (let seed = start; seed < start + count; seed++) {
    const bytes = generateModule(seed);
    const v = checkModule(engines, helpers, bytes, seed);
    modules++;
    if (v.nanOnly) nanOnly++;
    for (const e of v.unsupported) unsupported.set(e, (unsupported.get(e) ?? 0) + 1);
    if (v.divergences.length > 0) {
      diverged++;
      const saved = saveRegression(dir, seed, bytes, v.divergences);
      console.log(`seed ${seed} (saved as ${saved}):\n  ${v.divergences.join("\n  ")}`);
    }
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`engines ${names.join(", ")}: ${secs} s; ${nanOnly} modules differed only in NaN bits`);
  for (const [e, n] of unsupported) console.log(`${e} declined ${n} modules as unsupported`);
  console.log(`${modules} modules, ${diverged} divergences`);
  return diverged === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
