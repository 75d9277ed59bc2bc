/**
 * A tiny reference evaluator of IR functions over i32 values, for differential tests of the
 * lowering against V8: it runs the control flow exactly as the IR says (block arguments,
 * brif, brtable, return, unreachable) and a handful of i32 operations. Anything else throws.
 */
import type { BlockCall, Func, Inst } from "../../src/ir/types.js";

/** Thrown when the evaluated function traps. */
export class EvalTrap extends Error {}

function binop(op: number, a: number, b: number): number {
  switch (op) {
    case 0x46:
      return a === b ? 1 : 0;
    case 0x47:
      return a !== b ? 1 : 0;
    case 0x48:
      return a < b ? 1 : 0;
    case 0x4a:
      return a > b ? 1 : 0;
    case 0x6a:
      return (a + b) | 0;
    case 0x6b:
      return (a - b) | 0;
    case 0x6c:
      return Math.imul(a, b);
    case 0x71:
      return a & b;
    case 0x72:
      return a | b;
    case 0x73:
      return a ^ b;
    case 0x74:
      return a << (b & 31);
    case 0x75:
      return a >> (b & 31);
    default:
      throw new Error(`eval: unsupported operation 0x${op.toString(16)}`);
  }
}

function exec(inst: Inst, regs: Int32Array): void {
  const arg = (i: number): number => regs[inst.args[i]!]!;
  let r: number;
  switch (inst.op) {
    case 0x41:
      r = inst.a | 0;
      break;
    case 0x45:
      r = arg(0) === 0 ? 1 : 0;
      break;
    case 0x1b:
      r = arg(2) !== 0 ? arg(0) : arg(1);
      break;
    default:
      r = binop(inst.op, arg(0), arg(1));
  }
  regs[inst.results[0]!] = r;
}

/**
 * Runs `f` on i32 `args` and returns its i32 results; throws `EvalTrap` on `unreachable` and
 * an Error after `maxSteps` blocks (a runaway loop).
 */
export function evalFunc(f: Func, args: readonly number[], maxSteps = 1_000_000): number[] {
  const regs = new Int32Array(f.vregTypes.length);
  let block = f.blocks[0]!;
  block.params.forEach((p, i) => {
    regs[p] = args[i]! | 0;
  });
  const enter = (c: BlockCall): void => {
    const vals = c.args.map((v) => regs[v]!);
    block = f.blocks[c.block]!;
    block.params.forEach((p, i) => {
      regs[p] = vals[i]!;
    });
  };
  for (let steps = 0; steps < maxSteps; steps++) {
    for (const inst of block.insts) exec(inst, regs);
    const t = block.term;
    switch (t.kind) {
      case "jump":
        enter(t.target);
        break;
      case "brif":
        enter(regs[t.cond] !== 0 ? t.then : t.else);
        break;
      case "brtable": {
        const i = regs[t.index]! >>> 0;
        enter(i < t.targets.length ? t.targets[i]! : t.default);
        break;
      }
      case "return":
        return t.args.map((v) => regs[v]!);
      case "unreachable":
        throw new EvalTrap("unreachable");
    }
  }
  throw new Error("eval: step limit reached");
}
