/**
 * The IR verifier: checks the invariants every engine relies on.
 *
 * - Block ids equal their positions; every block is reachable from the entry, and the entry has
 *   no predecessors; its parameters have the function's parameter types.
 * - Every register number is in range and is defined exactly once (as a block parameter or an
 *   operation result) with the type `vregTypes` gives it; every use is dominated by its definition.
 * - Every operation's argument and result types match its signature (see `ops.ts`); module-level
 *   indices (functions, types, globals, tables, segments) are checked when a `ModuleEnv` is given.
 * - Every block call targets a block in range with matching argument count and types; `brif`
 *   conditions and `brtable` indices are i32; `return` passes the function's result types.
 */
import { buildCfg, termCalls } from "./dominators.js";
import { instSignature, type ModuleEnv, opName } from "./ops.js";
import type { Func, Terminator } from "./types.js";
import { Ty, tyName } from "./types.js";

/** Thrown by `assertValidFunc` when a function breaks IR invariants. */
export class IrVerifyError extends Error {
  /** Every problem found, one line each. */
  readonly problems: readonly string[];

  constructor(func: Func, problems: readonly string[]) {
    const label = func.name === null ? `func ${func.index}` : `func ${func.index} "${func.name}"`;
    super(`invalid IR in ${label}:\n  ${problems.join("\n  ")}`);
    this.name = "IrVerifyError";
    this.problems = problems;
  }
}

const validTys: ReadonlySet<number> = new Set(Object.values(Ty));

/** Where a register is defined: its block and position (-1 for a block parameter). */
interface DefSite {
  readonly block: number;
  readonly pos: number;
}

/** Checks `f`'s invariants; returns the problems found (empty when valid). */
export function verifyFunc(f: Func, env?: ModuleEnv): string[] {
  const problems: string[] = [];
  const n = f.blocks.length;
  if (n === 0) return ["function has no blocks"];
  const nv = f.vregTypes.length;
  f.vregTypes.forEach((t, v) => {
    if (!validTys.has(t)) problems.push(`v${v} has invalid type ${t}`);
  });
  const tyOf = (v: number): string => (v >= 0 && v < nv ? tyName(f.vregTypes[v]!) : "?");

  const defs: (DefSite | undefined)[] = new Array(nv);
  const define = (v: number, block: number, pos: number, where: string): void => {
    if (!Number.isInteger(v) || v < 0 || v >= nv) {
      problems.push(`${where}: defines v${v}, out of range (${nv} registers)`);
      return;
    }
    if (defs[v] !== undefined) {
      problems.push(`${where}: v${v} is defined more than once`);
      return;
    }
    defs[v] = { block, pos };
  };
  f.blocks.forEach((blk, b) => {
    if (blk.id !== b) problems.push(`block at position ${b} has id ${blk.id}`);
    for (const p of blk.params) define(p, b, -1, `block${b} params`);
    blk.insts.forEach((inst, i) => {
      for (const r of inst.results) define(r, b, i, `block${b} inst ${i} (${opName(inst.op)})`);
    });
  });
  for (let v = 0; v < nv; v++) if (defs[v] === undefined) problems.push(`v${v} is never defined`);

  const entry = f.blocks[0]!;
  const entryTys = entry.params.map(tyOf);
  const paramTys = f.params.map(tyName);
  if (entryTys.join(",") !== paramTys.join(",")) {
    problems.push(
      `entry block params (${entryTys.join(", ")}) differ from function params (${paramTys.join(", ")})`,
    );
  }

  const cfg = buildCfg(f);
  if (cfg.preds[0]!.length > 0) problems.push("the entry block has predecessors");
  const reachable = new Set(cfg.rpo);
  for (let b = 0; b < n; b++) if (!reachable.has(b)) problems.push(`block${b} is unreachable from the entry`);

  /** Checks one use of `v` at position `pos` of block `b` (`insts.length` for the terminator). */
  const use = (v: number, b: number, pos: number, where: string): boolean => {
    if (!Number.isInteger(v) || v < 0 || v >= nv) {
      problems.push(`${where}: uses v${v}, out of range (${nv} registers)`);
      return false;
    }
    const d = defs[v];
    if (d === undefined) return false;
    const ok = d.block === b ? d.pos < pos : reachable.has(b) && cfg.dominates(d.block, b);
    if (!ok) problems.push(`${where}: use of v${v} is not dominated by its definition in block${d.block}`);
    return true;
  };
  const checkTypes = (
    what: string,
    where: string,
    actual: readonly number[],
    expected: readonly Ty[],
  ): void => {
    if (actual.length !== expected.length) {
      problems.push(`${where}: ${actual.length} ${what}, expected ${expected.length}`);
      return;
    }
    actual.forEach((v, i) => {
      if (v >= 0 && v < nv && f.vregTypes[v] !== expected[i]) {
        problems.push(`${where}: ${what} ${i} is v${v}:${tyOf(v)}, expected ${tyName(expected[i]!)}`);
      }
    });
  };

  f.blocks.forEach((blk, b) => {
    blk.insts.forEach((inst, i) => {
      const where = `block${b} inst ${i} (${opName(inst.op)})`;
      for (const a of inst.args) use(a, b, i, where);
      const sig = instSignature(inst, f.vregTypes, env);
      if (typeof sig === "string") {
        problems.push(`${where}: ${sig}`);
        return;
      }
      checkTypes("args", where, inst.args, sig.params);
      checkTypes("results", where, inst.results, sig.results);
    });
    checkTerminator(blk.term, b, blk.insts.length);
  });

  function checkTerminator(t: Terminator, b: number, pos: number): void {
    const where = `block${b} ${t.kind}`;
    switch (t.kind) {
      case "brif":
        if (use(t.cond, b, pos, where)) checkTypes("condition", where, [t.cond], [Ty.I32]);
        break;
      case "brtable":
        if (use(t.index, b, pos, where)) checkTypes("index", where, [t.index], [Ty.I32]);
        break;
      case "return":
        for (const a of t.args) use(a, b, pos, where);
        checkTypes("return values", where, t.args, f.results);
        break;
      default:
        break;
    }
    for (const c of termCalls(t)) {
      const target = f.blocks[c.block];
      if (!Number.isInteger(c.block) || target === undefined) {
        problems.push(`${where}: target block${c.block} is out of range (${n} blocks)`);
        continue;
      }
      const callWhere = `${where} to block${c.block}`;
      for (const a of c.args) use(a, b, pos, callWhere);
      checkTypes(
        "args",
        callWhere,
        c.args,
        target.params.map((p) => f.vregTypes[p] ?? Ty.I32),
      );
    }
  }

  return problems;
}

/** Throws an `IrVerifyError` listing every problem when `f` breaks IR invariants. */
export function assertValidFunc(f: Func, env?: ModuleEnv): void {
  const problems = verifyFunc(f, env);
  if (problems.length > 0) throw new IrVerifyError(f, problems);
}
