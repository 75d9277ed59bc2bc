/**
 * Wasm feature (proposal) names. Kiln implements WebAssembly 2.0, whose proposals are always on
 * except `simd`, which can be turned off (a module using v128 then fails to compile). Proposals
 * beyond 2.0 are known by name but not supported: asking for one is an error.
 */
import { CompileError } from "../errors.js";
import { ValType } from "../frontend/types.js";
import { Ty } from "../ir/types.js";
import type { CompiledModule } from "./module.js";

/** The proposals merged into WebAssembly 2.0, all implemented. */
export const WASM2_FEATURES = [
  "mutable-globals",
  "sign-extension",
  "nontrapping-float-to-int",
  "multi-value",
  "bulk-memory",
  "reference-types",
  "simd",
] as const;

/** Proposals beyond WebAssembly 2.0 that Kiln does not implement. */
export const UNSUPPORTED_FEATURES = [
  "threads",
  "tail-call",
  "exceptions",
  "memory64",
  "multi-memory",
  "extended-const",
  "relaxed-simd",
  "function-references",
  "gc",
] as const;

/** The 2.0 proposals that can be turned off. */
const OPTIONAL: readonly string[] = ["simd"];

/** A feature name. */
export type FeatureName = (typeof WASM2_FEATURES)[number] | (typeof UNSUPPORTED_FEATURES)[number];

/** Features to turn on (`true`) or off (`false`); absent ones keep their default (2.0: on). */
export type FeatureOptions = Readonly<Partial<Record<FeatureName, boolean>>>;

/**
 * The enabled features for `options`. Throws `TypeError` for an unknown name or a non-boolean,
 * and `Error` for a feature Kiln does not support or a 2.0 feature that cannot be turned off.
 */
export function resolveFeatures(options: FeatureOptions | undefined): ReadonlySet<string> {
  const enabled = new Set<string>(WASM2_FEATURES);
  if (options === undefined) return enabled;
  if (options === null || typeof options !== "object") throw new TypeError("features must be an object");
  for (const [name, on] of Object.entries(options)) {
    if (typeof on !== "boolean") throw new TypeError(`feature "${name}" must be true or false`);
    if ((UNSUPPORTED_FEATURES as readonly string[]).includes(name)) {
      if (on)
        throw new Error(`the "${name}" proposal is not supported by Kiln (it implements WebAssembly 2.0)`);
      continue;
    }
    if (!(WASM2_FEATURES as readonly string[]).includes(name)) {
      throw new TypeError(
        `unknown feature "${name}"; known features: ${[...WASM2_FEATURES, ...UNSUPPORTED_FEATURES].join(", ")}`,
      );
    }
    if (on) continue;
    if (!OPTIONAL.includes(name))
      throw new Error(`the "${name}" feature is part of WebAssembly 2.0 and always on`);
    enabled.delete(name);
  }
  return enabled;
}

/** True when the module uses v128 anywhere: in a type, a global, a local or an instruction. */
function usesSimd(c: CompiledModule): boolean {
  const m = c.module;
  const v = (ts: readonly number[]) => ts.includes(ValType.V128);
  if (m.types.some((t) => v(t.params) || v(t.results))) return true;
  if (m.globalTypes.some((g) => g.type === ValType.V128)) return true;
  if (m.codes.some((b) => v(b.locals))) return true;
  return c.funcs.some(
    (f) => f.vregTypes.includes(Ty.V128) || f.blocks.some((b) => b.insts.some((i) => i.op >> 8 === 0xfd)),
  );
}

/** Throws `CompileError` when `c` uses a feature that is not in `enabled`. */
export function checkFeatures(c: CompiledModule, enabled: ReadonlySet<string>): void {
  if (!enabled.has("simd") && usesSimd(c)) {
    throw new CompileError('the module uses SIMD (v128), but the "simd" feature is disabled');
  }
}
