#!/usr/bin/env node
/**
 * The `kiln` command line: dispatches to one module per subcommand.
 */

/** A subcommand: takes its arguments and returns the process exit status. */
type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  inspect: {
    summary: "show a module's sections, imports, exports and custom sections",
    load: async () => (await import("./inspect.js")).inspectCommand,
  },
  invoke: {
    summary: "call an exported function of a module and print its results",
    load: async () => (await import("./invoke.js")).invokeCommand,
  },
  run: {
    summary: "run a WASI command (app.wasm)",
    load: async () => (await import("./run.js")).runCommand,
  },
  "wasi-test": {
    summary: "run the wasi-testsuite",
    load: async () => (await import("./wasi-test.js")).wasiTestCommand,
  },
  compile: {
    summary: "show a module's functions as wasm, IR and machine code (--emit ir|asm)",
    load: async () => (await import("./compile.js")).compileCommand,
  },
  spec: {
    summary: "run WebAssembly spec scripts (.wast)",
    load: async () => (await import("./spec.js")).specCommand,
  },
};

function usage(): string {
  const lines = ["usage: kiln <command> [args...]", "", "commands:"];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    console.error(`kiln: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (err: unknown) => {
    console.error(`kiln: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
