import { describe, expect, it } from "vitest";
import { decodeModule, validateModule } from "../../src/frontend/index.js";
import { ValType } from "../../src/frontend/types.js";
import { type CompileError, decodeModule as decodeFromRoot } from "../../src/index.js";
import {
  compileError,
  custom,
  HEADER,
  leb,
  mod,
  S,
  section,
  sleb,
  str,
  vec,
  wat,
} from "./decoder-helpers.js";

const I32 = ValType.I32;
const FUNCREF = ValType.FuncRef;
const EXTERNREF = ValType.ExternRef;

/** Expects decoding `bytes` to fail with a message containing `text`, at `offset` when given. */
function rejects(bytes: Uint8Array, text: string, offset?: number): CompileError {
  const e = compileError(() => decodeModule(bytes));
  expect(e.message).toContain(text);
  if (offset !== undefined) expect(e.offset).toBe(offset);
  expect(validateModule(bytes)).toBe(false);
  return e;
}

/** i32.const n; end */
function i32c(n: number): number[] {
  return [0x41, ...sleb(n), 0x0b];
}

/** A type section with a single [] -> [] type. */
const VOID_TYPE = section(S.type, vec([[0x60, 0, 0]]));
/** An import section importing one [] -> [] function "m" "f". */
const IMPORT_F = section(S.import, vec([[...str("m"), ...str("f"), 0x00, 0x00]]));

describe("preamble", () => {
  it("accepts the empty module", () => {
    const m = decodeModule(mod());
    expect(m.types).toEqual([]);
    expect(m.start).toBeNull();
    expect(m.dataCount).toBeNull();
    expect(m.names.moduleName).toBeNull();
    expect(validateModule(mod())).toBe(true);
  });

  it("is exported from the package entry point", () => {
    expect(decodeFromRoot).toBe(decodeModule);
  });

  it("rejects short, foreign and versioned preambles with the spec's wording", () => {
    rejects(new Uint8Array([]), "unexpected end", 0);
    rejects(new Uint8Array([0x01]), "unexpected end", 0);
    rejects(new Uint8Array([0x00, 0x61, 0x73]), "unexpected end", 0);
    rejects(new Uint8Array([0x61, 0x73, 0x6d, 0x00]), "magic header not detected", 0);
    rejects(
      new Uint8Array([0xef, 0xbb, 0xbf, 0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0]),
      "magic header not detected",
    );
    rejects(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00]), "unexpected end", 4);
    rejects(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x00, 0x00]), "unknown binary version", 4);
    rejects(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x00, 0x00, 0x00, 0x01]), "unknown binary version", 4);
  });

  it("prefixes messages with the section and appends the byte offset", () => {
    const e = rejects(mod(section(S.type, [0x01, 0x61, 0, 0])), "malformed function type", 11);
    expect(e.message).toMatch(/^type section: .*\(at byte offset 11\)$/);
  });
});

describe("section structure", () => {
  it("rejects unknown section ids", () => {
    rejects(mod([0x0e, 0x01, 0x00]), "malformed section id", 8);
    rejects(mod([0x7f, 0x01, 0x00]), "malformed section id", 8);
    rejects(mod([0x80, 0x00, 0x01, 0x01, 0x00]), "malformed section id", 8);
  });

  it("rejects a section longer than the module", () => {
    rejects(mod([S.type, 0x07, 0x02, 0x60, 0x00, 0x00]), "length out of bounds", 9);
    // Two concatenated modules: the second preamble reads as a custom section of 0x61 bytes.
    rejects(mod(HEADER), "length out of bounds", 9);
  });

  it("rejects sections whose contents do not fill their size", () => {
    rejects(mod(section(S.type, [0x01, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00])), "section size mismatch", 14);
    rejects(mod(section(S.global, [0x01, I32, 0x00, ...i32c(0), ...i32c(0)])), "section size mismatch");
  });

  it("rejects counts larger than the section before allocating", () => {
    // 2^32-1 types in a 5-byte section.
    const e = rejects(mod(section(S.type, leb(0xffffffff))), "unexpected end of section or function", 10);
    expect(e.message).toContain("type count 4294967295");
    rejects(mod(section(S.table, [0x01])), "unexpected end of section or function");
    rejects(mod(section(S.global, [0x02, I32, 0x00, ...i32c(0)])), "unexpected end of section or function");
    rejects(mod(section(S.function, leb(1 << 30))), "function count");
    rejects(mod(section(S.memory, leb(0xfffffff))), "memory count");
  });

  it("enforces the section order, each section at most once", () => {
    const t = section(S.type, [0x00]);
    const imp = section(S.import, [0x00]);
    rejects(mod(t, t), "unexpected content after last section", 11);
    rejects(mod(imp, t), "unexpected content after last section", 11);
    rejects(
      mod(section(S.dataCount, [0x00]), section(S.element, [0x00])),
      "unexpected content after last section",
    );
    rejects(
      mod(section(S.code, [0x00]), section(S.dataCount, [0x00])),
      "unexpected content after last section",
    );
    rejects(mod(section(S.data, [0x00]), section(S.code, [0x00])), "unexpected content after last section");
    // Data count (12) comes between element (9) and code (10).
    expect(() =>
      decodeModule(mod(section(S.element, [0x00]), section(S.dataCount, [0x00]), section(S.code, [0x00]))),
    ).not.toThrow();
  });

  it("accepts custom sections anywhere and keeps their bytes", () => {
    const c = custom("custom", [...new TextEncoder().encode("payload")]);
    const ids = [
      S.type,
      S.import,
      S.function,
      S.table,
      S.memory,
      S.global,
      S.export,
      S.element,
      S.code,
      S.data,
    ];
    const m = decodeModule(mod(c, ...ids.flatMap((id) => [section(id, [0x00]), c])));
    expect(m.customSections).toHaveLength(ids.length + 1);
    expect(m.customSections[0]!.name).toBe("custom");
    expect(new TextDecoder().decode(m.customSections[0]!.bytes)).toBe("payload");
  });

  it("keeps empty custom sections and names with a byte-order mark", () => {
    const m = decodeModule(mod(custom("", []), custom("\ufeffa", [1, 2])));
    expect(m.customSections.map((c) => c.name)).toEqual(["", "\ufeffa"]);
    expect([...m.customSections[1]!.bytes]).toEqual([1, 2]);
  });

  it("decodes modules held in shared memory", () => {
    const bytes = mod(VOID_TYPE, IMPORT_F, section(S.export, vec([[...str("é"), 0x00, 0x00]])));
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    expect(decodeModule(shared).exports[0]!.name).toBe("é");
  });

  it("rejects truncated custom sections", () => {
    rejects(mod([0x00]), "unexpected end");
    rejects(mod([0x00, 0x00]), "unexpected end");
    rejects(mod([0x00, 0x26, 0x10, ...new TextEncoder().encode("a custom section")]), "length out of bounds");
    rejects(mod(section(0, [0x05, 0x61])), "length out of bounds");
  });

  it("rejects malformed UTF-8 in names", () => {
    rejects(mod(section(0, [0x02, 0xc0, 0x80])), "malformed UTF-8 encoding", 10);
    rejects(mod(section(0, [0x03, 0xed, 0xa0, 0x80])), "malformed UTF-8 encoding");
    const badImport = section(S.import, vec([[0x01, 0xff, ...str("f"), 0x03, I32, 0x00]]));
    rejects(mod(badImport), "malformed UTF-8 encoding");
  });
});

describe("LEB128 integers", () => {
  it("rejects overlong and oversized encodings", () => {
    rejects(
      mod(section(S.memory, [0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00])),
      "integer representation too long",
    );
    rejects(mod(section(S.memory, [0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x10])), "integer too large");
    rejects(
      mod([0x00, 0x83, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01, 0x31, 0x32]),
      "integer representation too long",
      9,
    );
    rejects(
      mod(section(S.global, [0x01, I32, 0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x0b])),
      "integer too large",
    );
    const i64 = [0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02, 0x0b];
    rejects(mod(section(S.global, [0x01, ValType.I64, 0x00, ...i64])), "integer too large");
  });

  it("treats type bytes as 7-bit LEB128 integers", () => {
    rejects(mod(section(S.type, [0x01, 0xe0, 0x7f, 0x00, 0x00])), "integer representation too long", 11);
    rejects(
      mod(section(S.type, [0x01, 0x60, 0x01, 0xff, 0x7f, 0x00])),
      "integer representation too long",
      13,
    );
    rejects(mod(section(S.table, [0x01, 0xf0, 0x7f, 0x00, 0x00])), "integer representation too long", 11);
  });

  it("accepts redundant but in-range encodings", () => {
    const m = decodeModule(mod(section(S.memory, [0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x00])));
    expect(m.memories[0]!.limits).toEqual({ min: 2, max: null });
  });

  it("decodes constants exactly", () => {
    const g = (type: number, init: number[]) => [type, 0x00, ...init, 0x0b];
    const m = decodeModule(
      mod(
        section(
          S.global,
          vec([
            g(I32, [0x41, ...sleb(-2147483648)]),
            g(ValType.I64, [0x42, 0x7f]),
            g(ValType.I64, [0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]),
            g(ValType.F32, [0x43, 0x00, 0x00, 0xc0, 0x7f]),
            g(ValType.F64, [0x44, 1, 2, 3, 4, 5, 6, 7, 8]),
            g(ValType.V128, [0xfd, 0x0c, ...Array.from({ length: 16 }, (_, i) => i)]),
          ]),
        ),
      ),
    );
    expect(m.globals.map((x) => x.init)).toEqual([
      { kind: "i32.const", value: -2147483648 },
      { kind: "i64.const", lo: -1, hi: -1 },
      { kind: "i64.const", lo: 0, hi: -2147483648 },
      { kind: "f32.const", bits: 0x7fc00000 },
      { kind: "f64.const", lo: 0x04030201, hi: 0x08070605 },
      { kind: "v128.const", bytes: Uint8Array.from({ length: 16 }, (_, i) => i) },
    ]);
  });
});

describe("imports and definitions (code-free modules)", () => {
  const text = `(module
    (type $v (func))
    (type $ii (func (param i32 i64) (result f32 f64)))
    (import "env" "f" (func $f (type $v)))
    (import "env" "t" (table 2 10 externref))
    (import "env" "m" (memory 1 2))
    (import "env" "g" (global $g i32))
    (import "env" "mg" (global (mut f64)))
    (import "env" "fr" (global $fr funcref))
    (table 3 funcref)
    (global $a i32 (global.get $g))
    (global (mut i64) (i64.const -5))
    (global funcref (ref.func $f))
    (global externref (ref.null extern))
    (global v128 (v128.const i32x4 1 2 3 4))
    (export "f" (func $f))
    (export "t" (table 0))
    (export "mem" (memory 0))
    (export "a" (global $a))
    (start $f)
    (elem (table 1) (i32.const 0) func $f $f)
    (elem funcref (ref.null func) (global.get 2))
    (elem declare func $f)
    (data (i32.const 8) "hello")
    (data "passive")
  )`;

  it("fills every field", () => {
    const bytes = wat(text);
    const m = decodeModule(bytes);
    expect(m.bytes).toBe(bytes);
    expect(m.types).toEqual([
      { params: [], results: [] },
      { params: [I32, ValType.I64], results: [ValType.F32, ValType.F64] },
    ]);
    expect(m.imports.map((i) => [i.module, i.name, i.desc.kind])).toEqual([
      ["env", "f", "func"],
      ["env", "t", "table"],
      ["env", "m", "memory"],
      ["env", "g", "global"],
      ["env", "mg", "global"],
      ["env", "fr", "global"],
    ]);
    expect(m.imports[1]!.desc).toEqual({
      kind: "table",
      type: { elem: EXTERNREF, limits: { min: 2, max: 10 } },
    });
    expect(m.imports[4]!.desc).toEqual({ kind: "global", type: { type: ValType.F64, mutable: true } });
    expect(m.funcs).toEqual([0]);
    expect(m.tables).toEqual([
      { elem: EXTERNREF, limits: { min: 2, max: 10 } },
      { elem: FUNCREF, limits: { min: 3, max: null } },
    ]);
    expect(m.memories).toEqual([{ limits: { min: 1, max: 2 } }]);
    expect(m.globalTypes.map((g) => [g.type, g.mutable])).toEqual([
      [I32, false],
      [ValType.F64, true],
      [FUNCREF, false],
      [I32, false],
      [ValType.I64, true],
      [FUNCREF, false],
      [EXTERNREF, false],
      [ValType.V128, false],
    ]);
    expect(m.globals.map((g) => g.init.kind)).toEqual([
      "global.get",
      "i64.const",
      "ref.func",
      "ref.null",
      "v128.const",
    ]);
    expect(m.exports).toEqual([
      { name: "f", kind: "func", index: 0 },
      { name: "t", kind: "table", index: 0 },
      { name: "mem", kind: "memory", index: 0 },
      { name: "a", kind: "global", index: 3 },
    ]);
    expect(m.start).toBe(0);
    expect(m.elems).toHaveLength(3);
    expect(m.elems[0]).toEqual({
      type: FUNCREF,
      mode: { kind: "active", index: 1, offset: { kind: "i32.const", value: 0 } },
      items: [
        { kind: "ref.func", funcIndex: 0 },
        { kind: "ref.func", funcIndex: 0 },
      ],
    });
    expect(m.elems[1]).toEqual({
      type: FUNCREF,
      mode: { kind: "passive" },
      items: [
        { kind: "ref.null", type: FUNCREF },
        { kind: "global.get", globalIndex: 2 },
      ],
    });
    expect(m.elems[2]!.mode).toEqual({ kind: "declarative" });
    expect(m.datas).toHaveLength(2);
    expect(m.datas[0]!.mode).toEqual({ kind: "active", index: 0, offset: { kind: "i32.const", value: 8 } });
    expect(new TextDecoder().decode(m.datas[0]!.bytes)).toBe("hello");
    expect(m.datas[0]!.bytes.buffer).toBe(bytes.buffer);
    expect(m.datas[1]!.mode).toEqual({ kind: "passive" });
    expect(m.codes).toEqual([]);
    expect([m.numImportedFuncs, m.numImportedTables, m.numImportedMemories, m.numImportedGlobals]).toEqual([
      1, 1, 1, 3,
    ]);
  });

  it("rejects import kinds, types and mutabilities it does not know", () => {
    const imp = (desc: number[]) => mod(section(S.import, vec([[...str("m"), ...str("x"), ...desc]])));
    rejects(imp([0x04]), "malformed import kind", 15);
    rejects(imp([0x80, 0x00]), "malformed import kind");
    rejects(imp([0x00, 0x00]), "unknown type 0");
    rejects(imp([0x03, 0x7f, 0x02]), "malformed mutability", 17);
    rejects(imp([0x03, 0x7f, 0xff]), "malformed mutability");
    rejects(imp([0x03, 0x60, 0x00]), "malformed value type");
    rejects(imp([0x01, I32, 0x00, 0x00]), "malformed reference type");
    rejects(imp([0x02, 0x02, 0x00]), "integer too large");
    rejects(imp([0x02, 0x81, 0x00, 0x00]), "integer representation too long");
  });

  it("checks limits", () => {
    const mem = (limits: number[]) => mod(section(S.memory, [0x01, ...limits]));
    expect(decodeModule(mem([0x01, ...leb(65536), ...leb(65536)])).memories[0]!.limits).toEqual({
      min: 65536,
      max: 65536,
    });
    rejects(mem([0x00, ...leb(65537)]), "memory size must be at most 65536 pages (4GiB)");
    rejects(mem([0x01, 0x00, ...leb(65537)]), "memory size must be at most 65536 pages (4GiB)");
    rejects(mem([0x01, 0x02, 0x01]), "size minimum must not be greater than maximum");
    rejects(
      mod(section(S.table, [0x01, FUNCREF, 0x01, 0x02, 0x01])),
      "size minimum must not be greater than maximum",
    );
    const big = decodeModule(
      mod(section(S.table, [0x01, FUNCREF, 0x01, ...leb(0xffffffff), ...leb(0xffffffff)])),
    );
    expect(big.tables[0]!.limits).toEqual({ min: 0xffffffff, max: 0xffffffff });
  });

  it("allows one memory only, imported or defined", () => {
    rejects(mod(section(S.memory, [0x02, 0x00, 0x00, 0x00, 0x00])), "multiple memories");
    const imp = section(S.import, vec([[...str("m"), ...str("x"), 0x02, 0x00, 0x00]]));
    rejects(mod(imp, section(S.memory, [0x01, 0x00, 0x00])), "multiple memories");
  });

  it("allows several tables", () => {
    expect(decodeModule(wat("(module (table 1 funcref) (table 2 externref))")).tables).toHaveLength(2);
  });

  it("checks exports", () => {
    rejects(mod(section(S.export, vec([[...str("a"), 0x00, 0x00]]))), "unknown function 0");
    rejects(mod(section(S.export, vec([[...str("a"), 0x01, 0x00]]))), "unknown table 0");
    rejects(mod(section(S.export, vec([[...str("a"), 0x02, 0x00]]))), "unknown memory 0");
    rejects(mod(section(S.export, vec([[...str("a"), 0x03, 0x00]]))), "unknown global 0");
    rejects(mod(section(S.export, vec([[...str("a"), 0x04, 0x00]]))), "malformed export kind");
    const two = section(
      S.export,
      vec([
        [...str("a"), 0x00, 0x00],
        [...str("a"), 0x00, 0x00],
      ]),
    );
    rejects(mod(VOID_TYPE, IMPORT_F, two), "duplicate export name", 30);
    // A byte-order mark is part of the name: these two are different.
    const bom = section(
      S.export,
      vec([
        [...str("\ufeffa"), 0x00, 0x00],
        [...str("a"), 0x00, 0x00],
      ]),
    );
    expect(decodeModule(mod(VOID_TYPE, IMPORT_F, bom)).exports.map((e) => e.name)).toEqual(["\ufeffa", "a"]);
    // A truncated export section: the second name's length runs past the end.
    rejects(
      mod(VOID_TYPE, IMPORT_F, section(S.export, [0x02, ...str("f"), 0x00, 0x00, 0x05])),
      "length out of bounds",
    );
  });

  it("checks the start function", () => {
    expect(decodeModule(mod(VOID_TYPE, IMPORT_F, section(S.start, [0x00]))).start).toBe(0);
    rejects(mod(VOID_TYPE, IMPORT_F, section(S.start, [0x01])), "unknown function 1");
    const typed = section(S.type, vec([[0x60, 0x01, I32, 0x00]]));
    rejects(mod(typed, IMPORT_F, section(S.start, [0x00])), "start function");
    const result = section(S.type, vec([[0x60, 0x00, 0x01, I32]]));
    rejects(mod(result, IMPORT_F, section(S.start, [0x00])), "start function");
  });
});

describe("constant expressions", () => {
  const importG = (mutable: boolean, type: number = I32) =>
    section(S.import, vec([[...str("m"), ...str("g"), 0x03, type, mutable ? 1 : 0]]));
  const global = (type: number, init: number[]) => section(S.global, vec([[type, 0x00, ...init]]));

  it("accepts global.get of an imported immutable global", () => {
    const m = decodeModule(mod(importG(false), global(I32, [0x23, 0x00, 0x0b])));
    expect(m.globals[0]!.init).toEqual({ kind: "global.get", globalIndex: 0 });
  });

  it("rejects global.get of other globals", () => {
    rejects(mod(importG(true), global(I32, [0x23, 0x00, 0x0b])), "constant expression required");
    rejects(mod(global(I32, [0x23, 0x00, 0x0b])), "unknown global 0");
    rejects(
      mod(
        section(
          S.global,
          vec([
            [I32, 0x00, ...i32c(0)],
            [I32, 0x00, 0x23, 0x00, 0x0b],
          ]),
        ),
      ),
      "unknown global 0",
    );
    rejects(mod(importG(false), global(I32, [0x23, 0x01, 0x0b])), "unknown global 1");
  });

  it("rejects non-constant instructions and illegal opcodes", () => {
    rejects(mod(global(I32, [0x41, 0x00, 0x68, 0x0b])), "constant expression required", 15);
    rejects(mod(global(I32, [0x01, 0x0b])), "constant expression required");
    rejects(mod(global(I32, [0x20, 0x00, 0x0b])), "constant expression required");
    rejects(mod(global(I32, [0x41, 0x00, 0x01, 0x0b])), "constant expression required");
    rejects(mod(global(ValType.V128, [0xfd, 0x0d, 0x0b])), "constant expression required");
    rejects(mod(global(I32, [0xf3, 0x0b])), "illegal opcode");
    rejects(mod(global(I32, [0x06, 0x0b])), "illegal opcode");
  });

  it("checks the result type and count", () => {
    rejects(mod(global(I32, [0x0b])), "type mismatch", 13);
    rejects(mod(global(I32, [0x42, 0x00, 0x0b])), "type mismatch");
    rejects(mod(global(I32, [0x41, 0x00, 0x41, 0x00, 0x0b])), "type mismatch");
    rejects(mod(importG(false), global(ValType.I64, [0x23, 0x00, 0x0b])), "type mismatch");
    rejects(mod(global(FUNCREF, [0xd0, EXTERNREF, 0x0b])), "type mismatch");
    rejects(mod(global(EXTERNREF, [0xd0, I32, 0x0b])), "malformed reference type");
  });

  it("checks ref.func indices and declares them", () => {
    rejects(mod(global(FUNCREF, [0xd2, 0x00, 0x0b])), "unknown function 0");
    rejects(mod(VOID_TYPE, IMPORT_F, global(EXTERNREF, [0xd2, 0x00, 0x0b])), "type mismatch");
  });

  it("reports a missing end", () => {
    rejects(mod(section(S.global, [0x01, I32, 0x00, 0x41, 0x00])), "unexpected end of section or function");
  });
});

describe("element segments", () => {
  const table = (type: number = FUNCREF) => section(S.table, vec([[type, 0x00, 0x01]]));
  const elem = (...segs: number[][]) => section(S.element, vec(segs));
  const base = [VOID_TYPE, IMPORT_F, table()];
  const refFunc0 = [0xd2, 0x00, 0x0b];

  it("decodes all eight encodings", () => {
    const m = decodeModule(
      mod(
        ...base,
        elem(
          [0x00, ...i32c(0), ...vec([[0x00]])],
          [0x01, 0x00, ...vec([[0x00]])],
          [0x02, 0x00, ...i32c(1), 0x00, ...vec([[0x00]])],
          [0x03, 0x00, ...vec([[0x00]])],
          [0x04, ...i32c(0), ...vec([refFunc0])],
          [0x05, EXTERNREF, ...vec([[0xd0, EXTERNREF, 0x0b]])],
          [0x06, 0x00, ...i32c(0), FUNCREF, ...vec([refFunc0, [0xd0, FUNCREF, 0x0b]])],
          [0x07, FUNCREF, ...vec([refFunc0])],
        ),
      ),
    );
    expect(m.elems.map((e) => [e.mode.kind, e.type, e.items.length])).toEqual([
      ["active", FUNCREF, 1],
      ["passive", FUNCREF, 1],
      ["active", FUNCREF, 1],
      ["declarative", FUNCREF, 1],
      ["active", FUNCREF, 1],
      ["passive", EXTERNREF, 1],
      ["active", FUNCREF, 2],
      ["declarative", FUNCREF, 1],
    ]);
    expect(m.elems[2]!.mode).toEqual({ kind: "active", index: 0, offset: { kind: "i32.const", value: 1 } });
    expect(m.elems[5]!.items[0]).toEqual({ kind: "ref.null", type: EXTERNREF });
  });

  it("rejects malformed kinds and types", () => {
    rejects(mod(...base, elem([0x08])), "malformed elements segment kind");
    rejects(mod(...base, elem([0x01, 0x01, 0x00])), "malformed element kind");
    rejects(mod(...base, elem([0x05, I32, 0x00])), "malformed reference type");
    rejects(mod(...base, elem([0x05, FUNCREF, ...vec([[0xf3, 0x00, 0x0b]])])), "illegal opcode");
  });

  it("validates tables, offsets and items", () => {
    rejects(mod(VOID_TYPE, IMPORT_F, elem([0x00, ...i32c(0), 0x00])), "unknown table 0");
    rejects(mod(...base, elem([0x02, 0x01, ...i32c(0), 0x00, 0x00])), "unknown table 1");
    rejects(mod(...base, elem([0x00, 0x42, 0x00, 0x0b, 0x00])), "type mismatch");
    rejects(mod(...base, elem([0x00, ...i32c(0), ...vec([[0x01]])])), "unknown function 1");
    rejects(mod(...base, elem([0x05, FUNCREF, ...vec([[0xd0, EXTERNREF, 0x0b]])])), "type mismatch");
    rejects(mod(...base, elem([0x05, FUNCREF, ...vec([[0x41, 0x00, 0x0b]])])), "type mismatch");
    // A funcref segment for an externref table.
    rejects(mod(VOID_TYPE, IMPORT_F, table(EXTERNREF), elem([0x00, ...i32c(0), 0x00])), "type mismatch");
    rejects(mod(...base, elem([0x04, ...i32c(0), ...vec([[0x0b]])])), "type mismatch");
  });

  it("rejects truncated sections", () => {
    rejects(mod(...base, section(S.element, [0x02, 0x00, ...i32c(0), 0x01, 0x00])), "unexpected end");
  });
});

describe("data segments and data count", () => {
  const memory = section(S.memory, vec([[0x00, 0x01]]));
  const data = (...segs: number[][]) => section(S.data, vec(segs));

  it("decodes all three encodings", () => {
    const m = decodeModule(
      mod(
        memory,
        data([0x00, ...i32c(1), ...str("ab")], [0x01, ...str("c")], [0x02, 0x00, ...i32c(2), ...str("")]),
      ),
    );
    expect(m.datas.map((d) => [d.mode.kind, d.bytes.length])).toEqual([
      ["active", 2],
      ["passive", 1],
      ["active", 0],
    ]);
    expect(m.dataCount).toBeNull();
  });

  it("requires a memory for active segments", () => {
    rejects(mod(data([0x00, ...i32c(0), 0x00])), "unknown memory 0");
    rejects(mod(memory, data([0x02, 0x01, ...i32c(0), 0x00])), "unknown memory 1");
    expect(decodeModule(mod(data([0x01, 0x00]))).datas).toHaveLength(1);
  });

  it("rejects malformed segments", () => {
    rejects(mod(memory, data([0x03])), "malformed data segment kind");
    rejects(mod(memory, data([0x00, 0x42, 0x00, 0x0b, 0x00])), "type mismatch");
    rejects(
      mod(memory, section(S.data, [0x01, 0x00, ...i32c(3), 0x07, 0x61, 0x62])),
      "unexpected end of section",
    );
    rejects(mod(memory, section(S.data, [0x02, 0x00, ...i32c(0), 0x01, 0x61])), "unexpected end of section");
  });

  it("matches the data count against the data section", () => {
    const count = (n: number) => section(S.dataCount, leb(n));
    expect(decodeModule(mod(count(0))).dataCount).toBe(0);
    expect(decodeModule(mod(memory, count(1), data([0x01, 0x00]))).dataCount).toBe(1);
    rejects(
      mod(count(3), data([0x01, 0x00], [0x01, 0x00])),
      "data count and data section have inconsistent lengths",
    );
    rejects(
      mod(count(1), data([0x01, 0x00], [0x01, 0x00])),
      "data count and data section have inconsistent lengths",
    );
    rejects(mod(memory, count(1)), "data count and data section have inconsistent lengths");
  });
});

describe("the name section", () => {
  const names = (...subs: number[][]) => custom("name", subs.flat());
  const sub = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const twoFuncs = section(
    S.import,
    vec([
      [...str("m"), ...str("a"), 0x00, 0x00],
      [...str("m"), ...str("b"), 0x00, 0x00],
    ]),
  );

  it("decodes module, function and local names", () => {
    const m = decodeModule(
      mod(
        VOID_TYPE,
        twoFuncs,
        names(
          sub(0, str("mod")),
          sub(
            1,
            vec([
              [0x00, ...str("first")],
              [0x01, ...str("sécond")],
            ]),
          ),
          sub(2, vec([[0x01, ...vec([[0x00, ...str("x")]])]])),
          sub(7, [0xff, 0xff]),
        ),
      ),
    );
    expect(m.names.moduleName).toBe("mod");
    expect([...m.names.functionNames]).toEqual([
      [0, "first"],
      [1, "sécond"],
    ]);
    expect(m.names.localNames.get(1)?.get(0)).toBe("x");
    expect(m.customSections).toEqual([]);
  });

  it("ignores a malformed name section without failing the module", () => {
    const cases = [
      names(sub(1, [0x05])),
      names(sub(0, str("a")), sub(0, str("b"))),
      names(
        sub(
          1,
          vec([
            [0x01, ...str("a")],
            [0x00, ...str("b")],
          ]),
        ),
      ),
      names(sub(0, [0x02, 0xc0, 0x80])),
      names(sub(0, [...str("a"), 0x00])),
      names([0x01, 0x10, 0x00]),
    ];
    for (const c of cases) {
      const m = decodeModule(mod(VOID_TYPE, twoFuncs, c));
      expect(m.names.moduleName).toBeNull();
      expect(m.names.functionNames.size).toBe(0);
    }
  });

  it("reads names written by wabt", () => {
    const m = decodeModule(wat(`(module $demo (import "m" "f" (func $imported (param $p i32))))`));
    expect(m.names.moduleName).toBe("demo");
    expect(m.names.functionNames.get(0)).toBe("imported");
  });
});

describe("the code section", () => {
  const body = (bytes: number[]) => [...leb(bytes.length), ...bytes];
  const funcs = (n: number) => section(S.function, vec(Array.from({ length: n }, () => [0x00])));

  it("rejects function and code sections of different lengths", () => {
    rejects(mod(VOID_TYPE, funcs(2)), "function and code section have inconsistent lengths");
    rejects(
      mod(section(S.code, vec([body([0x00, 0x0b])]))),
      "function and code section have inconsistent lengths",
    );
    rejects(
      mod(VOID_TYPE, funcs(2), section(S.code, vec([body([0x00, 0x0b])]))),
      "function and code section have inconsistent lengths",
    );
    rejects(
      mod(VOID_TYPE, funcs(1), section(S.code, vec([body([0x00, 0x0b]), body([0x00, 0x0b])]))),
      "function and code section have inconsistent lengths",
    );
    // Fewer bodies than functions is reported after the last section, so a repeated code
    // section is reported as such, as the spec's decoder does.
    const oneBody = section(S.code, vec([body([0x00, 0x0b])]));
    rejects(mod(VOID_TYPE, funcs(2), oneBody, oneBody), "unexpected content after last section");
    expect(decodeModule(mod(section(S.function, [0x00]))).funcs).toEqual([]);
    expect(decodeModule(mod(section(S.code, [0x00]))).codes).toEqual([]);
  });

  it("rejects unknown function types", () => {
    rejects(mod(VOID_TYPE, section(S.function, vec([[0x01]]))), "unknown type 1");
  });

  it("rejects too many locals before expanding them", () => {
    const start = performance.now();
    rejects(
      mod(
        VOID_TYPE,
        funcs(1),
        section(S.code, vec([body([0x02, ...leb(0xffffffff), I32, 0x02, 0x7e, 0x0b])])),
      ),
      "too many locals",
    );
    rejects(
      mod(
        VOID_TYPE,
        funcs(1),
        section(
          S.code,
          vec([body([0x04, ...[I32, 0x7e, 0x7d, 0x7c].flatMap((t) => [...leb(0x40000000), t]), 0x0b])]),
        ),
      ),
      "too many locals",
    );
    rejects(
      mod(VOID_TYPE, funcs(1), section(S.code, vec([body([0x01, 0x80, 0x80, 0x80, 0x80, 0x10, I32, 0x0b])]))),
      "integer too large",
    );
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("rejects a body longer than its section", () => {
    rejects(mod(VOID_TYPE, funcs(1), section(S.code, [0x01, 0x05, 0x00, 0x0b])), "length out of bounds");
  });

  it("rejects malformed local types", () => {
    rejects(
      mod(VOID_TYPE, funcs(1), section(S.code, vec([body([0x01, 0x01, 0x40, 0x0b])]))),
      "malformed value type",
    );
  });
});

describe("scaling", () => {
  it("decodes large sections in linear time", () => {
    const n = 100_000;
    /** Appends a section built by `fill` (which pushes its contents) to `out`. */
    const out: number[] = [];
    const put = (id: number, fill: (b: number[]) => void) => {
      const b: number[] = [];
      fill(b);
      out.push(id, ...leb(b.length));
      for (const x of b) out.push(x);
    };
    const name = (b: number[], i: number) => b.push(...str(`export_${i}`));
    put(S.table, (b) => b.push(0x01, FUNCREF, 0x00, ...leb(n)));
    put(S.memory, (b) => b.push(0x01, 0x00, 0x01));
    put(S.export, (b) => {
      b.push(...leb(n));
      for (let i = 0; i < n; i++) {
        name(b, i);
        b.push(0x00, 0x00);
      }
    });
    put(S.element, (b) => {
      b.push(0x01, 0x00, ...i32c(0), ...leb(n));
      for (let i = 0; i < n; i++) b.push(0x00);
    });
    put(S.data, (b) => {
      b.push(...leb(n));
      for (let i = 0; i < n; i++) b.push(0x00, ...i32c(i), 0x01, i & 0xff);
    });
    put(S.custom, (b) => {
      b.push(...str("name"));
      const map: number[] = [...leb(n)];
      for (let i = 0; i < n; i++) {
        map.push(...leb(i));
        name(map, i);
      }
      b.push(0x01, ...leb(map.length));
      for (const x of map) b.push(x);
    });
    const bytes = mod(VOID_TYPE, IMPORT_F, out);
    const start = performance.now();
    const m = decodeModule(bytes);
    const ms = performance.now() - start;
    expect(m.exports).toHaveLength(n);
    expect(m.elems[0]!.items).toHaveLength(n);
    expect(m.datas).toHaveLength(n);
    expect([...m.datas[n - 1]!.bytes]).toEqual([(n - 1) & 0xff]);
    expect(m.datas[7]!.mode).toEqual({ kind: "active", index: 0, offset: { kind: "i32.const", value: 7 } });
    expect(m.names.functionNames.get(n - 1)).toBe(`export_${n - 1}`);
    // A quadratic pass over 10^5 entries would take minutes.
    expect(ms).toBeLessThan(5000);
  });
});
