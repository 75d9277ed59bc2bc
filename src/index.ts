/** Kiln's public entry point. */
export { CompileError, LinkError, RuntimeError } from "./errors.js";
export type * from "./frontend/types.js";
