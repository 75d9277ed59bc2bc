/**
 * Bulk memory and table operations of the interpreter (the 0xFC instructions from
 * `memory.init` to `table.fill`), each bounds-checked before it writes anything.
 */
import { RuntimeError } from "../errors.js";
import { type Instance, TRAP_MEMORY_OOB } from "../runtime/instance.js";
import type { MemoryInstance } from "../runtime/memory.js";
import type { Interpreter } from "./interpreter.js";

/**
 * Runs the bulk instruction at `pc` (encoded `[op, ...results, ...args, a, b]`) in the frame at
 * `fp` of a function of `inst`; returns the position of the next instruction.
 */
export function bulk(
  it: Interpreter,
  inst: Instance,
  mem: MemoryInstance,
  code: Int32Array,
  pc: number,
  fp: number,
): number {
  const r = it.regs;
  const refs = it.refs;
  switch (code[pc] - 0xe0) {
    case 8: {
      // memory.init
      const d = r[fp + code[pc + 1]] >>> 0;
      const s = r[fp + code[pc + 2]] >>> 0;
      const n = r[fp + code[pc + 3]] >>> 0;
      const seg = inst.datas[code[pc + 4]];
      if (s + n > seg.length || d + n > mem.bytes.length) throw new RuntimeError(TRAP_MEMORY_OOB);
      mem.bytes.set(seg.subarray(s, s + n), d);
      return pc + 6;
    }
    case 9: // data.drop
      inst.dropData(code[pc + 1]);
      return pc + 3;
    case 10: {
      // memory.copy
      const d = r[fp + code[pc + 1]] >>> 0;
      const s = r[fp + code[pc + 2]] >>> 0;
      const n = r[fp + code[pc + 3]] >>> 0;
      const len = mem.bytes.length;
      if (s + n > len || d + n > len) throw new RuntimeError(TRAP_MEMORY_OOB);
      mem.bytes.copyWithin(d, s, s + n);
      return pc + 6;
    }
    case 11: {
      // memory.fill
      const d = r[fp + code[pc + 1]] >>> 0;
      const v = r[fp + code[pc + 2]] & 0xff;
      const n = r[fp + code[pc + 3]] >>> 0;
      if (d + n > mem.bytes.length) throw new RuntimeError(TRAP_MEMORY_OOB);
      mem.bytes.fill(v, d, d + n);
      return pc + 6;
    }
    case 12: // table.init
      inst.tables[code[pc + 4]].init(
        r[fp + code[pc + 1]],
        inst.elems[code[pc + 5]],
        r[fp + code[pc + 2]],
        r[fp + code[pc + 3]],
      );
      return pc + 6;
    case 13: // elem.drop
      inst.dropElem(code[pc + 1]);
      return pc + 3;
    case 14: // table.copy
      inst.tables[code[pc + 4]].copy(
        r[fp + code[pc + 1]],
        inst.tables[code[pc + 5]],
        r[fp + code[pc + 2]],
        r[fp + code[pc + 3]],
      );
      return pc + 6;
    case 15: // table.grow
      r[fp + code[pc + 1]] = inst.tables[code[pc + 4]].grow(r[fp + code[pc + 3]], refs[fp + code[pc + 2]]);
      return pc + 6;
    case 16: // table.size
      r[fp + code[pc + 1]] = inst.tables[code[pc + 2]].size;
      return pc + 4;
    case 17: // table.fill
      inst.tables[code[pc + 4]].fill(r[fp + code[pc + 1]], refs[fp + code[pc + 2]], r[fp + code[pc + 3]]);
      return pc + 6;
    default:
      throw new RuntimeError(`interpreter: bad bulk operation ${code[pc]}`);
  }
}
