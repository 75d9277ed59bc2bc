/**
 * Random valid modules from binaryen's translate-to-fuzz mode (`wasm-opt -ttf`), fed seeded
 * random bytes and restricted to the Wasm 2.0 features.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prng } from "./run.js";

/** The `wasm-opt` flags that limit generated modules to Wasm 2.0. */
export const WASM2_FEATURES = [
  "--mvp-features",
  "--enable-mutable-globals",
  "--enable-sign-ext",
  "--enable-nontrapping-float-to-int",
  "--enable-bulk-memory",
  "--enable-multivalue",
  "--enable-simd",
];

/** The `wasm-opt` program: `$WASM_OPT` or `wasm-opt` on the PATH. */
export function wasmOptPath(): string {
  return process.env.WASM_OPT ?? "wasm-opt";
}

/** Throws an error naming the Debian package when `wasm-opt` cannot be run. */
export function requireWasmOpt(): void {
  try {
    execFileSync(wasmOptPath(), ["--version"], { stdio: "pipe" });
  } catch {
    throw new Error(
      `cannot run ${wasmOptPath()}: differential testing needs binaryen's wasm-opt (Debian package "binaryen": apt-get install binaryen)`,
    );
  }
}

/**
 * Makes module number `seed`: 1 to 16 KiB of seeded bytes through `wasm-opt -ttf`; odd seeds
 * leave SIMD out, so engines without it still get modules to run.
 */
export function generateModule(seed: number): Uint8Array {
  const r = prng(seed ^ 0x5eed);
  const input = new Uint8Array(1024 + (r() % (15 * 1024)));
  for (let i = 0; i < input.length; i++) input[i] = r() & 0xff;
  const features = seed % 2 === 0 ? WASM2_FEATURES : WASM2_FEATURES.filter((f) => f !== "--enable-simd");
  const dir = mkdtempSync(join(tmpdir(), "kiln-ttf-"));
  try {
    const inPath = join(dir, "input.dat");
    const outPath = join(dir, "out.wasm");
    writeFileSync(inPath, input);
    execFileSync(wasmOptPath(), [inPath, "-ttf", ...features, "-o", outPath], { stdio: "pipe" });
    return new Uint8Array(readFileSync(outPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `bytes` with binaryen's `--denan` instrumentation, which turns every NaN a function computes
 * into 0: a divergence that goes away under it came from the NaN bits the spec leaves open.
 */
export function denanModule(bytes: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "kiln-denan-"));
  try {
    const inPath = join(dir, "in.wasm");
    const outPath = join(dir, "out.wasm");
    writeFileSync(inPath, bytes);
    execFileSync(wasmOptPath(), [inPath, "--denan", ...WASM2_FEATURES, "-o", outPath], { stdio: "pipe" });
    return new Uint8Array(readFileSync(outPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
