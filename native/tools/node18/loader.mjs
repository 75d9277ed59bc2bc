// ESM loader hook for running vitest 4 on Node 18 (the arm64 Node under qemu, see
// native/tools/test-arm64-qemu.sh): imports of node:util get util-shim.mjs, which adds the two
// functions vitest's bundler and vite import from Node 20.12+.
const shim = new URL("./util-shim.mjs", import.meta.url).href;

export async function resolve(specifier, context, next) {
  if ((specifier === "node:util" || specifier === "util") && context.parentURL !== shim) {
    return { url: shim, shortCircuit: true };
  }
  return next(specifier, context);
}
