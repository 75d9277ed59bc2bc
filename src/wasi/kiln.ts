/**
 * Runs WASI guests on Kiln's embedding API: compiles a binary with a `Runtime`, checks that
 * every `wasi_snapshot_preview1` import it declares exists with the right signature, and
 * instantiates it with the `WASI` object's imports (plain JS functions, typed by the
 * module's declarations).
 */
import { Runtime } from "../api/runtime.js";
import { LinkError } from "../errors.js";
import { SIGNATURES } from "./signatures.js";
import type { WASI, WasiInstance } from "./wasi.js";

/** Engines a guest can run on. */
export type EngineName = "auto" | "compiler" | "interpreter";

function signatureText(sig: string, name: string): string {
  const params = [...sig].map((c) => (c === "I" ? "i64" : "i32")).join(", ");
  return `(${params}) -> (${name === "proc_exit" ? "" : "i32"})`;
}

/**
 * Compiles `bytes` and instantiates it with `wasi`'s imports on `engine`. Throws
 * `CompileError` for a bad binary, `LinkError` for a WASI import that does not exist or has
 * the wrong signature (and for any other import), `RuntimeError` for a trap while
 * instantiating, and `Error` when the engine is not available.
 */
export function instantiateWasi(bytes: Uint8Array, wasi: WASI, engine: EngineName = "auto"): WasiInstance {
  const runtime = new Runtime({ engine });
  const module = runtime.compile(bytes);
  for (const imp of module.imports) {
    if (imp.module !== "wasi_snapshot_preview1") continue;
    const sig = SIGNATURES[imp.name];
    const where = `import "${imp.module}" "${imp.name}"`;
    if (sig === undefined) throw new LinkError(`unknown WASI ${where}`);
    const want = signatureText(sig, imp.name);
    const got =
      imp.kind === "function"
        ? `(${imp.type.params.join(", ")}) -> (${imp.type.results.join(", ")})`
        : imp.kind;
    if (got !== want) throw new LinkError(`${where} must be ${want}, got ${got}`);
  }
  return runtime.instantiate(module, { imports: wasi.getImportObject() });
}
