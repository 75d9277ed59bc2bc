// Compiles WebAssembly text to a binary with wabt (a Kiln dependency), for the examples.
import wabtInit from "wabt";

const wabt = await wabtInit();

/** The binary of module text `text`. */
export function wat(text) {
  const module = wabt.parseWat("example.wat", text);
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
