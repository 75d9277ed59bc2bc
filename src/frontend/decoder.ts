/**
 * The module decoder: reads a whole Wasm 2.0 binary module and validates it in one pass over
 * its bytes, section by section, calling the function validator on each body as the code
 * section is read. Every failure is a `CompileError` naming the section, what was expected and
 * the byte offset.
 */
import { CompileError } from "../errors.js";
import { decodeCodeSection } from "./code.js";
import { type DecodeState, type FuncVisitorFactory, newModuleBuilder } from "./decode-state.js";
import { parseNameSection } from "./names.js";
import { Reader } from "./reader.js";
import {
  decodeDataCountSection,
  decodeExportSection,
  decodeFunctionSection,
  decodeGlobalSection,
  decodeImportSection,
  decodeMemorySection,
  decodeStartSection,
  decodeTableSection,
  decodeTypeSection,
} from "./sections.js";
import { decodeDataSection, decodeElementSection } from "./segments.js";
import type { Module } from "./types.js";

/** Section ids. */
const CUSTOM = 0;
const CODE = 10;
const DATA = 11;
const DATA_COUNT = 12;

/** Name of each section id, for error messages. */
const SECTION_NAMES = [
  "custom section",
  "type section",
  "import section",
  "function section",
  "table section",
  "memory section",
  "global section",
  "export section",
  "start section",
  "element section",
  "code section",
  "data section",
  "data count section",
];

/** Position of each non-custom section id in the required order (data count sits before code). */
const SECTION_RANK = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

/** The decoder of each non-custom section id (custom sections are handled apart). */
const DECODERS: readonly (((st: DecodeState) => void) | null)[] = [
  null,
  decodeTypeSection,
  decodeImportSection,
  decodeFunctionSection,
  decodeTableSection,
  decodeMemorySection,
  decodeGlobalSection,
  decodeExportSection,
  decodeStartSection,
  decodeElementSection,
  decodeCodeSection,
  decodeDataSection,
  decodeDataCountSection,
];

/** `\0asm` */
const MAGIC = [0x00, 0x61, 0x73, 0x6d];
/** Binary format version 1. */
const VERSION = [0x01, 0x00, 0x00, 0x00];

/** Checks the 8-byte preamble: magic number then version. */
function readPreamble(r: Reader): void {
  const b = r.bytes;
  if (b.length < 4) r.fail(`unexpected end: a module starts with 8 bytes, got ${b.length}`, 0);
  for (let i = 0; i < 4; i++) {
    if (b[i] !== MAGIC[i]) r.fail("magic header not detected: expected \\0asm", 0);
  }
  if (b.length < 8) r.fail(`unexpected end: a module starts with 8 bytes, got ${b.length}`, 4);
  for (let i = 0; i < 4; i++) {
    if (b[4 + i] !== VERSION[i]) r.fail("unknown binary version: expected 1", 4);
  }
  r.pos = 8;
}

/** Reads a custom section's name and contents: the `name` section is parsed, others are kept. */
function decodeCustomSection(st: DecodeState, sectionEnd: number): void {
  const r = st.r;
  const name = r.name();
  const start = r.pos;
  r.pos = sectionEnd;
  if (name === "name" && !st.sawNames) {
    st.sawNames = true;
    const names = parseNameSection(r.bytes, start, sectionEnd);
    if (names !== null) st.m.names = names;
  } else {
    st.m.customSections.push({ name, bytes: r.bytes.subarray(start, sectionEnd) });
  }
}

/**
 * Decodes and validates a Wasm 2.0 module. The returned module keeps views into `bytes`
 * (function bodies, data segments, custom sections), so `bytes` must not change afterwards.
 * Throws `CompileError` when the module is malformed or invalid. `visitorFor`, when given, supplies
 * a `FuncVisitor` (such as the IR lowering) for each function body, run in the same pass as its
 * validation.
 */
export function decodeModule(bytes: Uint8Array, visitorFor?: FuncVisitorFactory): Module {
  const r = new Reader(bytes);
  const st: DecodeState = {
    r,
    m: newModuleBuilder(bytes),
    declaredFuncRefs: new Set(),
    numDefinedFuncs: 0,
    sawCode: false,
    sawNames: false,
    visitorFor,
  };
  readPreamble(r);
  const fileEnd = bytes.length;
  let lastRank = 0;
  while (r.pos < fileEnd) {
    r.context = "module";
    const idPos = r.pos;
    const id = r.u8();
    if (id > DATA_COUNT) r.fail(`malformed section id ${id}`, idPos);
    r.context = SECTION_NAMES[id]!;
    const sizePos = r.pos;
    const size = r.u32();
    if (size > fileEnd - r.pos) {
      r.fail(
        `length out of bounds: section of ${size} bytes, ${fileEnd - r.pos} left in the module`,
        sizePos,
      );
    }
    const sectionEnd = r.pos + size;
    r.end = sectionEnd;
    if (id === CUSTOM) decodeCustomSection(st, sectionEnd);
    else {
      const rank = SECTION_RANK[id]!;
      if (rank <= lastRank) {
        r.fail(`unexpected content after last section: ${SECTION_NAMES[id]} out of order or repeated`, idPos);
      }
      lastRank = rank;
      DECODERS[id]!(st);
      if (id === CODE) st.sawCode = true;
    }
    if (r.pos !== sectionEnd) {
      r.fail(
        `section size mismatch: contents end ${sectionEnd - r.pos} bytes before the declared size`,
        r.pos,
      );
    }
    r.end = fileEnd;
  }
  r.context = "module";
  const m = st.m;
  if (m.codes.length !== st.numDefinedFuncs) {
    const bodies = st.sawCode ? `${m.codes.length} bodies` : "no code section";
    r.fail(
      `function and code section have inconsistent lengths (${st.numDefinedFuncs} functions, ${bodies})`,
      fileEnd,
    );
  }
  if (lastRank < SECTION_RANK[DATA]! && m.dataCount !== null && m.dataCount !== 0) {
    r.fail(
      `data count and data section have inconsistent lengths (${m.dataCount} and no data section)`,
      fileEnd,
    );
  }
  return m;
}

/** True when `bytes` is a valid Wasm 2.0 module (`decodeModule` would succeed). */
export function validateModule(bytes: Uint8Array): boolean {
  try {
    decodeModule(bytes);
    return true;
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
}
