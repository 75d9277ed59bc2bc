/**
 * The `spectest` host module that the official spec scripts import: print functions, four
 * constant globals, a funcref table of 10..20 elements and a memory of 1..2 pages.
 */
import { type FuncType, ValType } from "../frontend/types.js";
import { HostFunction } from "./function.js";
import { GlobalInstance } from "./global.js";
import type { ExternVal } from "./link.js";
import { MemoryInstance } from "./memory.js";
import { TableInstance } from "./table.js";
import { f32Bits, f64Bits } from "./values.js";

function sig(params: ValType[]): FuncType {
  return { params, results: [] };
}

/**
 * Creates a fresh `spectest` module's exports. Each print function passes its arguments,
 * formatted as text, to `print` (which discards them by default).
 */
export function createSpectest(print: (line: string) => void = () => {}): Map<string, ExternVal> {
  const { I32, I64, F32, F64 } = ValType;
  const printer = (name: string, params: ValType[]) =>
    new HostFunction(sig(params), (...args: unknown[]) => print(args.map(String).join(" ")), name);
  const [f64lo, f64hi] = f64Bits(666.6);
  return new Map<string, ExternVal>([
    ["print", printer("print", [])],
    ["print_i32", printer("print_i32", [I32])],
    ["print_i64", printer("print_i64", [I64])],
    ["print_f32", printer("print_f32", [F32])],
    ["print_f64", printer("print_f64", [F64])],
    ["print_i32_f32", printer("print_i32_f32", [I32, F32])],
    ["print_f64_f64", printer("print_f64_f64", [F64, F64])],
    ["global_i32", new GlobalInstance({ type: I32, mutable: false }, { type: "i32", value: 666 })],
    ["global_i64", new GlobalInstance({ type: I64, mutable: false }, { type: "i64", lo: 666, hi: 0 })],
    ["global_f32", new GlobalInstance({ type: F32, mutable: false }, { type: "f32", bits: f32Bits(666.6) })],
    ["global_f64", new GlobalInstance({ type: F64, mutable: false }, { type: "f64", lo: f64lo, hi: f64hi })],
    ["table", new TableInstance({ elem: ValType.FuncRef, limits: { min: 10, max: 20 } })],
    ["memory", new MemoryInstance({ limits: { min: 1, max: 2 } })],
  ]);
}
