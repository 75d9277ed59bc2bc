// Host functions: a JS function with a wasm signature, receiving the caller's context (its memory
// and exports). Here the guest asks the host to log a string that lives in the guest's memory.
// Run with: npm run compile && node examples/host-function.mjs
import { fileURLToPath } from "node:url";
import { hostFunction, Runtime } from "kiln";
import { wat } from "./wat.mjs";

export function main() {
  const runtime = new Runtime({ memoryLimitPages: 16 });
  const log = hostFunction({ params: ["i32", "i32"], results: [] }, (ctx, ptr, len) => {
    console.log(`guest says: ${ctx.memory.readString(ptr, len)}`);
  });
  const now = hostFunction({ params: [], results: ["i64"] }, () => 1700000000000n);
  const instance = runtime.instantiate(
    wat(`(module
      (import "host" "log" (func $log (param i32 i32)))
      (import "host" "now" (func $now (result i64)))
      (memory 1)
      (data (i32.const 16) "hello from wasm")
      (func (export "run") (result i64)
        (call $log (i32.const 16) (i32.const 15))
        (i64.add (call $now) (i64.const 1))))`),
    { imports: { host: { log, now } } },
  );
  console.log(`run() = ${instance.call("run", [], { deadlineMs: 1000 })}`);
  runtime.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
