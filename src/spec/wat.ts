/**
 * Module text to binary, through wabt's text parser only: wabt's validator is never run, so
 * whether a module is valid is decided by Kiln. Names are kept in a `name` section.
 */
import wabtInit from "wabt";

/** The text parser rejected a module. */
export class TextParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TextParseError";
  }
}

/** Every Wasm 2.0 feature, and nothing beyond 2.0. */
const FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
} as const;

type Wabt = Awaited<ReturnType<typeof wabtInit>>;

let wabt: Promise<Wabt> | null = null;

/** A converter from module text (UTF-8 bytes, any view such as a Node Buffer) to a module binary; throws `TextParseError`. */
export type WatToBinary = (text: Uint8Array) => Uint8Array;

/** Loads wabt (once) and returns the converter. */
export async function loadWatToBinary(): Promise<WatToBinary> {
  wabt ??= wabtInit();
  const w = await wabt;
  return (text) => {
    let module: ReturnType<Wabt["parseWat"]>;
    try {
      // A copy: wabt reads a view's whole underlying buffer (a Node Buffer from readFileSync
      // shares a pool with other data), so it gets exactly the text's bytes.
      module = w.parseWat("module.wat", new Uint8Array(text), FEATURES);
    } catch (err) {
      throw new TextParseError(
        err instanceof Error ? err.message.replace(/^parseWat failed:\n/, "").trim() : String(err),
      );
    }
    try {
      return module.toBinary({ write_debug_names: true }).buffer;
    } catch (err) {
      throw new TextParseError(err instanceof Error ? err.message : String(err));
    } finally {
      module.destroy();
    }
  };
}
