/** The frontend's public entry: decoding and validating Wasm 2.0 binary modules. */
export { decodeModule, validateModule } from "./decoder.js";
export { type CompiledModule, compileModule, lowerFunction } from "./lower-module.js";
