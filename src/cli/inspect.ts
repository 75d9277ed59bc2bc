/**
 * `kiln inspect app.wasm [--json]`: prints a module's sections with their sizes, its imports and
 * exports with their types, and its custom sections.
 */
import { Runtime } from "../api/runtime.js";
import { type ExportInfo, formatExternType, type ImportInfo } from "../api/types.js";
import { Reader } from "../frontend/reader.js";
import { oneLine, readModuleFile, UsageError } from "./load.js";

const USAGE = `usage: kiln inspect app.wasm [--json]

Prints the module's sections (with sizes), imports and exports (with types) and custom sections.
  --json   print the same as JSON`;

const SECTION_NAMES = [
  "custom",
  "type",
  "import",
  "function",
  "table",
  "memory",
  "global",
  "export",
  "start",
  "element",
  "code",
  "data",
  "data count",
];

/** One section of a module: its id, name (the custom name for custom sections), offset and size. */
export interface SectionInfo {
  /** Section id. */
  readonly id: number;
  /** Section kind, such as `type` or `custom`. */
  readonly kind: string;
  /** The custom section's name, or null. */
  readonly name: string | null;
  /** Offset of the section's contents in the module. */
  readonly offset: number;
  /** Size of the section's contents in bytes. */
  readonly size: number;
}

/** The sections of a module that has already been validated. */
export function listSections(bytes: Uint8Array): SectionInfo[] {
  const r = new Reader(bytes, 8);
  const out: SectionInfo[] = [];
  while (!r.atEnd()) {
    const id = r.u8();
    const size = r.u32();
    const offset = r.pos;
    const name = id === 0 ? new Reader(bytes, offset, offset + size).name() : null;
    out.push({ id, kind: SECTION_NAMES[id] ?? `unknown ${id}`, name, offset, size });
    r.pos = offset + size;
  }
  return out;
}

function format(
  path: string,
  bytes: Uint8Array,
  sections: SectionInfo[],
  imports: readonly ImportInfo[],
  exports: readonly ExportInfo[],
): string {
  const lines = [`${path}: ${bytes.length} bytes, ${sections.length} sections`, "sections:"];
  for (const s of sections) {
    const label = s.name === null ? s.kind : `custom "${s.name}"`;
    lines.push(`  ${label.padEnd(24)} ${String(s.size).padStart(9)} bytes  at 0x${s.offset.toString(16)}`);
  }
  lines.push(`imports (${imports.length}):`);
  for (const i of imports) lines.push(`  "${i.module}" "${i.name}" ${formatExternType(i)}`);
  lines.push(`exports (${exports.length}):`);
  for (const e of exports) lines.push(`  "${e.name}" ${formatExternType(e)}`);
  const custom = sections.filter((s) => s.name !== null);
  lines.push(`custom sections (${custom.length}):`);
  for (const s of custom) lines.push(`  "${s.name}" ${s.size} bytes`);
  return lines.join("\n");
}

/** Runs the `inspect` subcommand; returns the exit status. */
export async function inspectCommand(args: string[]): Promise<number> {
  try {
    const json = args.includes("--json");
    if (args.includes("--help") || args.includes("-h")) {
      console.log(USAGE);
      return 0;
    }
    const rest = args.filter((a) => a !== "--json");
    const unknown = rest.find((a) => a.startsWith("--"));
    if (unknown !== undefined) throw new UsageError(`unknown option ${unknown}`);
    if (rest.length !== 1) throw new UsageError("expected exactly one module file");
    const path = rest[0];
    const bytes = readModuleFile(path);
    const runtime = new Runtime({ engine: "interpreter" });
    const compiled = runtime.compile(bytes);
    runtime.close();
    const sections = listSections(bytes);
    if (json) {
      console.log(
        JSON.stringify(
          { path, size: bytes.length, sections, imports: compiled.imports, exports: compiled.exports },
          null,
          2,
        ),
      );
    } else {
      console.log(format(path, bytes, sections, compiled.imports, compiled.exports));
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`kiln inspect: ${err.message}\n${USAGE}`);
      return 2;
    }
    console.error(`kiln inspect: ${oneLine(err)}`);
    return 1;
  }
}
