import { describe, expect, it } from "vitest";
import type { CompileError } from "../../src/errors.js";
import { decodeModule, validateModule } from "../../src/frontend/index.js";
import { ValType } from "../../src/frontend/types.js";
import { compileError, mod, S, section, vec, wat } from "./decoder-helpers.js";

const I32 = ValType.I32;

/** Expects decoding `bytes` to fail with a message containing `text`. */
function rejects(bytes: Uint8Array, text: string): CompileError {
  const e = compileError(() => decodeModule(bytes));
  expect(e.message).toContain(text);
  expect(validateModule(bytes)).toBe(false);
  return e;
}

/** A type section with a single [] -> [] type. */
const VOID_TYPE = section(S.type, vec([[0x60, 0, 0]]));

describe("modules with code", () => {
  it("decodes bodies, locals and declared references", () => {
    const bytes = wat(`(module
      (type $t (func (param i32) (result i32)))
      (func $f (type $t) (local i64 i64) (local f32)
        local.get 0 i32.const 1 i32.add)
      (func $g (result funcref) ref.func $f)
      (elem declare func $f)
      (export "f" (func $f)))`);
    const m = decodeModule(bytes);
    expect(m.codes).toHaveLength(2);
    expect(m.codes[0]!.locals).toEqual([ValType.I64, ValType.I64, ValType.F32]);
    const { codeStart, codeEnd } = m.codes[0]!;
    expect([...bytes.subarray(codeStart, codeEnd)]).toEqual([0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b]);
    expect(m.names.functionNames.get(0)).toBe("f");
  });

  it("accepts a local count of zero", () => {
    const bytes = mod(
      VOID_TYPE,
      section(S.function, [0x01, 0x00]),
      section(S.code, [0x01, 0x08, 0x03, 0x00, I32, 0x00, 0x7e, 0x02, 0x7d, 0x0b]),
    );
    expect(decodeModule(bytes).codes[0]!.locals).toEqual([0x7d, 0x7d]);
  });

  it("requires the data count section for memory.init and data.drop", () => {
    const base = [VOID_TYPE, section(S.function, [0x01, 0x00]), section(S.memory, [0x01, 0x00, 0x00])];
    const code = section(S.code, vec([[0x05, 0x00, 0xfc, 0x09, 0x00, 0x0b]]));
    rejects(mod(...base, code, section(S.data, [0x01, 0x01, 0x00])), "data count section required");
    expect(() =>
      decodeModule(mod(...base, section(S.dataCount, [0x01]), code, section(S.data, [0x01, 0x01, 0x00]))),
    ).not.toThrow();
  });

  it("reports a body's errors from the function validator", () => {
    rejects(
      mod(VOID_TYPE, section(S.function, [0x01, 0x00]), section(S.code, [0x01, 0x03, 0x00, 0x41, 0x00])),
      "",
    );
    rejects(
      mod(
        VOID_TYPE,
        section(S.function, [0x01, 0x00]),
        section(S.code, [0x01, 0x04, 0x00, 0x41, 0x00, 0x0b]),
      ),
      "type mismatch",
    );
  });

  it("checks ref.func in code against declared references", () => {
    const undeclared = "(module (func $f) (func (drop (ref.func $f))))";
    rejects(wat(undeclared, false), "undeclared");
    expect(() =>
      decodeModule(wat(`(module (func $f) (func (drop (ref.func $f))) (export "f" (func $f)))`)),
    ).not.toThrow();
    expect(() =>
      decodeModule(wat(`(module (func $f) (func (drop (ref.func $f))) (global funcref (ref.func $f)))`)),
    ).not.toThrow();
  });
});
