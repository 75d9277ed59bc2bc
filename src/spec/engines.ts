/**
 * The registry of engines the spec runner can use, by name. An engine whose `load` is null
 * has not been written yet; the runner reports that rather than running anything.
 */
import type { Engine } from "./engine.js";

/** One registry entry. */
export interface EngineEntry {
  /** One-line description for messages and help. */
  readonly summary: string;
  /** Loads the engine, or null while it does not exist yet. */
  readonly load: (() => Promise<Engine>) | null;
}

/** Every engine, by name. */
export const engines: Readonly<Record<string, EngineEntry>> = {
  interp: {
    summary: "the IR interpreter",
    load: async () => (await import("../interp/spec-engine.js")).interpEngine,
  },
  compiler: {
    summary: "the native compiler (x86-64 or arm64)",
    load: async () => (await import("../compiler/spec-engine.js")).createCompilerEngine(),
  },
};

/** The engine used when none is named. */
export const defaultEngine = "interp";
