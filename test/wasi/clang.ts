/**
 * Builds the C guests of `test/wasi/guests/` with Debian's clang for wasm32-wasi, in a
 * temporary directory. A missing toolchain fails the test with the packages to install.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The apt packages the guests need. */
export const CLANG_PACKAGES = "clang lld wasi-libc libclang-rt-dev-wasm32";

/** Directory of the C sources. */
export const GUESTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "guests");

/** Compiles `guests/NAME.c` to `outDir/NAME.wasm` and returns its path; throws with a hint on failure. */
export function buildGuest(name: string, outDir: string): string {
  const out = path.join(outDir, `${name}.wasm`);
  try {
    execFileSync("clang", ["--target=wasm32-wasi", "-O2", path.join(GUESTS, `${name}.c`), "-o", out], {
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new Error(
      `cannot build the C guest ${name}.c with clang for wasm32-wasi; install the toolchain with ` +
        `'apt-get install -y ${CLANG_PACKAGES}'\n${detail}`,
    );
  }
  return out;
}
