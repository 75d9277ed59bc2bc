/** Kiln's embedding API: runtimes, modules, instances, host functions and JS-side wasm objects. */
export { compilerUnavailableReason } from "./compiled.js";
export {
  type FeatureName,
  type FeatureOptions,
  UNSUPPORTED_FEATURES,
  WASM2_FEATURES,
} from "./features.js";
export { Global, type GlobalDescriptor } from "./global.js";
export {
  type CallerContext,
  HostFunctionDef,
  type HostImplementation,
  hostFunction,
  type JSArgsOf,
  type JSResultOf,
  type JSValueOf,
} from "./host.js";
export { Instance } from "./instance.js";
export { type CallOptions, InterruptedError, type InterruptReason } from "./interrupt.js";
export type { ImportObject } from "./link.js";
export { Memory, type MemoryDescriptor, type MemoryOptions } from "./memory.js";
export { CompiledModule } from "./module.js";
export {
  type EngineChoice,
  type InstantiateOptions,
  type ModuleBytes,
  Runtime,
  type RuntimeOptions,
} from "./runtime.js";
export { Table, type TableDescriptor } from "./table.js";
export type {
  ExportInfo,
  ExternTypeInfo,
  FunctionSignature,
  GlobalTypeInfo,
  ImportInfo,
  MemoryTypeInfo,
  TableTypeInfo,
  ValueTypeName,
} from "./types.js";
export { formatExternType } from "./types.js";
export type { ExportedFunction } from "./values.js";
export {
  type ModuleExportDescriptor,
  type ModuleImportDescriptor,
  type ResponseLike,
  WebAssembly,
  type WebAssemblyInstantiatedSource,
} from "./webassembly.js";
