/**
 * `kiln compile --emit ir|asm app.wasm|app.wat [--func NAME|INDEX] [--arch x64|arm64]`: the explorer
 * (`src/explorer/`) on the command line.
 */
import { loadCapstoneDisassembler } from "../explorer/capstone.js";
import { type Arch, type Emit, explore } from "../explorer/explore.js";
import { loadWatToBinary } from "../spec/wat.js";
import { oneLine, readModuleFile, UsageError } from "./load.js";

const USAGE = `usage: kiln compile --emit ir|asm app.wasm|app.wat [--func NAME|INDEX] [--arch x64|arm64]

Prints each function (or the one selected) as wasm instructions with their offsets, its IR and,
with --emit asm, its machine code grouped by IR operation, for x86-64 (default) or arm64 (the
code is only generated, never run, so any target works on any machine). When the capstone-wasm
package is installed, instructions that capstone prints differently are annotated with its text.`;

interface CompileArgs {
  readonly emit: Emit;
  readonly path: string;
  readonly func: string | null;
  readonly arch: Arch;
}

function parseArgs(args: string[]): CompileArgs {
  let emit: Emit | null = null;
  let path: string | null = null;
  let func: string | null = null;
  let arch: Arch = "x64";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--emit") {
      const v = value();
      if (v !== "ir" && v !== "asm") throw new UsageError(`--emit must be ir or asm, not '${v}'`);
      emit = v;
    } else if (arg === "--func") func = value();
    else if (arg === "--arch") {
      const v = value();
      if (v !== "x64" && v !== "arm64")
        throw new UsageError(`unsupported --arch '${v}' (supported: x64, arm64)`);
      arch = v;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option '${arg}'`);
    else if (path === null) path = arg;
    else throw new UsageError(`unexpected argument '${arg}'`);
  }
  if (emit === null) throw new UsageError("--emit ir|asm is required");
  if (path === null) throw new UsageError("no module file given");
  return { emit, path, func, arch };
}

/** Reads a module file, converting `.wat` text to a binary. */
async function moduleBytes(path: string): Promise<Uint8Array> {
  const bytes = readModuleFile(path);
  if (!path.endsWith(".wat")) return bytes;
  // A copy: wabt reads the whole underlying ArrayBuffer, and a Node Buffer may be a view of a larger one.
  return (await loadWatToBinary())(new Uint8Array(bytes));
}

/** Runs the command; returns the exit status. */
export async function compileCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  try {
    const opts = parseArgs(args);
    const bytes = await moduleBytes(opts.path);
    const disassembler = opts.emit === "asm" ? await loadCapstoneDisassembler(opts.arch) : null;
    process.stdout.write(explore(bytes, { emit: opts.emit, func: opts.func, disassembler, arch: opts.arch }));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`kiln: ${err.message}\n${USAGE}`);
      return 2;
    }
    console.error(`kiln: ${oneLine(err)}`);
    return 1;
  }
}
