import { describe, expect, it } from "vitest";
import { parseSExprs, ScriptError, type SExpr } from "../../src/spec/sexpr.js";

/** A compact rendering: atoms as text, strings as "bytes-in-hex", lists in brackets. */
function show(e: SExpr): string {
  if (e.kind === "atom") return e.text;
  if (e.kind === "string") return `"${Buffer.from(e.bytes).toString("hex")}"`;
  return `[${e.items.map(show).join(" ")}]`;
}

function parse(src: string): string {
  return parseSExprs(src).map(show).join(" ");
}

function stringBytes(src: string): number[] {
  const [e] = parseSExprs(src);
  if (e?.kind !== "string") throw new Error("not a string");
  return Array.from(e.bytes);
}

function errorOf(src: string): ScriptError {
  try {
    parseSExprs(src);
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
  throw new Error(`parsed: ${src}`);
}

describe("s-expression parser", () => {
  it("parses nested lists and atoms", () => {
    expect(parse("(module (func $f (param i32) (result i32) local.get 0))")).toBe(
      "[module [func $f [param i32] [result i32] local.get 0]]",
    );
    expect(parse("a b\tc\r\n(d)")).toBe("a b c [d]");
    expect(parse("()")).toBe("[]");
  });

  it("skips line comments and nested block comments", () => {
    expect(parse(";; comment (not a list\n(a ;; x)\n b)")).toBe("[a b]");
    expect(parse("(a (; block (; nested ;) still comment ;) b)")).toBe("[a b]");
    expect(parse("(a(;c;)b)")).toBe("[a b]");
    expect(parse("(;;)x")).toBe("x");
    expect(parse("(; \u0000 control \u0007 chars ;) y")).toBe("y");
  });

  it("records lines and source spans", () => {
    const src = ';; header\n\n(module\n  (func))\n(assert_invalid\n (module) "x")';
    const [m, a] = parseSExprs(src);
    expect(m?.line).toBe(3);
    expect(a?.line).toBe(5);
    if (m?.kind !== "list" || a?.kind !== "list") throw new Error("expected lists");
    expect(src.slice(m.start, m.end)).toBe("(module\n  (func))");
    expect(a.items[1]?.line).toBe(6);
    expect(parseSExprs('(;\n\n;)\n"s"')[0]?.line).toBe(4);
  });

  it("decodes every string escape", () => {
    expect(stringBytes(String.raw`"\n\t\r\\\'\""`)).toEqual([0x0a, 0x09, 0x0d, 0x5c, 0x27, 0x22]);
    expect(stringBytes(String.raw`"\00\ff\7F\aB"`)).toEqual([0x00, 0xff, 0x7f, 0xab]);
    expect(stringBytes(String.raw`"\u{41}\u{e9}\u{20ac}\u{1F600}"`)).toEqual([
      0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80,
    ]);
    expect(stringBytes(String.raw`"\u{10_FFFF}"`)).toEqual([0xf4, 0x8f, 0xbf, 0xbf]);
    expect(stringBytes('"héllo"')).toEqual([0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f]);
    expect(stringBytes('""')).toEqual([]);
    expect(parse('(data "a;;b(;c;)")')).toBe('[data "613b3b62283b633b29"]');
  });

  it("rejects malformed strings and escapes", () => {
    expect(errorOf(String.raw`"\x41"`).message).toMatch(/invalid escape/);
    expect(errorOf(String.raw`"\4"`).message).toMatch(/invalid escape/);
    expect(errorOf(String.raw`"\u{}"`).message).toMatch(/invalid escape/);
    expect(errorOf(String.raw`"\u{d800}"`).message).toMatch(/surrogate/);
    expect(errorOf(String.raw`"\u{110000}"`).message).toMatch(/out of range/);
    expect(errorOf(String.raw`"\u41"`).message).toMatch(/expected '\{'/);
    expect(errorOf('"tab\there"').message).toMatch(/control character/);
    expect(errorOf('(a\n"open').line).toBe(2);
  });

  it("rejects unbalanced input and unseparated tokens", () => {
    expect(errorOf("(a (b)").message).toMatch(/unclosed/);
    expect(errorOf("a)").message).toMatch(/unexpected '\)'/);
    expect(errorOf("(a (; x").message).toMatch(/unterminated block comment/);
    expect(errorOf('(a "s"b)').message).toMatch(/separated/);
    expect(errorOf('(a b"s")').message).toMatch(/separated/);
    expect(errorOf("(a ; b)").message).toMatch(/unexpected ';'/);
    expect(errorOf("(a é)").message).toMatch(/invalid character/);
  });
});
