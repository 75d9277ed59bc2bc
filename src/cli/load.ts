/** Shared helpers of the `inspect` and `invoke` commands: reading a module file, one-line errors. */
import { readFileSync } from "node:fs";

/** A usage error: reported with the command's usage text and exit status 2. */
export class UsageError extends Error {}

/** Reads `path` as bytes; throws an `Error` with a one-line message when it cannot. */
export function readModuleFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? String(err));
    throw new Error(`cannot read ${path}: ${why}`);
  }
}

/** The first line of an error's message, prefixed by its class name for wasm errors. */
export function oneLine(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const first = err.message.split("\n")[0];
  return ["CompileError", "LinkError", "RuntimeError"].includes(err.name) ? `${err.name}: ${first}` : first;
}
