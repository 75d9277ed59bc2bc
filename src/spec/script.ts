/**
 * The `.wast` script layer: turns the s-expressions of a spec script into typed commands
 * (module definitions, registrations, actions and assertions) with their line numbers.
 */
import { LiteralError, parseF32, parseF64, parseI32, parseI64, parseIntBits } from "./literals.js";
import { parseSExprs, ScriptError, type SExpr, type SList } from "./sexpr.js";
import type { Expected, FloatLane, NanKind, V128Value, Value } from "./values.js";

/**
 * Where a module comes from: text (the whole `(module ...)` form, as UTF-8 source), the
 * concatenated strings of `(module quote ...)`, or the bytes of `(module binary ...)`.
 */
export type ModuleSource =
  | { readonly kind: "text"; readonly text: Uint8Array }
  | { readonly kind: "quote"; readonly text: Uint8Array }
  | { readonly kind: "binary"; readonly bytes: Uint8Array };

/** A module definition: `(module $name? ...)`. */
export interface ModuleDef {
  readonly kind: "module";
  /** The `$name` the script binds it to, or null. */
  readonly name: string | null;
  readonly source: ModuleSource;
  readonly line: number;
}

/** An action on a module instance (`$name`, or the latest instance when null). */
export type Action =
  | {
      readonly kind: "invoke";
      readonly module: string | null;
      readonly name: string;
      readonly args: readonly Value[];
    }
  | { readonly kind: "get"; readonly module: string | null; readonly name: string };

/** One script command. `line` is where the command's opening parenthesis is. */
export type Command =
  | { readonly kind: "module"; readonly line: number; readonly module: ModuleDef }
  | { readonly kind: "register"; readonly line: number; readonly as: string; readonly module: string | null }
  | { readonly kind: "action"; readonly line: number; readonly action: Action }
  | {
      readonly kind: "assert_return";
      readonly line: number;
      readonly action: Action;
      readonly expected: readonly Expected[];
    }
  | {
      readonly kind: "assert_trap";
      readonly line: number;
      readonly target: Action | ModuleDef;
      readonly message: string;
    }
  | {
      readonly kind: "assert_exhaustion";
      readonly line: number;
      readonly action: Action;
      readonly message: string;
    }
  | {
      readonly kind: ModuleAssertionKind;
      readonly line: number;
      readonly module: ModuleDef;
      readonly message: string;
    };

/** The kinds of commands that take a module and an expected failure message. */
export type ModuleAssertionKind =
  | "assert_invalid"
  | "assert_malformed"
  | "assert_unlinkable"
  | "assert_uninstantiable";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** The module fields that may start an inline module (a script that is one module's fields). */
const MODULE_FIELDS = new Set([
  "type",
  "import",
  "func",
  "table",
  "memory",
  "global",
  "export",
  "start",
  "elem",
  "data",
]);

/**
 * Parses a whole script; throws `ScriptError` on a syntax error or an unknown command. A
 * script made of bare module fields (an inline module) is one `module` command.
 */
export function parseScript(source: string): Command[] {
  const exprs = parseSExprs(source);
  const first = exprs[0];
  if (first?.kind === "list" && MODULE_FIELDS.has(head(first) ?? "")) {
    const text = utf8Encoder.encode(source);
    return [
      {
        kind: "module",
        line: first.line,
        module: { kind: "module", name: null, source: { kind: "text", text }, line: first.line },
      },
    ];
  }
  return exprs.map((e) => parseCommand(e, source));
}

function fail(e: SExpr, message: string): never {
  throw new ScriptError(message, e.line);
}

function expectList(e: SExpr | undefined, parent: SExpr, what: string): SList {
  if (e === undefined || e.kind !== "list") fail(e ?? parent, `expected ${what}`);
  return e;
}

function head(e: SList): string | null {
  const h = e.items[0];
  return h !== undefined && h.kind === "atom" ? h.text : null;
}

function stringValue(e: SExpr | undefined, parent: SExpr, what: string): string {
  if (e === undefined || e.kind !== "string") fail(e ?? parent, `expected ${what} string`);
  try {
    return utf8.decode(e.bytes);
  } catch {
    fail(e, `${what} is not valid UTF-8`);
  }
}

function optionalId(items: readonly SExpr[], i: number): string | null {
  const e = items[i];
  return e !== undefined && e.kind === "atom" && e.text.startsWith("$") ? e.text : null;
}

function checkArity(e: SList, count: number): void {
  if (e.items.length > count) fail(e.items[count]!, `unexpected extra operand in '${head(e)}'`);
}

function parseCommand(e: SExpr, script: string): Command {
  if (e.kind !== "list") fail(e, "expected a command");
  const line = e.line;
  const name = head(e);
  switch (name) {
    case "module":
      return { kind: "module", line, module: parseModule(e, script) };
    case "register": {
      const as = stringValue(e.items[1], e, "registration name");
      const module = optionalId(e.items, 2);
      checkArity(e, module === null ? 2 : 3);
      return { kind: "register", line, as, module };
    }
    case "invoke":
    case "get":
      return { kind: "action", line, action: parseAction(e) };
    case "assert_return": {
      const action = parseAction(expectList(e.items[1], e, "an action"));
      const expected = e.items.slice(2).map(parseExpected);
      return { kind: "assert_return", line, action, expected };
    }
    case "assert_trap": {
      const t = expectList(e.items[1], e, "an action or module");
      const target = head(t) === "module" ? parseModule(t, script) : parseAction(t);
      checkArity(e, 3);
      return { kind: "assert_trap", line, target, message: stringValue(e.items[2], e, "failure message") };
    }
    case "assert_exhaustion": {
      const action = parseAction(expectList(e.items[1], e, "an action"));
      checkArity(e, 3);
      return {
        kind: "assert_exhaustion",
        line,
        action,
        message: stringValue(e.items[2], e, "failure message"),
      };
    }
    case "assert_invalid":
    case "assert_malformed":
    case "assert_unlinkable":
    case "assert_uninstantiable": {
      const m = expectList(e.items[1], e, "a module");
      if (head(m) !== "module") fail(m, "expected a module");
      checkArity(e, 3);
      const message = stringValue(e.items[2], e, "failure message");
      return { kind: name, line, module: parseModule(m, script), message };
    }
    default:
      return fail(e, `unknown command '${name ?? "(list)"}'`);
  }
}

function parseModule(e: SList, script: string): ModuleDef {
  const name = optionalId(e.items, 1);
  const i = name === null ? 1 : 2;
  const form = e.items[i];
  const strings = (): Uint8Array[] =>
    e.items.slice(i + 1).map((s) => {
      if (s.kind !== "string") fail(s, "expected a string");
      return s.bytes;
    });
  let source: ModuleSource;
  if (form?.kind === "atom" && form.text === "binary") {
    source = { kind: "binary", bytes: concat(strings()) };
  } else if (form?.kind === "atom" && form.text === "quote") {
    source = { kind: "quote", text: concat(strings()) };
  } else {
    source = { kind: "text", text: utf8Encoder.encode(script.slice(e.start, e.end)) };
  }
  return { kind: "module", name, source, line: e.line };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function parseAction(e: SList): Action {
  const kind = head(e);
  if (kind !== "invoke" && kind !== "get") fail(e, "expected an action (invoke or get)");
  const module = optionalId(e.items, 1);
  const i = module === null ? 1 : 2;
  const name = stringValue(e.items[i], e, "export name");
  if (kind === "get") {
    checkArity(e, i + 1);
    return { kind, module, name };
  }
  const args = e.items.slice(i + 1).map((a) => parseConst(expectList(a, e, "a constant")));
  return { kind, module, name, args };
}

/** The operands of a constant expression `(t.const x ...)`, all atoms. */
function atoms(e: SList, from: number): string[] {
  return e.items.slice(from).map((a) => {
    if (a.kind !== "atom") fail(a, "expected a literal");
    return a.text;
  });
}

/** Runs a literal parser, turning its errors into script errors at `e`. */
function literal<T>(e: SExpr, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof LiteralError) fail(e, err.message);
    throw err;
  }
}

function single(e: SList): string {
  const ops = atoms(e, 1);
  if (ops.length !== 1) fail(e, `'${head(e)}' takes exactly one operand`);
  return ops[0]!;
}

/** Parses an argument constant: `(i32.const 1)`, `(v128.const i8x16 ...)`, `(ref.null func)`, ... */
export function parseConst(e: SList): Value {
  const op = head(e);
  switch (op) {
    case "i32.const":
      return { type: "i32", value: literal(e, () => parseI32(single(e))) };
    case "i64.const": {
      const { lo, hi } = literal(e, () => parseI64(single(e)));
      return { type: "i64", lo, hi };
    }
    case "f32.const":
      return { type: "f32", bits: literal(e, () => parseF32(single(e))) };
    case "f64.const": {
      const { lo, hi } = literal(e, () => parseF64(single(e)));
      return { type: "f64", lo, hi };
    }
    case "v128.const":
      return parseV128(e);
    case "ref.null": {
      const t = single(e);
      if (t === "func") return { type: "funcref", ref: null };
      if (t === "extern") return { type: "externref", ref: null };
      return fail(e, `unknown reference type '${t}'`);
    }
    case "ref.extern": {
      const n = literal(e, () => parseIntBits(single(e), 32));
      return { type: "externref", ref: Number(n) };
    }
    default:
      return fail(e, `unknown constant '${op ?? "(list)"}'`);
  }
}

const LANES = { i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 } as const;

function shapeOf(e: SList): keyof typeof LANES {
  const shape = e.items[1];
  if (shape === undefined || shape.kind !== "atom" || !Object.hasOwn(LANES, shape.text)) {
    fail(e, "expected a v128 shape (i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2)");
  }
  const key = shape.text as keyof typeof LANES;
  if (e.items.length !== 2 + LANES[key]) fail(e, `'${key}' takes ${LANES[key]} lanes`);
  return key;
}

/** Stores lane `i` of a `v128.const` of the given shape. */
function setLane(view: DataView, shape: keyof typeof LANES, i: number, text: string): void {
  switch (shape) {
    case "i8x16":
      view.setUint8(i, Number(parseIntBits(text, 8)));
      return;
    case "i16x8":
      view.setUint16(i * 2, Number(parseIntBits(text, 16)), true);
      return;
    case "i32x4":
      view.setUint32(i * 4, Number(parseIntBits(text, 32)), true);
      return;
    case "i64x2": {
      const { lo, hi } = parseI64(text);
      view.setUint32(i * 8, lo, true);
      view.setUint32(i * 8 + 4, hi, true);
      return;
    }
    case "f32x4":
      view.setUint32(i * 4, parseF32(text), true);
      return;
    case "f64x2": {
      const { lo, hi } = parseF64(text);
      view.setUint32(i * 8, lo, true);
      view.setUint32(i * 8 + 4, hi, true);
    }
  }
}

function parseV128(e: SList): V128Value {
  const shape = shapeOf(e);
  const lanes = atoms(e, 2);
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  lanes.forEach((text, i) => {
    literal(e, () => setLane(view, shape, i, text));
  });
  return { type: "v128", bytes };
}

function nanKind(text: string): NanKind | null {
  if (text === "nan:canonical") return "canonical";
  if (text === "nan:arithmetic") return "arithmetic";
  return null;
}

/** Parses an expected result of `assert_return`: a constant, a NaN pattern, or `(ref.func)`. */
export function parseExpected(x: SExpr): Expected {
  if (x.kind !== "list") fail(x, "expected a result");
  const op = head(x);
  if (op === "ref.func" && x.items.length === 1) return { kind: "anyfunc" };
  if (op === "f32.const" || op === "f64.const") {
    const nan = nanKind(single(x));
    if (nan !== null) return { kind: "nan", type: op === "f32.const" ? "f32" : "f64", nan };
  }
  if (op === "v128.const") {
    const shape = shapeOf(x);
    const texts = atoms(x, 2);
    if ((shape === "f32x4" || shape === "f64x2") && texts.some((t) => nanKind(t) !== null)) {
      const lanes = texts.map((t): FloatLane => {
        const nan = nanKind(t);
        if (nan !== null) return { kind: "nan", nan };
        return literal(x, () =>
          shape === "f32x4" ? { kind: "bits", lo: parseF32(t), hi: 0 } : { kind: "bits", ...parseF64(t) },
        );
      });
      return { kind: "lanes", shape, lanes };
    }
  }
  return { kind: "value", value: parseConst(x) };
}
