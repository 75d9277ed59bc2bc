/**
 * Test helpers for the function validator: assemble WAT with wabt (without wabt's validation,
 * so invalid code reaches our validator), and a small independent decoder for the sections the
 * validator's `ModuleContext` needs, so these tests do not depend on the module decoder.
 */
import wabtInit from "wabt";
import { Reader } from "../../src/frontend/reader.js";
import type {
  ElemSegment,
  FuncType,
  FunctionBody,
  GlobalType,
  Import,
  MemoryType,
  Module,
  RefType,
  TableType,
  ValType,
} from "../../src/frontend/types.js";
import { type ModuleContext, validateFunction } from "../../src/frontend/validate-function.js";
import type { FuncVisitor } from "../../src/frontend/visitor.js";

const wabt = await wabtInit();

const FEATURES = {
  simd: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
  sign_extension: true,
  sat_float_to_int: true,
  mutable_globals: true,
};

/** Assembles a WAT module to bytes without validating it. */
export function wat(text: string): Uint8Array {
  const m = wabt.parseWat("t.wat", text, FEATURES);
  try {
    return m.toBinary({}).buffer;
  } finally {
    m.destroy();
  }
}

/** V8's `WebAssembly.validate`: an independent Wasm 2.0 validator to cross-check against. */
export function v8Validate(bytes: Uint8Array): boolean {
  const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
  return wasm.validate(bytes);
}

/** A decoded test module: the validator's context and the function bodies. */
export interface TestModule {
  readonly ctx: ModuleContext;
  readonly bodies: readonly FunctionBody[];
}

function limits(r: Reader): { min: number; max: number | null } {
  const flags = r.u8();
  const min = r.u32();
  return { min, max: flags & 1 ? r.u32() : null };
}

/** Skips a constant expression, recording `ref.func` indices. */
function constExpr(r: Reader, refs: Set<number>): void {
  for (;;) {
    const op = r.u8();
    switch (op) {
      case 0x0b:
        return;
      case 0x41:
        r.s32();
        break;
      case 0x42:
        r.s64();
        break;
      case 0x43:
        r.fixed32();
        break;
      case 0x44:
        r.fixed64();
        break;
      case 0xd0:
        r.u8();
        break;
      case 0xd2:
        refs.add(r.u32());
        break;
      case 0x23:
        r.u32();
        break;
      case 0xfd:
        r.u32();
        r.take(16);
        break;
      default:
        throw new Error(`test decoder: unsupported constant opcode 0x${op.toString(16)}`);
    }
  }
}

function elemSegment(r: Reader, refs: Set<number>): ElemSegment {
  const flags = r.u32();
  const passiveOrDeclarative = (flags & 1) !== 0;
  const explicitTable = (flags & 2) !== 0;
  const usesExprs = (flags & 4) !== 0;
  if (!passiveOrDeclarative && explicitTable) r.u32();
  if (!passiveOrDeclarative) constExpr(r, refs);
  let type: RefType = 0x70;
  if (passiveOrDeclarative || explicitTable) {
    const b = r.u8();
    if (usesExprs) type = b as RefType;
  }
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    if (usesExprs) constExpr(r, refs);
    else refs.add(r.u32());
  }
  const mode = passiveOrDeclarative
    ? (flags & 2) !== 0
      ? ({ kind: "declarative" } as const)
      : ({ kind: "passive" } as const)
    : ({ kind: "active", index: 0, offset: { kind: "i32.const", value: 0 } } as const);
  return { type, mode, items: [] };
}

/**
 * Decodes the sections the validator needs. Exported functions and every `ref.func` in
 * element segments and globals count as declared references, as in the spec.
 */
export function decodeForTest(bytes: Uint8Array): TestModule {
  const r = new Reader(bytes, 8);
  const types: FuncType[] = [];
  const imports: Import[] = [];
  const funcs: number[] = [];
  const tables: TableType[] = [];
  const memories: MemoryType[] = [];
  const globalTypes: GlobalType[] = [];
  const elems: ElemSegment[] = [];
  const refs = new Set<number>();
  const bodies: FunctionBody[] = [];
  let dataCount: number | null = null;
  let numImportedFuncs = 0;
  while (!r.atEnd()) {
    const id = r.u8();
    const size = r.u32();
    const end = r.pos + size;
    if (id === 1) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        r.u8();
        const params = [...r.take(r.u32())] as ValType[];
        const results = [...r.take(r.u32())] as ValType[];
        types.push({ params, results });
      }
    } else if (id === 2) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const module = r.name();
        const name = r.name();
        const kind = r.u8();
        if (kind === 0) {
          const typeIndex = r.u32();
          funcs.push(typeIndex);
          numImportedFuncs++;
          imports.push({ module, name, desc: { kind: "func", typeIndex } });
        } else if (kind === 1) {
          const elem = r.u8() as RefType;
          tables.push({ elem, limits: limits(r) });
        } else if (kind === 2) {
          memories.push({ limits: limits(r) });
        } else {
          const type = r.u8() as ValType;
          globalTypes.push({ type, mutable: r.u8() === 1 });
        }
      }
    } else if (id === 3) {
      const n = r.u32();
      for (let i = 0; i < n; i++) funcs.push(r.u32());
    } else if (id === 4) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const elem = r.u8() as RefType;
        tables.push({ elem, limits: limits(r) });
      }
    } else if (id === 5) {
      const n = r.u32();
      for (let i = 0; i < n; i++) memories.push({ limits: limits(r) });
    } else if (id === 6) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const type = r.u8() as ValType;
        globalTypes.push({ type, mutable: r.u8() === 1 });
        constExpr(r, refs);
      }
    } else if (id === 7) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        r.name();
        const kind = r.u8();
        const index = r.u32();
        if (kind === 0) refs.add(index);
      }
    } else if (id === 9) {
      const n = r.u32();
      for (let i = 0; i < n; i++) elems.push(elemSegment(r, refs));
    } else if (id === 12) {
      dataCount = r.u32();
    } else if (id === 10) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const bodySize = r.u32();
        const bodyEnd = r.pos + bodySize;
        const locals: ValType[] = [];
        const runs = r.u32();
        for (let j = 0; j < runs; j++) {
          const count = r.u32();
          const t = r.u8() as ValType;
          for (let k = 0; k < count; k++) locals.push(t);
        }
        bodies.push({ locals, codeStart: r.pos, codeEnd: bodyEnd });
        r.pos = bodyEnd;
      }
    }
    r.pos = end;
  }
  const module: Module = {
    bytes,
    types,
    imports,
    funcs,
    tables,
    memories,
    globalTypes,
    globals: [],
    exports: [],
    start: null,
    elems,
    datas: [],
    dataCount,
    codes: [],
    numImportedFuncs,
    numImportedTables: 0,
    numImportedMemories: 0,
    numImportedGlobals: 0,
    names: { moduleName: null, functionNames: new Map(), localNames: new Map() },
    customSections: [],
  };
  return { ctx: { module, declaredFuncRefs: refs }, bodies };
}

/** Validates every function body of `bytes`, in order, with an optional visitor. */
export function validateBytes(bytes: Uint8Array, visitor?: FuncVisitor): TestModule {
  const t = decodeForTest(bytes);
  const imported = t.ctx.module.numImportedFuncs;
  t.bodies.forEach((body, i) => {
    validateFunction(t.ctx, imported + i, body, visitor);
  });
  return t;
}

/** Assembles `text` and validates all its functions. */
export function validateWat(text: string, visitor?: FuncVisitor): TestModule {
  return validateBytes(wat(text), visitor);
}

/** The message of the error `validateWat(text)` throws, or "valid" when it throws none. */
export function watError(text: string): string {
  try {
    validateWat(text);
    return "valid";
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
}

/** Builds a module from raw sections (each `[id, ...bytes]`), for hand-made binary cases. */
export function moduleBytes(...sections: (readonly number[])[]): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const [id, ...content] of sections) {
    out.push(id!, ...uleb(content.length), ...content);
  }
  return Uint8Array.from(out);
}

/** Unsigned LEB128 encoding. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/**
 * A module with one `() -> ()` function (or `type` given as `[params, results]`) whose body
 * is `code` (locals none), optionally with one memory and a data count.
 */
export function singleFunc(
  code: readonly number[],
  opts: { memory?: boolean; dataCount?: number; type?: readonly [readonly number[], readonly number[]] } = {},
): Uint8Array {
  const [params, results] = opts.type ?? [[], []];
  const sections: number[][] = [
    [1, 1, 0x60, ...uleb(params.length), ...params, ...uleb(results.length), ...results],
    [3, 1, 0],
  ];
  if (opts.memory) sections.push([5, 1, 0, 1]);
  if (opts.dataCount !== undefined) sections.push([12, ...uleb(opts.dataCount)]);
  const body = [0, ...code];
  sections.push([10, 1, ...uleb(body.length), ...body]);
  return moduleBytes(...sections);
}
