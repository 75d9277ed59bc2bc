/**
 * `kiln run app.wasm [--dir HOST[::GUEST]]... [--env K=V]... [--engine auto|compiler|interpreter]
 * [-- ARGS...]`: runs a WASI command. The guest's standard streams are the process's own
 * (written synchronously as the guest writes), and the process exits with the guest's exit
 * code. Load errors and traps print one `kiln: ...` line and exit non-zero (traps with 134,
 * as an aborted native program would).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { CompileError, LinkError, RuntimeError } from "../errors.js";
import { type EngineName, instantiateWasi } from "../wasi/kiln.js";
import { WASI } from "../wasi/wasi.js";

const USAGE = `usage: kiln run app.wasm [--dir HOST[::GUEST]]... [--env K=V]... [--engine auto|compiler|interpreter] [-- ARGS...]

Runs a WASI (preview1) command.
  --dir HOST[::GUEST]  preopen host directory HOST, seen by the guest as GUEST (default: HOST)
  --env K=V            set an environment variable of the guest
  --engine NAME        auto (default), compiler or interpreter`;

/** Exit status of a trap. */
export const TRAP_STATUS = 134;

const ENGINES: readonly EngineName[] = ["auto", "compiler", "interpreter"];

function message(e: unknown): string {
  return e instanceof Error ? e.message.split("\n")[0] : String(e);
}

/** Runs the `run` subcommand; returns the guest's exit code, or non-zero on failure. */
export async function runCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (e) {
    console.error(`kiln run: ${message(e)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...guestArgs] = positionals;
  if (file === undefined) {
    console.error(`kiln run: no module given\n${USAGE}`);
    return 2;
  }
  const engine = (values.engine ?? "auto") as EngineName;
  if (!ENGINES.includes(engine)) {
    console.error(`kiln: unknown engine '${engine}' (engines: ${ENGINES.join(", ")})`);
    return 2;
  }
  const env: Record<string, string> = {};
  for (const kv of values.env ?? []) {
    const eq = kv.indexOf("=");
    if (eq <= 0) {
      console.error(`kiln: --env needs K=V, got '${kv}'`);
      return 2;
    }
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const preopens: Record<string, string> = {};
  for (const spec of values.dir ?? []) {
    const sep = spec.indexOf("::");
    const host = sep < 0 ? spec : spec.slice(0, sep);
    const guest = sep < 0 ? spec : spec.slice(sep + 2);
    let real: string;
    try {
      real = fs.realpathSync(host);
      if (!fs.statSync(real).isDirectory()) throw new Error("not a directory");
    } catch (e) {
      console.error(`kiln: cannot preopen directory '${host}': ${message(e)}`);
      return 1;
    }
    preopens[guest] = real;
  }
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = e instanceof Error && "code" in e ? ` (${String(e.code)})` : "";
    console.error(`kiln: cannot read '${file}'${code}`);
    return 1;
  }
  const wasi = new WASI({
    version: "preview1",
    args: [path.basename(file), ...guestArgs],
    env,
    preopens,
    stdin: 0,
    stdout: 1,
    stderr: 2,
  });
  try {
    return wasi.start(instantiateWasi(bytes, wasi, engine));
  } catch (e) {
    if (e instanceof CompileError) console.error(`kiln: ${file}: invalid module: ${message(e)}`);
    else if (e instanceof LinkError) console.error(`kiln: ${file}: ${message(e)}`);
    else if (e instanceof RuntimeError) {
      console.error(`kiln: ${file}: trap: ${message(e)}`);
      return TRAP_STATUS;
    } else console.error(`kiln: ${file}: ${message(e)}`);
    return 1;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      dir: { type: "string", multiple: true },
      env: { type: "string", multiple: true },
      engine: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
