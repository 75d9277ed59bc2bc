/**
 * Lexer and parser for the s-expression syntax shared by the WebAssembly text format and the
 * `.wast` script format: parenthesised lists of atoms (keywords, ids, numbers) and strings, with
 * `;;` line comments and nestable `(; ... ;)` block comments.
 */

/** A syntax error in a script, with the 1-based line where it was found. */
export class ScriptError extends Error {
  /** 1-based line number in the script. */
  readonly line: number;
  /** The message without the line number. */
  readonly reason: string;

  constructor(reason: string, line: number) {
    super(`line ${line}: ${reason}`);
    this.name = "ScriptError";
    this.line = line;
    this.reason = reason;
  }
}

/** An atom: a keyword, `$id`, number or other reserved token, kept as its source text. */
export interface SAtom {
  readonly kind: "atom";
  readonly text: string;
  /** 1-based line of the token. */
  readonly line: number;
}

/** A string literal, with its escapes resolved to bytes (strings may hold arbitrary bytes). */
export interface SString {
  readonly kind: "string";
  readonly bytes: Uint8Array;
  readonly line: number;
}

/** A parenthesised list. `start`/`end` delimit its source text (from `(` to just past `)`). */
export interface SList {
  readonly kind: "list";
  readonly items: readonly SExpr[];
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** Any s-expression. */
export type SExpr = SAtom | SString | SList;

const utf8Encoder = new TextEncoder();

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/** True for characters that end an atom; what remains must be printable ASCII. */
function isDelimiter(c: string): boolean {
  return isSpace(c) || c === "(" || c === ")" || c === '"' || c === ";";
}

function hexValue(c: string | undefined): number {
  if (c === undefined) return -1;
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

/** Parses all top-level s-expressions of `source`; throws `ScriptError` on malformed input. */
export function parseSExprs(source: string): SExpr[] {
  return new SExprParser(source).parseAll();
}

/** A recursive-descent parser over the source text, tracking the current line. */
class SExprParser {
  private pos = 0;
  private line = 1;

  constructor(private readonly src: string) {}

  parseAll(): SExpr[] {
    const out: SExpr[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.src.length) return out;
      if (this.src[this.pos] === ")") this.fail("unexpected ')'");
      out.push(this.parseExpr());
    }
  }

  private fail(message: string, line: number = this.line): never {
    throw new ScriptError(message, line);
  }

  /** Skips whitespace and comments. */
  private skipSpace(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (c === "\n") {
        this.line++;
        this.pos++;
      } else if (isSpace(c)) {
        this.pos++;
      } else if (c === ";" && src[this.pos + 1] === ";") {
        while (this.pos < src.length && src[this.pos] !== "\n") this.pos++;
      } else if (c === "(" && src[this.pos + 1] === ";") {
        this.skipBlockComment();
      } else if (c === ";") {
        this.fail("unexpected ';'");
      } else {
        return;
      }
    }
  }

  private skipBlockComment(): void {
    const src = this.src;
    const startLine = this.line;
    let depth = 0;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (c === "(" && src[this.pos + 1] === ";") {
        depth++;
        this.pos += 2;
      } else if (c === ";" && src[this.pos + 1] === ")") {
        depth--;
        this.pos += 2;
        if (depth === 0) return;
      } else {
        if (c === "\n") this.line++;
        this.pos++;
      }
    }
    this.fail("unterminated block comment", startLine);
  }

  /** After an atom or string, the next token must be separated from it. */
  private checkSeparated(): void {
    const c = this.src[this.pos];
    if (c !== undefined && !isSpace(c) && c !== "(" && c !== ")" && c !== ";") {
      this.fail(`tokens must be separated by whitespace or parentheses (found '${c}')`);
    }
  }

  private parseExpr(): SExpr {
    const c = this.src[this.pos]!;
    if (c === "(") return this.parseList();
    if (c === '"') return this.parseString();
    return this.parseAtom();
  }

  private parseList(): SList {
    const start = this.pos;
    const line = this.line;
    this.pos++;
    const items: SExpr[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.src.length) this.fail("unclosed '('", line);
      if (this.src[this.pos] === ")") {
        this.pos++;
        return { kind: "list", items, line, start, end: this.pos };
      }
      items.push(this.parseExpr());
    }
  }

  private parseAtom(): SAtom {
    const start = this.pos;
    const src = this.src;
    while (this.pos < src.length && !isDelimiter(src[this.pos]!)) {
      const code = src.charCodeAt(this.pos);
      if (code < 0x21 || code > 0x7e) this.fail(`invalid character U+${code.toString(16).padStart(4, "0")}`);
      this.pos++;
    }
    const text = src.slice(start, this.pos);
    this.checkSeparated();
    return { kind: "atom", text, line: this.line };
  }

  private parseString(): SString {
    const line = this.line;
    const src = this.src;
    const bytes: number[] = [];
    this.pos++;
    for (;;) {
      if (this.pos >= src.length) this.fail("unterminated string", line);
      const c = src[this.pos]!;
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === "\\") {
        this.parseEscape(bytes);
        continue;
      }
      const code = src.codePointAt(this.pos)!;
      if (code < 0x20 || code === 0x7f) {
        this.fail(`control character U+${code.toString(16).padStart(4, "0")} in string`);
      }
      const len = code > 0xffff ? 2 : 1;
      for (const b of utf8Encoder.encode(src.slice(this.pos, this.pos + len))) bytes.push(b);
      this.pos += len;
    }
    this.checkSeparated();
    return { kind: "string", bytes: Uint8Array.from(bytes), line };
  }

  /** Decodes one escape sequence starting at the backslash, appending its bytes. */
  private parseEscape(out: number[]): void {
    const src = this.src;
    const e = src[this.pos + 1];
    this.pos += 2;
    switch (e) {
      case "n":
        out.push(0x0a);
        return;
      case "t":
        out.push(0x09);
        return;
      case "r":
        out.push(0x0d);
        return;
      case '"':
        out.push(0x22);
        return;
      case "'":
        out.push(0x27);
        return;
      case "\\":
        out.push(0x5c);
        return;
      case "u":
        this.parseUnicodeEscape(out);
        return;
    }
    const hi = hexValue(e);
    const lo = hexValue(src[this.pos]);
    if (hi < 0 || lo < 0) this.fail(`invalid escape sequence '\\${e ?? ""}'`);
    out.push(hi * 16 + lo);
    this.pos++;
  }

  /** `\u{hex}`: a Unicode scalar value, appended as UTF-8. */
  private parseUnicodeEscape(out: number[]): void {
    const src = this.src;
    if (src[this.pos] !== "{") this.fail("invalid escape sequence: expected '{' after '\\u'");
    this.pos++;
    let value = 0;
    let digits = 0;
    let lastUnderscore = false;
    while (src[this.pos] !== "}") {
      const c = src[this.pos];
      if (c === "_" && digits > 0 && !lastUnderscore) {
        lastUnderscore = true;
        this.pos++;
        continue;
      }
      const d = hexValue(c);
      if (d < 0) this.fail("invalid escape sequence: bad hex digit in '\\u{...}'");
      value = value * 16 + d;
      if (value > 0x10ffff) this.fail("invalid escape sequence: code point out of range");
      digits++;
      lastUnderscore = false;
      this.pos++;
    }
    if (digits === 0 || lastUnderscore) this.fail("invalid escape sequence: bad '\\u{...}'");
    if (value >= 0xd800 && value < 0xe000) this.fail("invalid escape sequence: surrogate code point");
    this.pos++;
    for (const b of utf8Encoder.encode(String.fromCodePoint(value))) out.push(b);
  }
}
