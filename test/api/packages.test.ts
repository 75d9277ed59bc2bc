/**
 * Real npm packages' wasm through Kiln's drop-in `WebAssembly`, with the packages' own JS glue,
 * compared with the same packages on V8: hash-wasm (hand-written glue calling
 * `WebAssembly.compile`/`instantiate`), brotli-wasm (wasm-bindgen glue calling `new
 * WebAssembly.Module`/`Instance`) and QuickJS (Emscripten glue, given Kiln through its
 * `instantiateWasm` hook and an imported `WebAssembly.Memory`).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import quickjsPackage from "@jitl/quickjs-wasmfile-release-sync";
import * as hashV8 from "hash-wasm";
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSSyncVariant,
} from "quickjs-emscripten-core";
import { describe, expect, it } from "vitest";
import { WebAssembly as KilnWasm } from "../../src/index.js";

const require = createRequire(import.meta.url);
const quickjsVariant = quickjsPackage as unknown as QuickJSSyncVariant;

/** brotli-wasm's Node entry (its ESM entry fetches the wasm file over HTTP). */
interface Brotli {
  compress(data: Uint8Array, options?: { quality?: number }): Uint8Array;
  decompress(data: Uint8Array): Uint8Array;
}
const brotliV8 = require("brotli-wasm") as Brotli;

/**
 * Loads a CommonJS file with `WebAssembly` bound to Kiln's namespace in its scope: the glue runs
 * unchanged, and every `WebAssembly.x` it evaluates is Kiln's.
 */
function loadWithKiln(file: string, used: Set<string>): Record<string, unknown> {
  const source = readFileSync(file, "utf8");
  const ns = new Proxy(KilnWasm, {
    get(target, key) {
      used.add(String(key));
      return Reflect.get(target, key);
    },
  });
  const module = { exports: {} as Record<string, unknown> };
  const run = new Function("exports", "require", "module", "__filename", "__dirname", "WebAssembly", source);
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file), ns);
  return module.exports;
}

const inputs = [
  new Uint8Array(0),
  new TextEncoder().encode("The quick brown fox jumps over the lazy dog"),
  Uint8Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 24),
];

describe("hash-wasm through Kiln", () => {
  const used = new Set<string>();
  const hashKiln = loadWithKiln(require.resolve("hash-wasm"), used) as unknown as typeof hashV8;

  it("computes the same digests as on V8", async () => {
    for (const data of inputs) {
      expect(await hashKiln.sha256(data)).toBe(await hashV8.sha256(data));
      expect(await hashKiln.md5(data)).toBe(await hashV8.md5(data));
      expect(await hashKiln.xxhash64(data)).toBe(await hashV8.xxhash64(data));
      expect(await hashKiln.blake3(data)).toBe(await hashV8.blake3(data));
      expect(await hashKiln.crc32(data)).toBe(await hashV8.crc32(data));
    }
    expect([...used].sort()).toEqual(["compile", "instantiate"]);
    expect(await hashKiln.sha256("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});

describe("brotli-wasm through Kiln", () => {
  const glue = join(dirname(require.resolve("brotli-wasm")), "pkg.node", "brotli_wasm.js");
  const used = new Set<string>();
  const brotliKiln = loadWithKiln(glue, used) as unknown as Brotli & { __wasm: Record<string, unknown> };

  it("compresses like V8 and round-trips", () => {
    for (const data of inputs.slice(1)) {
      const ours = brotliKiln.compress(data, { quality: 5 });
      expect(ours).toEqual(brotliV8.compress(data, { quality: 5 }));
      expect(brotliKiln.decompress(ours)).toEqual(data);
      expect(brotliV8.decompress(ours)).toEqual(data);
    }
    expect(used).toEqual(new Set(["Module", "Instance"]));
    expect(brotliKiln.__wasm.memory).toBeInstanceOf(KilnWasm.Memory);
  });
});

describe("QuickJS through Kiln", () => {
  let kilnInstances = 0;

  async function quickjs(useKiln: boolean) {
    if (!useKiln) return newQuickJSWASMModuleFromVariant(quickjsVariant);
    const wasmPath = require.resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
    const bytes = readFileSync(wasmPath);
    const variant = newVariant(quickjsVariant, {
      wasmMemory: new KilnWasm.Memory({ initial: 256, maximum: 32768 }) as never,
      emscriptenModule: {
        instantiateWasm(imports: unknown, onSuccess: (i: unknown, m: unknown) => void) {
          KilnWasm.instantiate(bytes, imports as never).then(({ instance, module }) => {
            if (instance instanceof KilnWasm.Instance) kilnInstances++;
            onSuccess(instance, module);
          });
          return {};
        },
      } as never,
    });
    return newQuickJSWASMModuleFromVariant(variant);
  }

  it("evaluates JavaScript with the same results as on V8", async () => {
    const programs = [
      "1 + 2 * 3",
      "JSON.stringify([1, 'two', { three: 3 }].map(x => typeof x))",
      "let s = 0; for (let i = 0; i < 2000; i++) s = (s * 31 + i) % 1000003; s",
      "[5, 3, 9, 1].sort((a, b) => a - b).join(',') + ' ' + 'kiln'.toUpperCase()",
      "Math.sqrt(2).toFixed(10)",
    ];
    const results = async (useKiln: boolean) => {
      const mod = await quickjs(useKiln);
      return programs.map((p) => mod.evalCode(p));
    };
    const v8 = await results(false);
    const kiln = await results(true);
    expect(kiln).toEqual(v8);
    expect(kiln[0]).toBe(7);
    expect(kilnInstances).toBe(1);
  });
});
