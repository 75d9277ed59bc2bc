/** Kiln's public entry point. */
export { CompileError, LinkError, RuntimeError } from "./errors.js";
export { decodeModule, validateModule } from "./frontend/index.js";
export type * from "./frontend/types.js";
