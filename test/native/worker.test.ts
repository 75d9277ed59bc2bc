import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/native/addon.js";
import { testCode } from "./code.js";

// The addon is context-aware: each worker thread loads its own instance and runs code on its own
// contexts, at the same time as the main thread.
const source = `
const { parentPort, workerData } = require("node:worker_threads");
const override = process.env.KILN_NATIVE_ADDON;
const addon = override ? require(override) : require(workerData.nodeGypBuild)(workerData.root);
const code = new addon.CodeRegion(Uint8Array.from(workerData.bytes));
const ctx = new addon.Context(65536);
const view = new DataView(ctx.buffer);
let sum = 0n;
for (let i = 0n; i < 1000n; i++) {
  view.setBigUint64(0x100, i, true);
  if (ctx.enter(code, 0) !== 1) throw new Error("expected RETURN");
  sum += view.getBigUint64(0x108, true);
}
ctx.close();
code.free();
parentPort.postMessage(sum.toString());
`;

function runWorker(): Promise<string> {
  const root = packageRoot();
  const worker = new Worker(source, {
    eval: true,
    workerData: {
      root,
      nodeGypBuild: `${root}/node_modules/node-gyp-build`,
      bytes: [...(testCode?.ADD_ONE ?? [])],
    },
  });
  return new Promise((resolve, reject) => {
    worker.once("message", (m: string) => resolve(m));
    worker.once("error", reject);
  });
}

describe.runIf(testCode !== null)("worker threads", () => {
  it("run generated code in several threads at once", async () => {
    const results = await Promise.all([runWorker(), runWorker(), runWorker()]);
    // sum over i of (i + 1) for i < 1000
    expect(results).toEqual(["500500", "500500", "500500"]);
  });
});
