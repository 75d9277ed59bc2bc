/**
 * A differential-testing session: runs modules on several engines and compares every engine's
 * record with the first engine's. A module that diverges is run again with NaNs instrumented
 * away (`denanModule`); when that version agrees, the divergence came from NaN bits that the
 * spec leaves nondeterministic (e.g. `f32.demote_f64` of a NaN stored to memory) and is not one.
 */
import type { Engine } from "../spec/engine.js";
import { compareRecords, isUnsupported } from "./compare.js";
import { denanModule } from "./generate.js";
import { type HelperModules, type ModuleRecord, runModule } from "./run.js";

/** What one module did across the engines. */
export interface ModuleVerdict {
  /** Divergence lines; empty when every engine agreed. */
  readonly divergences: string[];
  /** True when the module diverged only through nondeterministic NaN bits. */
  readonly nanOnly: boolean;
  /** Engines that declined the module as using a feature they do not support yet. */
  readonly unsupported: string[];
}

function divergencesOf(records: readonly ModuleRecord[]): string[] {
  return records.slice(1).flatMap((r) => compareRecords(records[0], r));
}

/** Runs `bytes` on every engine of `engines` and compares each with the first. */
export function checkModule(
  engines: readonly Engine[],
  helpers: HelperModules,
  bytes: Uint8Array,
  seed: number,
): ModuleVerdict {
  const records = engines.map((e) => runModule(e, helpers, bytes, seed));
  const unsupported = records.filter(isUnsupported).map((r) => r.engine);
  const divergences = divergencesOf(records);
  if (divergences.length === 0) return { divergences, nanOnly: false, unsupported };
  const denanned = denanModule(bytes);
  const nanOnly = divergencesOf(engines.map((e) => runModule(e, helpers, denanned, seed))).length === 0;
  return { divergences: nanOnly ? [] : divergences, nanOnly, unsupported };
}
