import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import * as abi from "../../src/native/abi.js";
import {
  loadNative,
  loadNativeFrom,
  NATIVE_ADDON_ENV,
  nativeOrNoticeFallback,
  nativeUnavailableReason,
  packageRoot,
  requireNative,
} from "../../src/native/addon.js";

describe("native addon loader", () => {
  it("loads on Linux x64/arm64 and reports no reason", () => {
    expect(nativeUnavailableReason()).toBeNull();
    expect(loadNative()).not.toBeNull();
    expect(requireNative()).toBe(loadNative());
    const notices: string[] = [];
    expect(nativeOrNoticeFallback((m) => notices.push(m))).toBe(true);
    expect(notices).toEqual([]);
  });

  it("was built with exactly the ABI numbers of abi.ts", () => {
    const native = requireNative().abi;
    expect(native.version).toBe(abi.ABI_VERSION);
    expect(native.offsets).toEqual(abi.ContextOffset);
    expect(native.exitCodes).toEqual(abi.ExitCode);
    expect(native.contextSize).toBe(abi.CONTEXT_SIZE);
    expect(native.exitArgCount).toBe(abi.EXIT_ARG_COUNT);
    expect(native.stackReserve).toBe(abi.STACK_RESERVE);
    expect(native.nestedEntryGap).toBe(abi.NESTED_ENTRY_GAP);
  });

  it("finds the package root", () => {
    expect(packageRoot()).toBe(process.cwd());
  });

  it("gives a clear reason instead of throwing when there is nothing to load", () => {
    const empty = mkdtempSync(join(tmpdir(), "kiln-native-"));
    try {
      const result = loadNativeFrom(empty);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.reason).toMatch(/could not be loaded from .*kiln-native-.*node-gyp-build/);
      const missing = loadNativeFrom(empty, join(empty, "missing.node"));
      expect(missing.ok).toBe(false);
      if (!missing.ok) expect(missing.reason).toContain("missing.node");
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it("gives one fallback notice and a clear compiler error when the addon is unavailable", async () => {
    const saved = process.env[NATIVE_ADDON_ENV];
    process.env[NATIVE_ADDON_ENV] = join(tmpdir(), "kiln-no-such-addon.node");
    vi.resetModules();
    try {
      const fresh = await import("../../src/native/addon.js");
      expect(fresh.loadNative()).toBeNull();
      expect(fresh.nativeUnavailableReason()).toContain("kiln-no-such-addon.node");
      const notices: string[] = [];
      expect(fresh.nativeOrNoticeFallback((m) => notices.push(m))).toBe(false);
      expect(fresh.nativeOrNoticeFallback((m) => notices.push(m))).toBe(false);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(
        /^Kiln is using its interpreter because the native addon could not be loaded/,
      );
      expect(() => fresh.requireNative()).toThrow(/native backend is unavailable: .*kiln-no-such-addon/);
    } finally {
      if (saved === undefined) delete process.env[NATIVE_ADDON_ENV];
      else process.env[NATIVE_ADDON_ENV] = saved;
      vi.resetModules();
    }
  });

  it("rejects a module that is not this addon", () => {
    const result = loadNativeFrom(packageRoot(), "node:os");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/out of date: the addon does not export CodeRegion/);
  });
});

describe("CPU features", () => {
  it("reports booleans on x64 and only the architecture on arm64", () => {
    const features = requireNative().cpuFeatures();
    expect(features.arch).toBe(process.arch);
    if (features.arch === "x64") {
      const flags = [
        features.sse41,
        features.sse42,
        features.popcnt,
        features.lzcnt,
        features.bmi1,
        features.bmi2,
        features.avx,
        features.avx2,
      ];
      for (const flag of flags) expect(typeof flag).toBe("boolean");
      if (features.avx2) expect(features.avx).toBe(true);
      if (features.sse42) expect(features.sse41).toBe(true);
    } else {
      expect(Object.keys(features)).toEqual(["arch"]);
    }
  });

  it("agrees with /proc/cpuinfo on x64", async () => {
    const features = requireNative().cpuFeatures();
    if (features.arch !== "x64") return;
    const { readFileSync } = await import("node:fs");
    const flagsLine = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("flags"));
    const flags = new Set((flagsLine ?? "").split(":")[1]?.trim().split(/\s+/));
    expect(features.sse41).toBe(flags.has("sse4_1"));
    expect(features.sse42).toBe(flags.has("sse4_2"));
    expect(features.popcnt).toBe(flags.has("popcnt"));
    expect(features.lzcnt).toBe(flags.has("abm"));
    expect(features.bmi1).toBe(flags.has("bmi1"));
    expect(features.bmi2).toBe(flags.has("bmi2"));
    expect(features.avx).toBe(flags.has("avx"));
    expect(features.avx2).toBe(flags.has("avx2"));
  });
});
