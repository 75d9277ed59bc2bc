/**
 * Constant expressions (global initialisers, segment offsets, element items), decoded and
 * validated as in Wasm 2.0: a sequence of constant instructions (`t.const`, `ref.null t`,
 * `ref.func x`, `global.get x` of an imported immutable global) ended by `end`, leaving exactly
 * one value of the expected type.
 */
import { type DecodeState, hex, readRefType } from "./decode-state.js";
import { type ConstExpr, type ValType, ValType as VT, valTypeName } from "./types.js";

/** `v128.const` after the 0xFD prefix. */
const V128_CONST = 12;

/** True when `op` starts some Wasm 2.0 instruction (so a non-constant one is not an illegal opcode). */
function isInstructionOpcode(op: number): boolean {
  return (
    op <= 0x05 ||
    (op >= 0x0b && op <= 0x11) ||
    (op >= 0x1a && op <= 0x1c) ||
    (op >= 0x20 && op <= 0x26) ||
    (op >= 0x28 && op <= 0xc4) ||
    (op >= 0xd0 && op <= 0xd2) ||
    op === 0xfc ||
    op === 0xfd
  );
}

/**
 * Reads a constant expression up to and including its `end`, checks it yields one value of type
 * `expected`, and records the functions it names in `st.declaredFuncRefs`. `owner` and `index`
 * name the expression in error messages (for example "offset of data segment" and 3); they are
 * only formatted on failure, so decoding allocates no message strings.
 */
export function readConstExpr(st: DecodeState, expected: ValType, owner: string, index: number): ConstExpr {
  const r = st.r;
  const m = st.m;
  const start = r.pos;
  let result: ConstExpr | null = null;
  let type: ValType = expected;
  let count = 0;
  for (;;) {
    const pos = r.pos;
    const op = r.u8();
    switch (op) {
      case 0x0b:
        if (count !== 1 || result === null) {
          return r.fail(
            `type mismatch: ${owner} ${index} must produce one ${valTypeName(expected)}, got ${count} values`,
            start,
          );
        }
        if (type !== expected) {
          return r.fail(
            `type mismatch: ${owner} ${index} must produce ${valTypeName(expected)}, got ${valTypeName(type)}`,
            start,
          );
        }
        return result;
      case 0x41:
        result = { kind: "i32.const", value: r.s32() };
        type = VT.I32;
        break;
      case 0x42: {
        const lo = r.s64();
        result = { kind: "i64.const", lo, hi: r.hi64 };
        type = VT.I64;
        break;
      }
      case 0x43:
        result = { kind: "f32.const", bits: r.fixed32() };
        type = VT.F32;
        break;
      case 0x44: {
        const lo = r.fixed64();
        result = { kind: "f64.const", lo, hi: r.hi64 };
        type = VT.F64;
        break;
      }
      case 0xd0: {
        const refType = readRefType(r);
        result = { kind: "ref.null", type: refType };
        type = refType;
        break;
      }
      case 0xd2: {
        const funcIndex = r.u32();
        if (funcIndex >= m.funcs.length) r.fail(`unknown function ${funcIndex} in ${owner} ${index}`, pos);
        st.declaredFuncRefs.add(funcIndex);
        result = { kind: "ref.func", funcIndex };
        type = VT.FuncRef;
        break;
      }
      case 0x23: {
        const globalIndex = r.u32();
        // Wasm 2.0: constant expressions may only read imported globals.
        if (globalIndex >= m.numImportedGlobals)
          r.fail(`unknown global ${globalIndex} in ${owner} ${index}`, pos);
        const g = m.globalTypes[globalIndex]!;
        if (g.mutable) {
          r.fail(
            `constant expression required: global.get of mutable global ${globalIndex} in ${owner} ${index}`,
            pos,
          );
        }
        result = { kind: "global.get", globalIndex };
        type = g.type;
        break;
      }
      case 0xfd: {
        const sub = r.u32();
        if (sub !== V128_CONST) r.fail(`constant expression required: 0xfd ${sub} in ${owner} ${index}`, pos);
        result = { kind: "v128.const", bytes: r.take(16) };
        type = VT.V128;
        break;
      }
      default:
        if (isInstructionOpcode(op))
          r.fail(`constant expression required: opcode ${hex(op)} in ${owner} ${index}`, pos);
        r.fail(`illegal opcode ${hex(op)} in ${owner} ${index}`, pos);
    }
    count++;
  }
}
