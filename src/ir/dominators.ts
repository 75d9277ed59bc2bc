/**
 * Control-flow graph helpers over IR functions: successors, predecessors, reverse postorder and
 * the dominator tree (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm").
 */
import type { BlockCall, Func, Terminator } from "./types.js";

/** The block calls a terminator makes, in order (a `brtable`'s default last). */
export function termCalls(t: Terminator): readonly BlockCall[] {
  switch (t.kind) {
    case "jump":
      return [t.target];
    case "brif":
      return [t.then, t.else];
    case "brtable":
      return [...t.targets, t.default];
    default:
      return [];
  }
}

/** The control-flow graph of a function, with its dominator tree. */
export interface Cfg {
  /** Successor block ids of every block (one entry per edge, duplicates kept). */
  readonly succs: readonly (readonly number[])[];
  /** Predecessor block ids of every block (one entry per edge, duplicates kept). */
  readonly preds: readonly (readonly number[])[];
  /** Blocks reachable from the entry, in reverse postorder (the entry first). */
  readonly rpo: readonly number[];
  /** Immediate dominator of every reachable block (the entry's is itself), -1 when unreachable. */
  readonly idom: readonly number[];
  /** True when block `a` dominates block `b` (both reachable; every block dominates itself). */
  dominates(a: number, b: number): boolean;
}

/**
 * Builds the CFG of `f`. Calls to block ids out of range are left out of the graph (the verifier
 * reports them separately).
 */
export function buildCfg(f: Func): Cfg {
  const n = f.blocks.length;
  const succs: number[][] = [];
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let b = 0; b < n; b++) {
    const s = termCalls(f.blocks[b]!.term)
      .map((c) => c.block)
      .filter((t) => Number.isInteger(t) && t >= 0 && t < n);
    succs.push(s);
    for (const t of s) preds[t]!.push(b);
  }

  const post: number[] = [];
  const visited = new Array<boolean>(n).fill(false);
  if (n > 0) {
    // Iterative DFS; successors are visited last-first so that reverse postorder lists a
    // branch's first target before its second.
    const stack: { b: number; i: number }[] = [{ b: 0, i: succs[0]!.length - 1 }];
    visited[0] = true;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.i < 0) {
        post.push(top.b);
        stack.pop();
        continue;
      }
      const s = succs[top.b]![top.i--]!;
      if (!visited[s]) {
        visited[s] = true;
        stack.push({ b: s, i: succs[s]!.length - 1 });
      }
    }
  }
  const rpo = post.reverse();
  const order = new Array<number>(n).fill(-1);
  rpo.forEach((b, i) => {
    order[b] = i;
  });

  const idom = new Array<number>(n).fill(-1);
  if (n > 0) idom[0] = 0;
  const intersect = (x: number, y: number): number => {
    while (x !== y) {
      while (order[x]! > order[y]!) x = idom[x]!;
      while (order[y]! > order[x]!) y = idom[y]!;
    }
    return x;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of rpo) {
      if (b === 0) continue;
      let d = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1) continue;
        d = d === -1 ? p : intersect(p, d);
      }
      if (d !== idom[b]) {
        idom[b] = d;
        changed = true;
      }
    }
  }

  // Dominance queries in O(1) by DFS numbering of the dominator tree.
  const children: number[][] = Array.from({ length: n }, () => []);
  for (const b of rpo) if (b !== 0) children[idom[b]!]!.push(b);
  const pre = new Array<number>(n).fill(-1);
  const last = new Array<number>(n).fill(-1);
  if (n > 0) {
    let counter = 0;
    const stack: { b: number; i: number }[] = [{ b: 0, i: 0 }];
    pre[0] = counter++;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const kids = children[top.b]!;
      if (top.i < kids.length) {
        const c = kids[top.i++]!;
        pre[c] = counter++;
        stack.push({ b: c, i: 0 });
      } else {
        last[top.b] = counter - 1;
        stack.pop();
      }
    }
  }
  const dominates = (a: number, b: number): boolean =>
    pre[a] !== -1 && pre[b] !== -1 && pre[a]! <= pre[b]! && pre[b]! <= last[a]!;
  return { succs, preds, rpo, idom, dominates };
}
