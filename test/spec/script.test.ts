import { describe, expect, it } from "vitest";
import { type Command, type ModuleDef, parseScript } from "../../src/spec/script.js";
import { ScriptError } from "../../src/spec/sexpr.js";
import { type Expected, matches, type Value } from "../../src/spec/values.js";

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function one(src: string): Command {
  const cmds = parseScript(src);
  expect(cmds).toHaveLength(1);
  return cmds[0]!;
}

function moduleOf(c: Command): ModuleDef {
  if (c.kind === "module") return c.module;
  if (c.kind === "assert_trap" && c.target.kind === "module") return c.target;
  if ("module" in c && typeof c.module === "object" && c.module !== null) return c.module;
  throw new Error(`no module in ${c.kind}`);
}

function expectedOf(src: string): Expected[] {
  const c = one(`(assert_return (invoke "f") ${src})`);
  if (c.kind !== "assert_return") throw new Error("not assert_return");
  return [...c.expected];
}

function argsOf(src: string): Value[] {
  const c = one(`(invoke "f" ${src})`);
  if (c.kind !== "action" || c.action.kind !== "invoke") throw new Error("not invoke");
  return [...c.action.args];
}

function scriptError(src: string): ScriptError {
  try {
    parseScript(src);
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
  throw new Error(`parsed: ${src}`);
}

describe("script commands", () => {
  it("keeps the exact source of text modules, with their line", () => {
    const src = ';; x\n(module $M\n  (func (export "f")) ;; é\n)\n(module)';
    const [a, b] = parseScript(src);
    const m = moduleOf(a!);
    expect(m.name).toBe("$M");
    expect(m.line).toBe(2);
    expect(m.source.kind).toBe("text");
    if (m.source.kind !== "text") return;
    expect(text(m.source.text)).toBe('(module $M\n  (func (export "f")) ;; é\n)');
    expect(moduleOf(b!).name).toBeNull();
  });

  it("decodes binary modules and concatenates quoted ones", () => {
    const bin = moduleOf(one('(module binary "\\00asm" "\\01\\00\\00\\00")'));
    expect(bin.source).toEqual({ kind: "binary", bytes: Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0) });
    const named = moduleOf(one('(module $B binary "\\00asm\\01\\00\\00\\00")'));
    expect(named.name).toBe("$B");
    expect(named.source.kind).toBe("binary");
    const quoted = moduleOf(one('(module quote "(func" " (result i32))")'));
    expect(quoted.source.kind).toBe("quote");
    if (quoted.source.kind === "quote") expect(text(quoted.source.text)).toBe("(func (result i32))");
  });

  it("treats a script of bare module fields as one inline module", () => {
    const [c] = parseScript('(func) (memory 0) (func (export "f"))');
    const m = moduleOf(c!);
    if (m.source.kind !== "text") throw new Error("expected text");
    expect(text(m.source.text)).toBe('(func) (memory 0) (func (export "f"))');
  });

  it("parses register, invoke and get", () => {
    expect(one('(register "M" $M)')).toEqual({ kind: "register", line: 1, as: "M", module: "$M" });
    expect(one('(register "spectest2")')).toEqual({
      kind: "register",
      line: 1,
      as: "spectest2",
      module: null,
    });
    expect(one('(get $G "g")')).toEqual({
      kind: "action",
      line: 1,
      action: { kind: "get", module: "$G", name: "g" },
    });
    const inv = one('(invoke "add" (i32.const 1) (i64.const -1))');
    expect(inv).toEqual({
      kind: "action",
      line: 1,
      action: {
        kind: "invoke",
        module: null,
        name: "add",
        args: [
          { type: "i32", value: 1 },
          { type: "i64", lo: 0xffffffff, hi: 0xffffffff },
        ],
      },
    });
    const named = one('(invoke $M "\\u{00e9}\\41")');
    if (named.kind !== "action") throw new Error("not an action");
    expect(named.action).toMatchObject({ module: "$M", name: "éA" });
  });

  it("parses assertions with their messages and lines", () => {
    const [t, m, e, i, mal, u, un] = parseScript(
      [
        '(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")',
        '(assert_trap (module (func $f unreachable) (start $f)) "unreachable")',
        '(assert_exhaustion (invoke "loop") "call stack exhausted")',
        '(assert_invalid (module (func (result i32))) "type mismatch")',
        '(assert_malformed (module quote "(i32.const)") "unexpected token")',
        '(assert_unlinkable (module (import "m" "f" (func))) "unknown import")',
        '(assert_uninstantiable (module binary "") "unreachable")',
      ].join("\n"),
    );
    expect(t).toMatchObject({
      kind: "assert_trap",
      line: 1,
      message: "integer divide by zero",
      target: { kind: "invoke" },
    });
    expect(m).toMatchObject({
      kind: "assert_trap",
      line: 2,
      message: "unreachable",
      target: { kind: "module" },
    });
    expect(e).toMatchObject({ kind: "assert_exhaustion", line: 3, message: "call stack exhausted" });
    expect(i).toMatchObject({ kind: "assert_invalid", line: 4, message: "type mismatch" });
    expect(moduleOf(i!).source.kind).toBe("text");
    expect(mal).toMatchObject({ kind: "assert_malformed", line: 5 });
    expect(moduleOf(mal!).source.kind).toBe("quote");
    expect(u).toMatchObject({ kind: "assert_unlinkable", line: 6, message: "unknown import" });
    expect(un).toMatchObject({ kind: "assert_uninstantiable", line: 7 });
    expect(moduleOf(un!).source).toEqual({ kind: "binary", bytes: new Uint8Array(0) });
  });

  it("parses argument constants of every type", () => {
    expect(argsOf("(f32.const -0x1p-149) (f64.const nan:0x1)")).toEqual([
      { type: "f32", bits: 0x80000001 },
      { type: "f64", lo: 1, hi: 0x7ff00000 },
    ]);
    expect(argsOf("(ref.null func) (ref.null extern) (ref.extern 42)")).toEqual([
      { type: "funcref", ref: null },
      { type: "externref", ref: null },
      { type: "externref", ref: 42 },
    ]);
    const [v] = argsOf("(v128.const i16x8 1 -1 0x8000 2 3 4 5 0xffff)");
    expect(v).toEqual({
      type: "v128",
      bytes: Uint8Array.of(1, 0, 0xff, 0xff, 0, 0x80, 2, 0, 3, 0, 4, 0, 5, 0, 0xff, 0xff),
    });
    const [w] = argsOf("(v128.const i64x2 -1 0x0102030405060708)");
    expect(w).toEqual({
      type: "v128",
      bytes: Uint8Array.of(255, 255, 255, 255, 255, 255, 255, 255, 8, 7, 6, 5, 4, 3, 2, 1),
    });
    const [f] = argsOf("(v128.const f32x4 1 -0 inf nan:0x1)");
    expect(f).toEqual({
      type: "v128",
      bytes: Uint8Array.of(0, 0, 0x80, 0x3f, 0, 0, 0, 0x80, 0, 0, 0x80, 0x7f, 1, 0, 0x80, 0x7f),
    });
    const [d] = argsOf("(v128.const f64x2 0x1p0 -0x1p-1074)");
    expect(d).toEqual({
      type: "v128",
      bytes: Uint8Array.of(0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 1, 0, 0, 0, 0, 0, 0, 0x80),
    });
    const [b] = argsOf("(v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 -128 255)");
    expect(b?.type === "v128" && Array.from(b.bytes).slice(13)).toEqual([13, 0x80, 0xff]);
  });

  it("parses result patterns and matches values against them", () => {
    const [canon, arith] = expectedOf("(f32.const nan:canonical) (f64.const nan:arithmetic)");
    expect(canon).toEqual({ kind: "nan", type: "f32", nan: "canonical" });
    expect(arith).toEqual({ kind: "nan", type: "f64", nan: "arithmetic" });
    expect(matches(canon!, { type: "f32", bits: 0xffc00000 })).toBe(true);
    expect(matches(canon!, { type: "f32", bits: 0x7fc00001 })).toBe(false);
    expect(matches(canon!, { type: "f64", lo: 0, hi: 0x7ff80000 })).toBe(false);
    expect(matches(arith!, { type: "f64", lo: 5, hi: 0xfff80000 })).toBe(true);
    expect(matches(arith!, { type: "f64", lo: 5, hi: 0x7ff00000 })).toBe(false);

    const [exact] = expectedOf("(f32.const nan:0x200000)");
    expect(matches(exact!, { type: "f32", bits: 0x7fa00000 })).toBe(true);
    expect(matches(exact!, { type: "f32", bits: 0x7fc00000 })).toBe(false);

    const [lanes] = expectedOf("(v128.const f32x4 nan:canonical 1 nan:arithmetic -0)");
    expect(lanes).toMatchObject({ kind: "lanes", shape: "f32x4" });
    const good = Uint8Array.of(0, 0, 0xc0, 0xff, 0, 0, 0x80, 0x3f, 1, 0, 0xc0, 0x7f, 0, 0, 0, 0x80);
    expect(matches(lanes!, { type: "v128", bytes: good })).toBe(true);
    const bad = good.slice();
    bad[8] = 0;
    bad[10] = 0x80;
    expect(matches(lanes!, { type: "v128", bytes: bad })).toBe(false);

    const [lanes64] = expectedOf("(v128.const f64x2 2 nan:canonical)");
    const v = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f);
    expect(matches(lanes64!, { type: "v128", bytes: v })).toBe(true);

    const [plainV128] = expectedOf("(v128.const i32x4 1 2 3 4)");
    expect(plainV128).toMatchObject({ kind: "value", value: { type: "v128" } });

    const [anyFunc, nullFunc, ext] = expectedOf("(ref.func) (ref.null func) (ref.extern 3)");
    expect(anyFunc).toEqual({ kind: "anyfunc" });
    expect(matches(anyFunc!, { type: "funcref", ref: {} })).toBe(true);
    expect(matches(anyFunc!, { type: "funcref", ref: null })).toBe(false);
    expect(matches(nullFunc!, { type: "funcref", ref: null })).toBe(true);
    expect(matches(ext!, { type: "externref", ref: 3 })).toBe(true);
    expect(matches(ext!, { type: "externref", ref: 4 })).toBe(false);

    const [i32] = expectedOf("(i32.const 0xffffffff)");
    expect(matches(i32!, { type: "i32", value: -1 })).toBe(true);
    expect(matches(i32!, { type: "i64", lo: 0xffffffff, hi: 0 })).toBe(false);
  });

  it("reports malformed commands with their line", () => {
    expect(scriptError("\n(bogus)").line).toBe(2);
    expect(scriptError("(bogus)").message).toMatch(/unknown command 'bogus'/);
    expect(scriptError('(invoke "f"\n (i32.const 0x1_0000_0000))').message).toMatch(
      /line 2: constant out of range/,
    );
    expect(scriptError('(invoke "f" (i32.const 1 2))').message).toMatch(/exactly one operand/);
    expect(scriptError('(invoke "f" (f128.const 1))').message).toMatch(/unknown constant/);
    expect(scriptError('(invoke "f" (v128.const i32x4 1 2 3))').message).toMatch(/takes 4 lanes/);
    expect(scriptError('(invoke "f" (v128.const i32x5 1 2 3 4 5))').message).toMatch(/v128 shape/);
    expect(scriptError('(invoke "f" (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0))').message).toMatch(
      /out of range/,
    );
    expect(scriptError('(assert_return (invoke "\\ff"))').message).toMatch(/not valid UTF-8/);
    expect(scriptError('(assert_trap (invoke "f"))').message).toMatch(/failure message/);
    expect(scriptError('(assert_invalid (invoke "f") "x")').message).toMatch(/expected a module/);
    expect(scriptError('(register "a" $M extra)').message).toMatch(/extra operand/);
    expect(scriptError('(module binary "\\00" foo)').message).toMatch(/expected a string/);
    expect(scriptError("(assert_return (get))").message).toMatch(/export name/);
    expect(scriptError('(invoke "f" (ref.null any))').message).toMatch(/unknown reference type/);
  });
});
