/**
 * Decode + validate throughput: Kiln's `decodeModule` against V8's `WebAssembly.validate` on the
 * same large module, in the same run. Prints a table of MB/s and the ratio.
 *
 * The module is `capstone.wasm` (1.7 MB of C compiled by Emscripten) from the `capstone-wasm`
 * devDependency, or the file named by `--wasm <path>` / `KILN_BENCH_WASM`. Build and run with
 * `npm run bench:decode`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { decodeModule } from "../src/frontend/index.js";

/** The part of the WebAssembly JS API used here (the project's `lib` has no DOM types). */
declare const WebAssembly: { validate(bytes: Uint8Array): boolean };

/** Where the module to decode comes from, and its bytes. */
interface Subject {
  readonly label: string;
  readonly bytes: Uint8Array;
}

/** Finds the module to benchmark: `--wasm <path>`, `KILN_BENCH_WASM`, else capstone.wasm. */
function subject(): Subject {
  const argIndex = process.argv.indexOf("--wasm");
  const explicit = argIndex >= 0 ? process.argv[argIndex + 1] : process.env.KILN_BENCH_WASM;
  if (explicit !== undefined && explicit !== "") {
    return { label: explicit, bytes: new Uint8Array(readFileSync(explicit)) };
  }
  let path: string;
  try {
    path = join(dirname(createRequire(import.meta.url).resolve("capstone-wasm")), "capstone.wasm");
  } catch {
    throw new Error(
      "bench/decode: capstone-wasm is not installed; run `npm install` (it is a devDependency) " +
        "or pass a module with --wasm <path>",
    );
  }
  return { label: "capstone-wasm/dist/capstone.wasm", bytes: new Uint8Array(readFileSync(path)) };
}

/** Runs `f` repeatedly for about `ms` milliseconds; returns seconds per call. */
function timeIt(f: () => void, ms: number): number {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    f();
    n++;
    now = performance.now();
  }
  return (now - start) / 1000 / n;
}

/** The median of `xs`. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function main(): void {
  const { label, bytes } = subject();
  const mb = bytes.length / 1e6;
  if (!WebAssembly.validate(bytes)) throw new Error(`bench/decode: V8 rejects ${label}`);
  const m = decodeModule(bytes);
  const codeBytes = m.codes.reduce((n, c) => n + (c.codeEnd - c.codeStart), 0);
  console.log(`module: ${label}`);
  console.log(
    `  ${bytes.length} bytes: ${m.codes.length} function bodies (${codeBytes} bytes of code), ` +
      `${m.datas.length} data segments, ${m.types.length} types`,
  );
  const contenders: [string, () => void][] = [
    ["kiln decodeModule", () => decodeModule(bytes)],
    ["V8 WebAssembly.validate", () => WebAssembly.validate(bytes)],
  ];
  // Warm up both, then alternate timed rounds so that both see the same machine load.
  for (const [, f] of contenders) timeIt(f, 500);
  const rounds = 7;
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    contenders.forEach(([, f], i) => {
      samples[i]!.push(timeIt(f, 300));
    });
  }
  const secs = samples.map(median);
  const v8 = secs[1]!;
  console.log("");
  console.log("| engine                  |   MB/s | ms/module | vs V8 |");
  console.log("|-------------------------|-------:|----------:|------:|");
  contenders.forEach(([name], i) => {
    const s = secs[i]!;
    console.log(
      `| ${name.padEnd(23)} | ${(mb / s).toFixed(1).padStart(6)} | ${(s * 1000).toFixed(2).padStart(9)} | ${(v8 / s).toFixed(2).padStart(5)} |`,
    );
  });
  console.log("");
  console.log(`medians of ${rounds} rounds of 300 ms each; "vs V8" > 1 means faster than V8`);
}

main();
