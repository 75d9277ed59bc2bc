/**
 * Function types at run time: structural equality by interning every signature to a small
 * integer, so `call_indirect` and import checks compare two numbers.
 */
import { type FuncType, type ValType, valTypeName } from "../frontend/types.js";

const ids = new Map<string, number>();

function key(t: FuncType): string {
  return `${t.params.join(",")}:${t.results.join(",")}`;
}

/** The interned id of a signature: two signatures have the same id exactly when they are equal. */
export function funcTypeId(t: FuncType): number {
  const k = key(t);
  let id = ids.get(k);
  if (id === undefined) {
    id = ids.size;
    ids.set(k, id);
  }
  return id;
}

function names(ts: readonly ValType[]): string {
  return ts.map(valTypeName).join(" ");
}

/** The text form of a signature, as in `(func (param i32) (result i64))`. */
export function formatFuncType(t: FuncType): string {
  const parts = ["func"];
  if (t.params.length > 0) parts.push(`(param ${names(t.params)})`);
  if (t.results.length > 0) parts.push(`(result ${names(t.results)})`);
  return `(${parts.join(" ")})`;
}
