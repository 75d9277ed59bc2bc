/** Shared helpers for the native layer's tests. */
import { readFileSync } from "node:fs";
import { requireNative } from "../../src/native/addon.js";
import type { NativeAddon } from "../../src/native/types.js";

/** The addon; the tests fail (with the loader's reason) when it cannot be loaded on Linux x64/arm64. */
export function addon(): NativeAddon {
  return requireNative();
}

/** The permissions column ("r-xp", "rw-p", ...) of the /proc/self/maps entry containing `address`. */
export function mappingPermissions(address: number): string | null {
  for (const line of readFileSync("/proc/self/maps", "utf8").split("\n")) {
    const match = /^([0-9a-f]+)-([0-9a-f]+) (\S+)/.exec(line);
    if (match === null) continue;
    const start = Number.parseInt(match[1]!, 16);
    const end = Number.parseInt(match[2]!, 16);
    if (address >= start && address < end) return match[3]!;
  }
  return null;
}
