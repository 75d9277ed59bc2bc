/** The native layer: addon loading, its typed interface, the context ABI and field access. */
export * from "./abi.js";
export * from "./addon.js";
export * from "./fields.js";
export type * from "./types.js";
