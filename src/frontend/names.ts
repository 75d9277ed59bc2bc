/**
 * The `name` custom section (module, function and local names). As the spec's appendix asks, a
 * malformed name section never fails the module: it is ignored as a whole.
 */
import { CompileError } from "../errors.js";
import { Reader } from "./reader.js";
import type { NameSection } from "./types.js";

/** Name subsection ids. Others (labels, types, ... from later proposals) are skipped. */
const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;
const LOCAL_NAMES = 2;

/** Reads a name map (index-sorted `(index, name)` pairs) into `out`. */
function readNameMap(r: Reader, out: Map<number, string>): void {
  const n = r.vecLen("name");
  let last = -1;
  for (let i = 0; i < n; i++) {
    const pos = r.pos;
    const index = r.u32();
    if (index <= last) r.fail(`name map indices out of order: ${index} after ${last}`, pos);
    last = index;
    out.set(index, r.name());
  }
}

/**
 * Parses the contents of a `name` section lying at `bytes[start, end)`. Returns null when it is
 * malformed (bad sizes, order, UTF-8 or duplicate indices), in which case it is to be ignored.
 */
export function parseNameSection(bytes: Uint8Array, start: number, end: number): NameSection | null {
  const r = new Reader(bytes, start, end);
  r.context = "name section";
  const names: NameSection = { moduleName: null, functionNames: new Map(), localNames: new Map() };
  try {
    let lastId = -1;
    while (!r.atEnd()) {
      const idPos = r.pos;
      const id = r.u8();
      if (id <= lastId) r.fail(`subsection ${id} out of order`, idPos);
      lastId = id;
      const sizePos = r.pos;
      const size = r.u32();
      if (size > r.remaining()) r.fail(`length out of bounds: subsection of ${size} bytes`, sizePos);
      const subEnd = r.pos + size;
      r.end = subEnd;
      if (id === MODULE_NAME) names.moduleName = r.name();
      else if (id === FUNCTION_NAMES) readNameMap(r, names.functionNames);
      else if (id === LOCAL_NAMES) {
        const n = r.vecLen("function");
        let last = -1;
        for (let i = 0; i < n; i++) {
          const pos = r.pos;
          const funcIndex = r.u32();
          if (funcIndex <= last) r.fail(`function indices out of order: ${funcIndex} after ${last}`, pos);
          last = funcIndex;
          const map = new Map<number, string>();
          readNameMap(r, map);
          names.localNames.set(funcIndex, map);
        }
      } else r.pos = subEnd;
      if (r.pos !== subEnd) r.fail("section size mismatch in subsection", r.pos);
      r.end = end;
    }
    return names;
  } catch (e) {
    if (e instanceof CompileError) return null;
    throw e;
  }
}
