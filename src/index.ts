/** Kiln's public entry point: the embedding API, the drop-in `WebAssembly` namespace, errors and the decoder. */
export * from "./api/index.js";
export { CompileError, LinkError, RuntimeError, type WasmStackFrame } from "./errors.js";
export { decodeModule, validateModule } from "./frontend/index.js";
export type {
  ConstExpr,
  CustomSection,
  DataSegment,
  ElemSegment,
  Export,
  ExternKind,
  FuncType,
  FunctionBody,
  Global as ModuleGlobal,
  GlobalType,
  Import,
  ImportDesc,
  Limits,
  MemoryType,
  Module,
  NameSection,
  RefType,
  SegmentMode,
  TableType,
  ValType,
} from "./frontend/types.js";
