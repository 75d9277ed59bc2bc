/**
 * The interpreter's dispatch loop: one `switch` over the encoded operations (see `ops.ts`, whose
 * numbers appear here as literals so V8 builds a jump table). Its `default` case hands SIMD
 * (`simd.ts`), bulk memory and table (`bulk.ts`) and the rarer numeric operations
 * (`exec-numeric.ts`) to functions of their own. Wasm-to-wasm calls and returns
 * switch frames on the explicit frame stack of the `Interpreter` without JS recursion.
 *
 * Register conventions: slot `s` of the current frame is `r[fp + s]`; an f32 is read through
 * `f32[fp + s]`, an f64 through `f64[(fp + s) >> 1]` (2-slot values are aligned); i64 values are
 * (lo, hi) in consecutive slots. Raw bit copies (moves, loads, stores, reinterpretations, `neg`,
 * `abs`, `copysign`) never go through a JS double, so NaN payloads survive them.
 *
 * Every case leaves `pc` on its instruction until it can no longer trap, so a trap's stack trace
 * points at the trapping instruction.
 */
import { RuntimeError, StackExhaustedError } from "../errors.js";
import type { FunctionInstance } from "../runtime/function.js";
import { type Instance, TRAP_MEMORY_OOB } from "../runtime/instance.js";
import { MemoryInstance } from "../runtime/memory.js";
import { ret } from "../semantics/common.js";
import { f32DemoteF64, f64PromoteF32 } from "../semantics/convert.js";
import { f64Max, f64Min } from "../semantics/float.js";
import { i32Ctz, i32DivS, i32DivU, i32Popcnt, i32RemS, i32RemU, i32Rotl, i32Rotr } from "../semantics/i32.js";
import {
  i64GeS,
  i64GeU,
  i64GtS,
  i64GtU,
  i64LeS,
  i64LeU,
  i64LtS,
  i64LtU,
  i64Mul,
  i64Shl,
  i64ShrS,
  i64ShrU,
} from "../semantics/i64.js";
import { bulk } from "./bulk.js";
import { numeric } from "./exec-numeric.js";
import type { Interpreter, Prepared } from "./interpreter.js";
import { simd } from "./simd.js";

/** The memory of an instance without one (validation keeps code from touching it). */
const NO_MEMORY = new MemoryInstance({ limits: { min: 0, max: 0 } });

function oob(): RuntimeError {
  return new RuntimeError(TRAP_MEMORY_OOB);
}

/**
 * Runs `start` with its frame at `startFp` until it returns to the entry trampoline saved just
 * below it on the frame stack (which halts the loop with the results in its frame).
 */
export function run(it: Interpreter, start: Prepared, startFp: number): void {
  let cur = start;
  let code = cur.code;
  let pc = 0;
  let fp = startFp;
  const base = it.depth;
  let depth = base;
  let r = it.regs;
  let f32 = it.f32;
  let f64 = it.f64;
  let refs = it.refs;
  let inst = cur.instance as Instance;
  let funcs = inst.funcs;
  let globals = inst.globals;
  let mem = inst.memories.length > 0 ? inst.memories[0] : NO_MEMORY;
  let dv = mem.view;
  let memLen = dv.byteLength;
  let budget = it.interruptInterval;
  const frames = it.frames;
  const framePc = it.framePc;
  const frameFp = it.frameFp;
  const maxDepth = it.maxDepth;
  try {
    for (;;) {
      switch (code[pc]) {
        case 0x00: // unreachable
          throw new RuntimeError("unreachable");
        case 0x02: // mov1
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]];
          pc += 3;
          break;
        case 0x03: {
          // mov2
          const d = fp + code[pc + 1];
          const a = fp + code[pc + 2];
          r[d] = r[a];
          r[d + 1] = r[a + 1];
          pc += 3;
          break;
        }
        case 0x04: {
          // mov4
          const d = fp + code[pc + 1];
          const a = fp + code[pc + 2];
          r[d] = r[a];
          r[d + 1] = r[a + 1];
          r[d + 2] = r[a + 2];
          r[d + 3] = r[a + 3];
          pc += 3;
          break;
        }
        case 0x05: // movref
          refs[fp + code[pc + 1]] = refs[fp + code[pc + 2]];
          pc += 3;
          break;
        case 0x06: {
          // jmp
          const t = code[pc + 1];
          if (t <= pc && --budget === 0) budget = it.interruptPoll();
          pc = t;
          break;
        }
        case 0x07: // br_nz
          if (r[fp + code[pc + 1]] !== 0) {
            const t = code[pc + 2];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 3;
          break;
        case 0x08: // br_z
          if (r[fp + code[pc + 1]] === 0) {
            const t = code[pc + 2];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 3;
          break;
        case 0x09: // halt
          it.depth = depth;
          return;
        case 0x0e: {
          // br_table
          const n = code[pc + 2];
          const i = r[fp + code[pc + 1]] >>> 0;
          const t = code[pc + 3 + Math.min(i, n)];
          if (t <= pc && --budget === 0) budget = it.interruptPoll();
          pc = t;
          break;
        }
        case 0x0f: {
          // return
          const n = code[pc + 1];
          depth--;
          const caller = frames[depth];
          const rpc = framePc[depth];
          const cfp = frameFp[depth];
          const ccode = caller.code;
          for (let k = 0; k < n; k++) {
            const s = fp + code[pc + 2 + k];
            const d = cfp + ccode[rpc + 1 + 2 * k];
            switch (ccode[rpc + 2 + 2 * k]) {
              case 1:
                r[d] = r[s];
                break;
              case 2:
                r[d] = r[s];
                r[d + 1] = r[s + 1];
                break;
              case 4:
                r[d] = r[s];
                r[d + 1] = r[s + 1];
                r[d + 2] = r[s + 2];
                r[d + 3] = r[s + 3];
                break;
              default:
                refs[d] = refs[s];
            }
          }
          cur = caller;
          code = ccode;
          pc = rpc + 1 + 2 * n;
          fp = cfp;
          if (caller.instance !== inst && caller.instance !== null) {
            inst = caller.instance;
            funcs = inst.funcs;
            globals = inst.globals;
            mem = inst.memories.length > 0 ? inst.memories[0] : NO_MEMORY;
            dv = mem.view;
            memLen = dv.byteLength;
          }
          break;
        }
        case 0x10: // call
        case 0x11: {
          // call_indirect
          let callee: FunctionInstance;
          let at: number;
          if (code[pc] === 0x10) {
            callee = funcs[code[pc + 1]];
            at = pc + 2;
          } else {
            const table = inst.tables[code[pc + 2]].elements;
            const i = r[fp + code[pc + 3]] >>> 0;
            if (i >= table.length) throw new RuntimeError("undefined element");
            const f = table[i] as FunctionInstance | null;
            if (f === null) throw new RuntimeError(`uninitialized element ${i}`);
            if (f.typeId !== code[pc + 1]) throw new RuntimeError("indirect call type mismatch");
            callee = f;
            at = pc + 4;
          }
          if (--budget === 0) budget = it.interruptPoll();
          if (callee.kind === "wasm" && callee.instance.executor === it) {
            const p = it.prepare(callee);
            const nfp = fp + cur.frameSize;
            if (depth >= maxDepth) throw new StackExhaustedError();
            if (nfp + p.frameSize > r.length) {
              it.ensureSlots(nfp + p.frameSize);
              r = it.regs;
              f32 = it.f32;
              f64 = it.f64;
              refs = it.refs;
            }
            const nargs = code[at];
            let q = at + 1;
            for (let k = 0; k < nargs; k++) {
              const s = fp + code[q];
              const d = nfp + code[q + 1];
              switch (code[q + 2]) {
                case 1:
                  r[d] = r[s];
                  break;
                case 2:
                  r[d] = r[s];
                  r[d + 1] = r[s + 1];
                  break;
                case 4:
                  r[d] = r[s];
                  r[d + 1] = r[s + 1];
                  r[d + 2] = r[s + 2];
                  r[d + 3] = r[s + 3];
                  break;
                default:
                  refs[d] = refs[s];
              }
              q += 3;
            }
            frames[depth] = cur;
            framePc[depth] = q;
            frameFp[depth] = fp;
            depth++;
            cur = p;
            code = p.code;
            pc = 0;
            fp = nfp;
            if (p.instance !== inst) {
              inst = p.instance as Instance;
              funcs = inst.funcs;
              globals = inst.globals;
              mem = inst.memories.length > 0 ? inst.memories[0] : NO_MEMORY;
              dv = mem.view;
              memLen = dv.byteLength;
            }
          } else {
            it.depth = depth;
            it.top = fp + cur.frameSize;
            const next = it.callExternal(callee, code, at, fp);
            r = it.regs;
            f32 = it.f32;
            f64 = it.f64;
            refs = it.refs;
            dv = mem.view;
            memLen = dv.byteLength;
            pc = next;
          }
          break;
        }
        case 0x14: {
          // v128.const
          const d = fp + code[pc + 1];
          r[d] = code[pc + 2];
          r[d + 1] = code[pc + 3];
          r[d + 2] = code[pc + 4];
          r[d + 3] = code[pc + 5];
          pc += 6;
          break;
        }
        case 0x1b: // select1
          r[fp + code[pc + 1]] = r[fp + code[pc + 4]] !== 0 ? r[fp + code[pc + 2]] : r[fp + code[pc + 3]];
          pc += 5;
          break;
        case 0x1c: {
          // select2
          const d = fp + code[pc + 1];
          const a = fp + (r[fp + code[pc + 4]] !== 0 ? code[pc + 2] : code[pc + 3]);
          r[d] = r[a];
          r[d + 1] = r[a + 1];
          pc += 5;
          break;
        }
        case 0x1d: {
          // select4
          const d = fp + code[pc + 1];
          const a = fp + (r[fp + code[pc + 4]] !== 0 ? code[pc + 2] : code[pc + 3]);
          r[d] = r[a];
          r[d + 1] = r[a + 1];
          r[d + 2] = r[a + 2];
          r[d + 3] = r[a + 3];
          pc += 5;
          break;
        }
        case 0x1e: // select ref
          refs[fp + code[pc + 1]] =
            r[fp + code[pc + 4]] !== 0 ? refs[fp + code[pc + 2]] : refs[fp + code[pc + 3]];
          pc += 5;
          break;
        case 0x20: // global.get 1
          r[fp + code[pc + 1]] = globals[code[pc + 2]].bits[0];
          pc += 3;
          break;
        case 0x21: {
          // global.get 2
          const b = globals[code[pc + 2]].bits;
          const d = fp + code[pc + 1];
          r[d] = b[0];
          r[d + 1] = b[1];
          pc += 3;
          break;
        }
        case 0x22: {
          // global.get 4
          const b = globals[code[pc + 2]].bits;
          const d = fp + code[pc + 1];
          r[d] = b[0];
          r[d + 1] = b[1];
          r[d + 2] = b[2];
          r[d + 3] = b[3];
          pc += 3;
          break;
        }
        case 0x23: // global.get ref
          refs[fp + code[pc + 1]] = globals[code[pc + 2]].ref;
          pc += 3;
          break;
        case 0x24: // global.set 1
          globals[code[pc + 2]].bits[0] = r[fp + code[pc + 1]];
          pc += 3;
          break;
        case 0x27: {
          // global.set 2
          const b = globals[code[pc + 2]].bits;
          const a = fp + code[pc + 1];
          b[0] = r[a];
          b[1] = r[a + 1];
          pc += 3;
          break;
        }
        case 0x12: {
          // global.set 4
          const b = globals[code[pc + 2]].bits;
          const a = fp + code[pc + 1];
          b[0] = r[a];
          b[1] = r[a + 1];
          b[2] = r[a + 2];
          b[3] = r[a + 3];
          pc += 3;
          break;
        }
        case 0x13: // global.set ref
          globals[code[pc + 2]].ref = refs[fp + code[pc + 1]];
          pc += 3;
          break;
        case 0x25: // table.get
          refs[fp + code[pc + 1]] = inst.tables[code[pc + 3]].get(r[fp + code[pc + 2]]);
          pc += 4;
          break;
        case 0x26: // table.set
          inst.tables[code[pc + 3]].set(r[fp + code[pc + 1]], refs[fp + code[pc + 2]]);
          pc += 4;
          break;
        case 0x28: {
          // i32.load
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) throw oob();
          r[fp + code[pc + 1]] = dv.getInt32(ea, true);
          pc += 4;
          break;
        }
        case 0x29: {
          // i64.load
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 8 > memLen) throw oob();
          const d = fp + code[pc + 1];
          r[d] = dv.getInt32(ea, true);
          r[d + 1] = dv.getInt32(ea + 4, true);
          pc += 4;
          break;
        }
        case 0x2c: {
          // i32.load8_s
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) throw oob();
          r[fp + code[pc + 1]] = dv.getInt8(ea);
          pc += 4;
          break;
        }
        case 0x2d: {
          // i32.load8_u
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) throw oob();
          r[fp + code[pc + 1]] = dv.getUint8(ea);
          pc += 4;
          break;
        }
        case 0x2e: {
          // i32.load16_s
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) throw oob();
          r[fp + code[pc + 1]] = dv.getInt16(ea, true);
          pc += 4;
          break;
        }
        case 0x2f: {
          // i32.load16_u
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) throw oob();
          r[fp + code[pc + 1]] = dv.getUint16(ea, true);
          pc += 4;
          break;
        }
        case 0x30: {
          // i64.load8_s
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) throw oob();
          const d = fp + code[pc + 1];
          const v = dv.getInt8(ea);
          r[d] = v;
          r[d + 1] = v >> 31;
          pc += 4;
          break;
        }
        case 0x31: {
          // i64.load8_u
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) throw oob();
          const d = fp + code[pc + 1];
          r[d] = dv.getUint8(ea);
          r[d + 1] = 0;
          pc += 4;
          break;
        }
        case 0x32: {
          // i64.load16_s
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) throw oob();
          const d = fp + code[pc + 1];
          const v = dv.getInt16(ea, true);
          r[d] = v;
          r[d + 1] = v >> 31;
          pc += 4;
          break;
        }
        case 0x33: {
          // i64.load16_u
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) throw oob();
          const d = fp + code[pc + 1];
          r[d] = dv.getUint16(ea, true);
          r[d + 1] = 0;
          pc += 4;
          break;
        }
        case 0x34: {
          // i64.load32_s
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) throw oob();
          const d = fp + code[pc + 1];
          const v = dv.getInt32(ea, true);
          r[d] = v;
          r[d + 1] = v >> 31;
          pc += 4;
          break;
        }
        case 0x35: {
          // i64.load32_u
          const ea = (r[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) throw oob();
          const d = fp + code[pc + 1];
          r[d] = dv.getInt32(ea, true);
          r[d + 1] = 0;
          pc += 4;
          break;
        }
        case 0x36: {
          // i32.store
          const ea = (r[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) throw oob();
          dv.setInt32(ea, r[fp + code[pc + 2]], true);
          pc += 4;
          break;
        }
        case 0x37: {
          // i64.store
          const ea = (r[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 8 > memLen) throw oob();
          const a = fp + code[pc + 2];
          dv.setInt32(ea, r[a], true);
          dv.setInt32(ea + 4, r[a + 1], true);
          pc += 4;
          break;
        }
        case 0x3a: // i32.store8
        case 0x3c: {
          // i64.store8
          const ea = (r[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) throw oob();
          dv.setInt8(ea, r[fp + code[pc + 2]]);
          pc += 4;
          break;
        }
        case 0x3b: // i32.store16
        case 0x3d: {
          // i64.store16
          const ea = (r[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) throw oob();
          dv.setInt16(ea, r[fp + code[pc + 2]], true);
          pc += 4;
          break;
        }
        case 0x3e: {
          // i64.store32
          const ea = (r[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) throw oob();
          dv.setInt32(ea, r[fp + code[pc + 2]], true);
          pc += 4;
          break;
        }
        case 0x3f: // memory.size
          r[fp + code[pc + 1]] = mem.pages;
          pc += 2;
          break;
        case 0x40: // memory.grow
          r[fp + code[pc + 1]] = mem.grow(r[fp + code[pc + 2]]);
          dv = mem.view;
          memLen = dv.byteLength;
          pc += 3;
          break;
        case 0x41: // i32.const (and f32.const)
          r[fp + code[pc + 1]] = code[pc + 2];
          pc += 3;
          break;
        case 0x42: {
          // i64.const (and f64.const)
          const d = fp + code[pc + 1];
          r[d] = code[pc + 2];
          r[d + 1] = code[pc + 3];
          pc += 4;
          break;
        }
        case 0x45: // i32.eqz
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] === 0 ? 1 : 0;
          pc += 3;
          break;
        case 0x46: // i32.eq
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] === r[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x47: // i32.ne
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] !== r[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x48: // i32.lt_s
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] < r[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x49: // i32.lt_u
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >>> 0 < r[fp + code[pc + 3]] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 0x4a: // i32.gt_s
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] > r[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x4b: // i32.gt_u
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >>> 0 > r[fp + code[pc + 3]] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 0x4c: // i32.le_s
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] <= r[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x4d: // i32.le_u
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >>> 0 <= r[fp + code[pc + 3]] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 0x4e: // i32.ge_s
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >= r[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x4f: // i32.ge_u
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >>> 0 >= r[fp + code[pc + 3]] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 0x50: {
          // i64.eqz
          const a = fp + code[pc + 2];
          r[fp + code[pc + 1]] = (r[a] | r[a + 1]) === 0 ? 1 : 0;
          pc += 3;
          break;
        }
        case 0x51: {
          // i64.eq
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = r[a] === r[b] && r[a + 1] === r[b + 1] ? 1 : 0;
          pc += 4;
          break;
        }
        case 0x52: {
          // i64.ne
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = r[a] !== r[b] || r[a + 1] !== r[b + 1] ? 1 : 0;
          pc += 4;
          break;
        }
        case 0x53: {
          // i64.lt_s
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = i64LtS(r[a], r[a + 1], r[b], r[b + 1]);
          pc += 4;
          break;
        }
        case 0x54: {
          // i64.lt_u
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = i64LtU(r[a], r[a + 1], r[b], r[b + 1]);
          pc += 4;
          break;
        }
        case 0x55: {
          // i64.gt_s
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = i64GtS(r[a], r[a + 1], r[b], r[b + 1]);
          pc += 4;
          break;
        }
        case 0x56: {
          // i64.gt_u
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = i64GtU(r[a], r[a + 1], r[b], r[b + 1]);
          pc += 4;
          break;
        }
        case 0x57: {
          // i64.le_s
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = i64LeS(r[a], r[a + 1], r[b], r[b + 1]);
          pc += 4;
          break;
        }
        case 0x58: {
          // i64.le_u
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = i64LeU(r[a], r[a + 1], r[b], r[b + 1]);
          pc += 4;
          break;
        }
        case 0x59: {
          // i64.ge_s
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = i64GeS(r[a], r[a + 1], r[b], r[b + 1]);
          pc += 4;
          break;
        }
        case 0x5a: {
          // i64.ge_u
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          r[fp + code[pc + 1]] = i64GeU(r[a], r[a + 1], r[b], r[b + 1]);
          pc += 4;
          break;
        }
        case 0x5b: // f32.eq
          r[fp + code[pc + 1]] = f32[fp + code[pc + 2]] === f32[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x5c: // f32.ne
          r[fp + code[pc + 1]] = f32[fp + code[pc + 2]] !== f32[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x5d: // f32.lt
          r[fp + code[pc + 1]] = f32[fp + code[pc + 2]] < f32[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x5e: // f32.gt
          r[fp + code[pc + 1]] = f32[fp + code[pc + 2]] > f32[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x5f: // f32.le
          r[fp + code[pc + 1]] = f32[fp + code[pc + 2]] <= f32[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x60: // f32.ge
          r[fp + code[pc + 1]] = f32[fp + code[pc + 2]] >= f32[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 0x61: // f64.eq
          r[fp + code[pc + 1]] = f64[(fp + code[pc + 2]) >> 1] === f64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
          pc += 4;
          break;
        case 0x62: // f64.ne
          r[fp + code[pc + 1]] = f64[(fp + code[pc + 2]) >> 1] !== f64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
          pc += 4;
          break;
        case 0x63: // f64.lt
          r[fp + code[pc + 1]] = f64[(fp + code[pc + 2]) >> 1] < f64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
          pc += 4;
          break;
        case 0x64: // f64.gt
          r[fp + code[pc + 1]] = f64[(fp + code[pc + 2]) >> 1] > f64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
          pc += 4;
          break;
        case 0x65: // f64.le
          r[fp + code[pc + 1]] = f64[(fp + code[pc + 2]) >> 1] <= f64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
          pc += 4;
          break;
        case 0x66: // f64.ge
          r[fp + code[pc + 1]] = f64[(fp + code[pc + 2]) >> 1] >= f64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
          pc += 4;
          break;
        case 0x67: // i32.clz
          r[fp + code[pc + 1]] = Math.clz32(r[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 0x68: // i32.ctz
          r[fp + code[pc + 1]] = i32Ctz(r[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 0x69: // i32.popcnt
          r[fp + code[pc + 1]] = i32Popcnt(r[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 0x6a: // i32.add
          r[fp + code[pc + 1]] = (r[fp + code[pc + 2]] + r[fp + code[pc + 3]]) | 0;
          pc += 4;
          break;
        case 0x6b: // i32.sub
          r[fp + code[pc + 1]] = (r[fp + code[pc + 2]] - r[fp + code[pc + 3]]) | 0;
          pc += 4;
          break;
        case 0x6c: // i32.mul
          r[fp + code[pc + 1]] = Math.imul(r[fp + code[pc + 2]], r[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 0x6d: // i32.div_s
          r[fp + code[pc + 1]] = i32DivS(r[fp + code[pc + 2]], r[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 0x6e: // i32.div_u
          r[fp + code[pc + 1]] = i32DivU(r[fp + code[pc + 2]], r[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 0x6f: // i32.rem_s
          r[fp + code[pc + 1]] = i32RemS(r[fp + code[pc + 2]], r[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 0x70: // i32.rem_u
          r[fp + code[pc + 1]] = i32RemU(r[fp + code[pc + 2]], r[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 0x71: // i32.and
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] & r[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x72: // i32.or
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] | r[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x73: // i32.xor
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] ^ r[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x74: // i32.shl
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] << r[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x75: // i32.shr_s
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >> r[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x76: // i32.shr_u
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >>> r[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x77: // i32.rotl
          r[fp + code[pc + 1]] = i32Rotl(r[fp + code[pc + 2]], r[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 0x78: // i32.rotr
          r[fp + code[pc + 1]] = i32Rotr(r[fp + code[pc + 2]], r[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 0x7c: {
          // i64.add
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          const d = fp + code[pc + 1];
          const alo = r[a];
          const lo = (alo + r[b]) | 0;
          r[d + 1] = (r[a + 1] + r[b + 1] + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
          r[d] = lo;
          pc += 4;
          break;
        }
        case 0x7d: {
          // i64.sub
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          const d = fp + code[pc + 1];
          const alo = r[a];
          const blo = r[b];
          r[d + 1] = (r[a + 1] - r[b + 1] - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;
          r[d] = (alo - blo) | 0;
          pc += 4;
          break;
        }
        case 0x7e: {
          // i64.mul
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          const d = fp + code[pc + 1];
          r[d] = i64Mul(r[a], r[a + 1], r[b], r[b + 1]);
          r[d + 1] = ret.hi;
          pc += 4;
          break;
        }
        case 0x83: {
          // i64.and
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          const d = fp + code[pc + 1];
          r[d] = r[a] & r[b];
          r[d + 1] = r[a + 1] & r[b + 1];
          pc += 4;
          break;
        }
        case 0x84: {
          // i64.or
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          const d = fp + code[pc + 1];
          r[d] = r[a] | r[b];
          r[d + 1] = r[a + 1] | r[b + 1];
          pc += 4;
          break;
        }
        case 0x85: {
          // i64.xor
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          const d = fp + code[pc + 1];
          r[d] = r[a] ^ r[b];
          r[d + 1] = r[a + 1] ^ r[b + 1];
          pc += 4;
          break;
        }
        case 0x86: {
          // i64.shl
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          const d = fp + code[pc + 1];
          r[d] = i64Shl(r[a], r[a + 1], r[b], r[b + 1]);
          r[d + 1] = ret.hi;
          pc += 4;
          break;
        }
        case 0x87: {
          // i64.shr_s
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          const d = fp + code[pc + 1];
          r[d] = i64ShrS(r[a], r[a + 1], r[b], r[b + 1]);
          r[d + 1] = ret.hi;
          pc += 4;
          break;
        }
        case 0x88: {
          // i64.shr_u
          const a = fp + code[pc + 2];
          const b = fp + code[pc + 3];
          const d = fp + code[pc + 1];
          r[d] = i64ShrU(r[a], r[a + 1], r[b], r[b + 1]);
          r[d + 1] = ret.hi;
          pc += 4;
          break;
        }
        case 0x8b: // f32.abs
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] & 0x7fffffff;
          pc += 3;
          break;
        case 0x8c: // f32.neg
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] ^ -0x80000000;
          pc += 3;
          break;
        case 0x91: // f32.sqrt (the f64 root rounds once to the f32 one)
          f32[fp + code[pc + 1]] = Math.sqrt(f32[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 0x92: // f32.add
          f32[fp + code[pc + 1]] = f32[fp + code[pc + 2]] + f32[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x93: // f32.sub
          f32[fp + code[pc + 1]] = f32[fp + code[pc + 2]] - f32[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x94: // f32.mul
          f32[fp + code[pc + 1]] = f32[fp + code[pc + 2]] * f32[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x95: // f32.div
          f32[fp + code[pc + 1]] = f32[fp + code[pc + 2]] / f32[fp + code[pc + 3]];
          pc += 4;
          break;
        case 0x96: // f32.min
          f32[fp + code[pc + 1]] = f64Min(f32[fp + code[pc + 2]], f32[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 0x97: // f32.max
          f32[fp + code[pc + 1]] = f64Max(f32[fp + code[pc + 2]], f32[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 0x98: // f32.copysign
          r[fp + code[pc + 1]] = (r[fp + code[pc + 2]] & 0x7fffffff) | (r[fp + code[pc + 3]] & -0x80000000);
          pc += 4;
          break;
        case 0x99: {
          // f64.abs
          const d = fp + code[pc + 1];
          const a = fp + code[pc + 2];
          r[d] = r[a];
          r[d + 1] = r[a + 1] & 0x7fffffff;
          pc += 3;
          break;
        }
        case 0x9a: {
          // f64.neg
          const d = fp + code[pc + 1];
          const a = fp + code[pc + 2];
          r[d] = r[a];
          r[d + 1] = r[a + 1] ^ -0x80000000;
          pc += 3;
          break;
        }
        case 0x9f: // f64.sqrt
          f64[(fp + code[pc + 1]) >> 1] = Math.sqrt(f64[(fp + code[pc + 2]) >> 1]);
          pc += 3;
          break;
        case 0xa0: // f64.add
          f64[(fp + code[pc + 1]) >> 1] = f64[(fp + code[pc + 2]) >> 1] + f64[(fp + code[pc + 3]) >> 1];
          pc += 4;
          break;
        case 0xa1: // f64.sub
          f64[(fp + code[pc + 1]) >> 1] = f64[(fp + code[pc + 2]) >> 1] - f64[(fp + code[pc + 3]) >> 1];
          pc += 4;
          break;
        case 0xa2: // f64.mul
          f64[(fp + code[pc + 1]) >> 1] = f64[(fp + code[pc + 2]) >> 1] * f64[(fp + code[pc + 3]) >> 1];
          pc += 4;
          break;
        case 0xa3: // f64.div
          f64[(fp + code[pc + 1]) >> 1] = f64[(fp + code[pc + 2]) >> 1] / f64[(fp + code[pc + 3]) >> 1];
          pc += 4;
          break;
        case 0xa4: // f64.min
          f64[(fp + code[pc + 1]) >> 1] = f64Min(
            f64[(fp + code[pc + 2]) >> 1],
            f64[(fp + code[pc + 3]) >> 1],
          );
          pc += 4;
          break;
        case 0xa5: // f64.max
          f64[(fp + code[pc + 1]) >> 1] = f64Max(
            f64[(fp + code[pc + 2]) >> 1],
            f64[(fp + code[pc + 3]) >> 1],
          );
          pc += 4;
          break;
        case 0xa6: {
          // f64.copysign
          const d = fp + code[pc + 1];
          const a = fp + code[pc + 2];
          r[d] = r[a];
          r[d + 1] = (r[a + 1] & 0x7fffffff) | (r[fp + code[pc + 3] + 1] & -0x80000000);
          pc += 4;
          break;
        }
        case 0xa7: // i32.wrap_i64
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]];
          pc += 3;
          break;
        case 0xac: {
          // i64.extend_i32_s
          const d = fp + code[pc + 1];
          const v = r[fp + code[pc + 2]];
          r[d] = v;
          r[d + 1] = v >> 31;
          pc += 3;
          break;
        }
        case 0xad: {
          // i64.extend_i32_u
          const d = fp + code[pc + 1];
          r[d] = r[fp + code[pc + 2]];
          r[d + 1] = 0;
          pc += 3;
          break;
        }
        case 0xb2: // f32.convert_i32_s (exact double, rounded once by the store)
          f32[fp + code[pc + 1]] = r[fp + code[pc + 2]];
          pc += 3;
          break;
        case 0xb3: // f32.convert_i32_u
          f32[fp + code[pc + 1]] = r[fp + code[pc + 2]] >>> 0;
          pc += 3;
          break;
        case 0xb6: // f32.demote_f64
          f32[fp + code[pc + 1]] = f32DemoteF64(f64[(fp + code[pc + 2]) >> 1]);
          pc += 3;
          break;
        case 0xb7: // f64.convert_i32_s
          f64[(fp + code[pc + 1]) >> 1] = r[fp + code[pc + 2]];
          pc += 3;
          break;
        case 0xb8: // f64.convert_i32_u
          f64[(fp + code[pc + 1]) >> 1] = r[fp + code[pc + 2]] >>> 0;
          pc += 3;
          break;
        case 0xbb: // f64.promote_f32
          f64[(fp + code[pc + 1]) >> 1] = f64PromoteF32(f32[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 0xc0: // i32.extend8_s
          r[fp + code[pc + 1]] = (r[fp + code[pc + 2]] << 24) >> 24;
          pc += 3;
          break;
        case 0xc1: // i32.extend16_s
          r[fp + code[pc + 1]] = (r[fp + code[pc + 2]] << 16) >> 16;
          pc += 3;
          break;
        case 0xc2: {
          // i64.extend8_s
          const d = fp + code[pc + 1];
          const v = (r[fp + code[pc + 2]] << 24) >> 24;
          r[d] = v;
          r[d + 1] = v >> 31;
          pc += 3;
          break;
        }
        case 0xc3: {
          // i64.extend16_s
          const d = fp + code[pc + 1];
          const v = (r[fp + code[pc + 2]] << 16) >> 16;
          r[d] = v;
          r[d + 1] = v >> 31;
          pc += 3;
          break;
        }
        case 0xc4: {
          // i64.extend32_s
          const d = fp + code[pc + 1];
          const v = r[fp + code[pc + 2]];
          r[d] = v;
          r[d + 1] = v >> 31;
          pc += 3;
          break;
        }
        case 0xd0: // ref.null
          refs[fp + code[pc + 1]] = null;
          pc += 3;
          break;
        case 0xd1: // ref.is_null
          r[fp + code[pc + 1]] = refs[fp + code[pc + 2]] === null ? 1 : 0;
          pc += 3;
          break;
        case 0xd2: // ref.func
          refs[fp + code[pc + 1]] = funcs[code[pc + 2]];
          pc += 3;
          break;
        case 0xc5: // br_eq
          if (r[fp + code[pc + 1]] === r[fp + code[pc + 2]]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xc6: // br_ne
          if (r[fp + code[pc + 1]] !== r[fp + code[pc + 2]]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xc7: // br_lt_s
          if (r[fp + code[pc + 1]] < r[fp + code[pc + 2]]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xc8: // br_lt_u
          if (r[fp + code[pc + 1]] >>> 0 < r[fp + code[pc + 2]] >>> 0) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xc9: // br_gt_s
          if (r[fp + code[pc + 1]] > r[fp + code[pc + 2]]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xca: // br_gt_u
          if (r[fp + code[pc + 1]] >>> 0 > r[fp + code[pc + 2]] >>> 0) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xcb: // br_le_s
          if (r[fp + code[pc + 1]] <= r[fp + code[pc + 2]]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xcc: // br_le_u
          if (r[fp + code[pc + 1]] >>> 0 <= r[fp + code[pc + 2]] >>> 0) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xcd: // br_ge_s
          if (r[fp + code[pc + 1]] >= r[fp + code[pc + 2]]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xce: // br_ge_u
          if (r[fp + code[pc + 1]] >>> 0 >= r[fp + code[pc + 2]] >>> 0) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xd3: // br_eq_imm
          if (r[fp + code[pc + 1]] === code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xd4: // br_ne_imm
          if (r[fp + code[pc + 1]] !== code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xd5: // br_lt_s_imm
          if (r[fp + code[pc + 1]] < code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xd6: // br_lt_u_imm
          if (r[fp + code[pc + 1]] >>> 0 < code[pc + 2] >>> 0) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xd7: // br_gt_s_imm
          if (r[fp + code[pc + 1]] > code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xd8: // br_gt_u_imm
          if (r[fp + code[pc + 1]] >>> 0 > code[pc + 2] >>> 0) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xd9: // br_le_s_imm
          if (r[fp + code[pc + 1]] <= code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xda: // br_le_u_imm
          if (r[fp + code[pc + 1]] >>> 0 <= code[pc + 2] >>> 0) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xdb: // br_ge_s_imm
          if (r[fp + code[pc + 1]] >= code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xdc: // br_ge_u_imm
          if (r[fp + code[pc + 1]] >>> 0 >= code[pc + 2] >>> 0) {
            const t = code[pc + 3];
            if (t <= pc && --budget === 0) budget = it.interruptPoll();
            pc = t;
          } else pc += 4;
          break;
        case 0xf2: // i32.add_imm
          r[fp + code[pc + 1]] = (r[fp + code[pc + 2]] + code[pc + 3]) | 0;
          pc += 4;
          break;
        case 0xf3: // i32.mul_imm
          r[fp + code[pc + 1]] = Math.imul(r[fp + code[pc + 2]], code[pc + 3]);
          pc += 4;
          break;
        case 0xf4: // i32.and_imm
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] & code[pc + 3];
          pc += 4;
          break;
        case 0xf5: // i32.or_imm
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] | code[pc + 3];
          pc += 4;
          break;
        case 0xf6: // i32.xor_imm
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] ^ code[pc + 3];
          pc += 4;
          break;
        case 0xf7: // i32.shl_imm
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] << code[pc + 3];
          pc += 4;
          break;
        case 0xf8: // i32.shr_s_imm
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >> code[pc + 3];
          pc += 4;
          break;
        case 0xf9: // i32.shr_u_imm
          r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >>> code[pc + 3];
          pc += 4;
          break;
        default: {
          const op = code[pc];
          if (op >= 0x100) {
            pc = simd(it, code, pc, fp, mem);
          } else if (op >= 0xe8 && op <= 0xf1) {
            pc = bulk(it, inst, mem, code, pc, fp);
            dv = mem.view;
            memLen = dv.byteLength;
          } else {
            pc = numeric(it, code, pc, fp);
          }
        }
      }
    }
  } catch (e) {
    it.depth = depth;
    throw it.annotate(e, cur, pc, base, depth);
  }
}
