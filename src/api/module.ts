/** `CompiledModule`: a decoded, validated module ready to instantiate, with its imports and exports. */
import type { Module } from "../frontend/types.js";
import type { Func } from "../ir/types.js";
import { type ExportInfo, exportsOf, type ImportInfo, importsOf } from "./types.js";

/** A compiled module: what `Runtime.compile` returns and `Runtime.instantiate` takes. */
export class CompiledModule {
  /** Every import with its type, in order. */
  readonly imports: readonly ImportInfo[];
  /** Every export with its type, in order. */
  readonly exports: readonly ExportInfo[];

  constructor(
    /** The decoded module. */
    readonly module: Module,
    /** IR of the defined functions (`funcs[i]` is function `numImportedFuncs + i`). */
    readonly funcs: readonly Func[],
  ) {
    this.imports = Object.freeze(importsOf(module));
    this.exports = Object.freeze(exportsOf(module));
  }

  /** Names of the custom sections (other than `name`), in order, with repeats. */
  get customSectionNames(): string[] {
    return this.module.customSections.map((s) => s.name);
  }

  /** The contents of every custom section called `name`, in order (copies). */
  customSections(name: string): Uint8Array[] {
    return this.module.customSections.filter((s) => s.name === name).map((s) => s.bytes.slice());
  }
}
