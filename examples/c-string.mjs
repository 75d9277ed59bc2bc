// Reading a C string: the guest returns a pointer into its memory to a NUL-terminated UTF-8
// string, and the host reads it with Memory.readCString (bounds-checked).
// Run with: npm run compile && node examples/c-string.mjs
import { fileURLToPath } from "node:url";
import { Runtime } from "kiln";
import { wat } from "./wat.mjs";

export function main() {
  const runtime = new Runtime();
  const instance = runtime.instantiate(
    wat(`(module
      (memory (export "memory") 1)
      (data (i32.const 64) "Gr\\c3\\bc\\c3\\9fe aus Kiln\\00")
      (func (export "greeting") (result i32) (i32.const 64)))`),
  );
  const ptr = instance.call("greeting");
  const memory = instance.exports.memory;
  console.log(`greeting at ${ptr}: ${memory.readCString(ptr)}`);
  const at = 1024;
  const n = memory.writeString(at, "written by JS");
  memory.writeU8(at + n, 0);
  console.log(`round trip: ${memory.readCString(at)}`);
  runtime.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
