// Calling exports: compile a module, instantiate it, call its functions (i64 values are bigints).
// Run with: npm run compile && node examples/call-export.mjs
import { fileURLToPath } from "node:url";
import { Runtime } from "kiln";
import { wat } from "./wat.mjs";

export function main() {
  const runtime = new Runtime();
  const module = runtime.compile(
    wat(`(module
      (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "fact") (param i64) (result i64)
        (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
          (then (i64.const 1))
          (else (i64.mul (local.get 0) (call 1 (i64.sub (local.get 0) (i64.const 1))))))))`),
  );
  for (const e of module.exports) console.log(`export ${e.name}: ${JSON.stringify(e.type)}`);
  const instance = runtime.instantiate(module);
  const add = instance.exports.add; // a plain JS function
  console.log(`add(2, 40) = ${add(2, 40)}`);
  console.log(`fact(20) = ${instance.call("fact", [20n])}`);
  runtime.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
