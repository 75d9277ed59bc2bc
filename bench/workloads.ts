/**
 * The workloads of `npm run bench`: compute kernels written in C (`bench/c/`, built with
 * Debian's clang for wasm32 without libc) and SHA-256 from the npm package hash-wasm. Each one
 * runs as one long call and as many short calls, through a minimal calling interface that every
 * engine (Kiln's, V8 in this or a child process) provides.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Calls export `name` with i32 arguments; returns its i32 result (or 0 for none). */
export type Call = (name: string, args: readonly number[]) => number;

/** One timed task: a module and what to do with it. */
export interface Task {
  /** Workload and variant, e.g. `sort (1 call)`. */
  readonly name: string;
  /** What it exercises. */
  readonly what: string;
  /** The module's file. */
  readonly file: string;
  /** Runs the task once; returns a checksum. */
  readonly run: (call: Call) => number;
}

/** A C workload: source name, argument of the long call, argument and count of the short calls. */
interface CWorkload {
  readonly name: string;
  readonly what: string;
  readonly long: number;
  readonly short: number;
  readonly calls: number;
}

const C_WORKLOADS: readonly CWorkload[] = [
  { name: "sort", what: "quicksort of i32s", long: 60000, short: 50, calls: 400 },
  { name: "sha256", what: "SHA-256 in C", long: 240000, short: 64, calls: 400 },
  { name: "matmul", what: "f64 matrix multiply", long: 96, short: 4, calls: 400 },
  { name: "nbody", what: "f64 n-body simulation", long: 32000, short: 20, calls: 400 },
  { name: "lz", what: "LZ77 compress + decompress", long: 160000, short: 100, calls: 400 },
  { name: "json", what: "JSON generator + tokenizer", long: 160000, short: 100, calls: 400 },
];

/** Compiles every `bench/c/*.c` into `outDir` (clang, wasm32, -O2, no libc); returns the files by name. */
export function buildC(root: string, outDir: string): Map<string, string> {
  mkdirSync(outDir, { recursive: true });
  const files = new Map<string, string>();
  const srcDir = join(root, "bench", "c");
  for (const f of readdirSync(srcDir).filter((x) => x.endsWith(".c"))) {
    const name = f.slice(0, -2);
    const out = join(outDir, `${name}.wasm`);
    try {
      execFileSync(
        process.env.CLANG ?? "clang",
        [
          "--target=wasm32",
          "-O2",
          "-mbulk-memory",
          "-nostdlib",
          "-Wl,--no-entry",
          "-o",
          out,
          join(srcDir, f),
        ],
        { stdio: "pipe" },
      );
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(
        `building ${f} failed (needs Debian's clang and lld: apt-get install clang lld): ${msg}`,
      );
    }
    files.set(name, out);
  }
  return files;
}

/** The SHA-256 module embedded in hash-wasm, or null when the package is not installed. */
export function hashWasmSha256(root: string): Uint8Array | null {
  const path = join(root, "node_modules", "hash-wasm", "dist", "sha256.umd.min.js");
  if (!existsSync(path)) return null;
  const m = /data:"([A-Za-z0-9+/=]+)"/.exec(readFileSync(path, "utf8"));
  return m === null ? null : new Uint8Array(Buffer.from(m[1], "base64"));
}

/** Hashes `chunks` blocks of 16 KiB with hash-wasm's exports. */
function hashWasmRun(call: Call, chunks: number): number {
  call("Hash_Init", [256]);
  for (let i = 0; i < chunks; i++) call("Hash_Update", [16384]);
  call("Hash_Final", []);
  return call("Hash_GetBuffer", []);
}

/** Every task; `files` maps workload names to module files (`hash-wasm` included when present). */
export function tasks(files: ReadonlyMap<string, string>): Task[] {
  const out: Task[] = [];
  for (const w of C_WORKLOADS) {
    const file = files.get(w.name);
    if (file === undefined) continue;
    out.push({ name: `${w.name} (1 call)`, what: w.what, file, run: (call) => call("run", [w.long]) });
    out.push({
      name: `${w.name} (${w.calls} calls)`,
      what: w.what,
      file,
      run: (call) => {
        let h = 0;
        for (let i = 0; i < w.calls; i++) h = (h * 31 + call("run", [w.short])) | 0;
        return h;
      },
    });
  }
  const hw = files.get("hash-wasm-sha256");
  if (hw !== undefined) {
    out.push({
      name: "hash-wasm sha256 (1 MiB)",
      what: "npm hash-wasm",
      file: hw,
      run: (c) => hashWasmRun(c, 64),
    });
    out.push({
      name: "hash-wasm sha256 (200 x 16 KiB)",
      what: "npm hash-wasm",
      file: hw,
      run: (c) => {
        let h = 0;
        for (let i = 0; i < 200; i++) h ^= hashWasmRun(c, 1);
        return h;
      },
    });
  }
  return out;
}
