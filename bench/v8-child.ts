/**
 * Times the tasks on V8 in this process and prints `{ name: Timing }` as JSON: `bench/run.ts`
 * starts it as `node <V8 flags> dist/bench/v8-child.js <module dir>` to measure V8 variants
 * (`--liftoff-only`, `--no-liftoff`) that need their own process.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type Timing, time } from "./measure.js";
import { v8Call } from "./v8.js";
import { tasks } from "./workloads.js";

const dir = process.argv[2];
const files = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith(".wasm"))
    .map((f) => [f.slice(0, -".wasm".length), join(dir, f)] as const),
);
const out: Record<string, Timing> = {};
for (const t of tasks(files)) out[t.name] = time(() => t.run(v8Call(t.file)));
console.log(JSON.stringify(out));
