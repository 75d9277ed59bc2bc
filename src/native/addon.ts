/**
 * Loads the native addon (`binding.gyp` target `kiln_native`) through node-gyp-build, checks that
 * it was compiled with the same ABI numbers as `abi.ts`, and reports why it is unavailable when it
 * cannot be used, so that `engine: "auto"` can fall back to the interpreter and
 * `engine: "compiler"` can fail with a clear message.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ABI_VERSION,
  CONTEXT_SIZE,
  ContextOffset,
  EXIT_ARG_COUNT,
  ExitCode,
  NESTED_ENTRY_GAP,
  STACK_RESERVE,
} from "./abi.js";
import type { NativeAddon } from "./types.js";

/** Outcome of an attempt to load the addon. */
export type NativeLoadResult =
  | { readonly ok: true; readonly addon: NativeAddon }
  | { readonly ok: false; readonly reason: string };

/** Environment variable naming an exact `.node` file to load instead of node-gyp-build's choice. */
export const NATIVE_ADDON_ENV = "KILN_NATIVE_ADDON";

const SUPPORTED_ARCHS: readonly string[] = ["x64", "arm64"];

const require = createRequire(import.meta.url);

function isRecord(value: unknown): value is Record<string, unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null;
}

function compareNumbers(
  what: string,
  native: unknown,
  expected: Readonly<Record<string, number>>,
): string | null {
  if (!isRecord(native)) return `abi.${what} is missing`;
  for (const [key, value] of Object.entries(expected)) {
    if (native[key] !== value) return `abi.${what}.${key} is ${String(native[key])}, expected ${value}`;
  }
  return null;
}

/** Returns what is wrong with a loaded module's exports, or null when they match this build. */
function checkExports(exports: unknown): string | null {
  if (!isRecord(exports)) return "the addon exported no object";
  for (const name of ["CodeRegion", "Context", "LinearMemory", "cpuFeatures"]) {
    if (typeof exports[name] !== "function") return `the addon does not export ${name}()`;
  }
  const abi = exports.abi;
  if (!isRecord(abi)) return "the addon does not export its ABI numbers";
  if (abi.version !== ABI_VERSION) {
    return `the addon was built for ABI version ${String(abi.version)}, this code expects ${ABI_VERSION}`;
  }
  const scalars: Record<string, number> = {
    contextSize: CONTEXT_SIZE,
    exitArgCount: EXIT_ARG_COUNT,
    stackReserve: STACK_RESERVE,
    nestedEntryGap: NESTED_ENTRY_GAP,
  };
  return (
    compareNumbers("offsets", abi.offsets, ContextOffset) ??
    compareNumbers("exitCodes", abi.exitCodes, ExitCode) ??
    compareNumbers("", abi, scalars)
  );
}

/** The directory holding `binding.gyp`, searched upward from this file (works from `src/` and `dist/`). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "binding.gyp"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return dirname(fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/**
 * Loads the addon from `root` (via node-gyp-build: `build/Release`, `build/Debug` or
 * `prebuilds/<platform>-<arch>`), or from the exact file `addonPath` when given. Never throws.
 */
export function loadNativeFrom(root: string, addonPath?: string): NativeLoadResult {
  if (process.platform !== "linux") {
    return { ok: false, reason: `the native backend supports Linux only (this is ${process.platform})` };
  }
  if (!SUPPORTED_ARCHS.includes(process.arch)) {
    return { ok: false, reason: `the native backend supports x64 and arm64 only (this is ${process.arch})` };
  }
  let exports: unknown;
  try {
    if (addonPath !== undefined) {
      exports = require(addonPath);
    } else {
      const nodeGypBuild: unknown = require("node-gyp-build");
      if (typeof nodeGypBuild !== "function") return { ok: false, reason: "node-gyp-build did not load" };
      exports = nodeGypBuild(root);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    const where = addonPath ?? root;
    return {
      ok: false,
      reason: `the native addon could not be loaded from ${where}: ${message} (build it with "npx node-gyp-build" in ${root})`,
    };
  }
  const problem = checkExports(exports);
  if (problem !== null)
    return { ok: false, reason: `the native addon is out of date: ${problem} (rebuild it)` };
  return { ok: true, addon: exports as NativeAddon };
}

let cached: NativeLoadResult | undefined;

function load(): NativeLoadResult {
  if (cached === undefined) {
    const override = process.env[NATIVE_ADDON_ENV];
    cached = loadNativeFrom(packageRoot(), override === undefined || override === "" ? undefined : override);
  }
  return cached;
}

/** The addon, loaded once; null when it cannot be used (see {@link nativeUnavailableReason}). */
export function loadNative(): NativeAddon | null {
  const result = load();
  return result.ok ? result.addon : null;
}

/** Why the addon cannot be used, or null when {@link loadNative} returns it. */
export function nativeUnavailableReason(): string | null {
  const result = load();
  return result.ok ? null : result.reason;
}

/** The addon, or an Error explaining why the native backend is unavailable. */
export function requireNative(): NativeAddon {
  const result = load();
  if (!result.ok) throw new Error(`Kiln's native backend is unavailable: ${result.reason}`);
  return result.addon;
}

let fallbackNoticeGiven = false;

/**
 * For `engine: "auto"`: when the addon is unavailable, emits one notice per process (through
 * `emit`, by default a process warning) saying that the interpreter runs instead, and why.
 * Returns whether the native backend is available.
 */
export function nativeOrNoticeFallback(
  emit: (message: string) => void = (message) => process.emitWarning(message, "KilnNativeUnavailable"),
): boolean {
  const reason = nativeUnavailableReason();
  if (reason === null) return true;
  if (!fallbackNoticeGiven) {
    fallbackNoticeGiven = true;
    emit(`Kiln is using its interpreter because ${reason}`);
  }
  return false;
}
