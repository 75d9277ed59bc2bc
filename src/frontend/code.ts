/**
 * The code section: each function body's size and local declarations, then validation of its
 * instructions by `validateFunction`, in the same pass over the bytes.
 */
import type { DecodeState } from "./decode-state.js";
import { readValType } from "./decode-state.js";
import type { FunctionBody, ValType } from "./types.js";
import { type ModuleContext, validateFunction } from "./validate-function.js";

/**
 * Most locals (parameters included) one function may have: the JS API's implementation limit,
 * also enforced by V8, SpiderMonkey and wasmparser. It is far below the core spec's 2^32, which
 * it subsumes, and bounds the memory a tiny body can make the decoder allocate.
 */
export const MAX_FUNCTION_LOCALS = 50_000;

/**
 * Most locals (parameters excluded) all the module's functions may declare together. Bodies are
 * kept with their locals expanded, so without this bound a module of small bodies that each
 * declare 50,000 locals could make the decoder allocate thousands of times its own size.
 */
export const MAX_MODULE_LOCALS = 1 << 24;

/**
 * Code section: function bodies, one per function declared by the function section (the decoder
 * checks the count of bodies at the end of the module).
 */
export function decodeCodeSection(st: DecodeState): void {
  const r = st.r;
  const m = st.m;
  const countPos = r.pos;
  const n = r.u32();
  // Fewer bodies than functions is reported after the last section (as the spec's decoder,
  // which reads every section first, does); more cannot be validated and fail now.
  if (n > st.numDefinedFuncs) {
    r.fail(
      `function and code section have inconsistent lengths (${st.numDefinedFuncs} functions, ${n} bodies)`,
      countPos,
    );
  }
  const ctx: ModuleContext = { module: m, declaredFuncRefs: st.declaredFuncRefs };
  const sectionEnd = r.end;
  let moduleLocals = 0;
  for (let i = 0; i < n; i++) {
    const funcIndex = m.numImportedFuncs + i;
    const sizePos = r.pos;
    const size = r.u32();
    if (size > sectionEnd - r.pos) {
      r.fail(
        `length out of bounds: body of function ${funcIndex} is ${size} bytes, ${sectionEnd - r.pos} left`,
        sizePos,
      );
    }
    const bodyEnd = r.pos + size;
    r.end = bodyEnd;
    const runs = r.vecLen("local declaration");
    const locals: ValType[] = [];
    let total = m.types[m.funcs[funcIndex]!]!.params.length;
    for (let j = 0; j < runs; j++) {
      const countPos = r.pos;
      const count = r.u32();
      const type = readValType(r);
      total += count;
      if (total > MAX_FUNCTION_LOCALS) {
        r.fail(`too many locals in function ${funcIndex}: more than ${MAX_FUNCTION_LOCALS}`, countPos);
      }
      moduleLocals += count;
      if (moduleLocals > MAX_MODULE_LOCALS) {
        r.fail(`too many locals: the module declares more than ${MAX_MODULE_LOCALS} in all`, countPos);
      }
      for (let k = 0; k < count; k++) locals.push(type);
    }
    const body: FunctionBody = { locals, codeStart: r.pos, codeEnd: bodyEnd };
    r.end = sectionEnd;
    r.pos = bodyEnd;
    validateFunction(ctx, funcIndex, body, st.visitorFor?.(m, funcIndex));
    m.codes.push(body);
  }
}
