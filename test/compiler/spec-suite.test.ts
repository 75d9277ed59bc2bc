/**
 * The spec scripts the compiler engine passes completely today. This list must only grow: a file
 * leaves it never, and the whole suite joins `npm test` once it passes with 0 failed.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCompilerEngine } from "../../src/compiler/spec-engine.js";
import { collectScripts, defaultSuitePath, SUITE_HINT } from "../../src/spec/paths.js";
import { formatText } from "../../src/spec/report.js";
import { runSpec } from "../../src/spec/runner.js";

const PASSING = [
  "address.wast",
  "align.wast",
  "binary-leb128.wast",
  "binary.wast",
  "block.wast",
  "br.wast",
  "br_if.wast",
  "br_table.wast",
  "bulk.wast",
  "call.wast",
  "call_indirect.wast",
  "comments.wast",
  "const.wast",
  "conversions.wast",
  "custom.wast",
  "data.wast",
  "elem.wast",
  "endianness.wast",
  "exports.wast",
  "f32.wast",
  "f32_bitwise.wast",
  "f32_cmp.wast",
  "f64.wast",
  "f64_bitwise.wast",
  "f64_cmp.wast",
  "fac.wast",
  "float_exprs.wast",
  "float_literals.wast",
  "float_memory.wast",
  "float_misc.wast",
  "forward.wast",
  "func.wast",
  "func_ptrs.wast",
  "global.wast",
  "i32.wast",
  "i64.wast",
  "if.wast",
  "imports.wast",
  "inline-module.wast",
  "int_exprs.wast",
  "int_literals.wast",
  "labels.wast",
  "left-to-right.wast",
  "linking.wast",
  "load.wast",
  "local_get.wast",
  "local_set.wast",
  "local_tee.wast",
  "loop.wast",
  "memory.wast",
  "memory_copy.wast",
  "memory_fill.wast",
  "memory_grow.wast",
  "memory_init.wast",
  "memory_redundancy.wast",
  "memory_size.wast",
  "memory_trap.wast",
  "names.wast",
  "nop.wast",
  "obsolete-keywords.wast",
  "ref_func.wast",
  "ref_is_null.wast",
  "ref_null.wast",
  "return.wast",
  "select.wast",
  "simd_linking.wast",
  "skip-stack-guard-page.wast",
  "stack.wast",
  "start.wast",
  "store.wast",
  "switch.wast",
  "table-sub.wast",
  "table.wast",
  "table_copy.wast",
  "table_fill.wast",
  "table_get.wast",
  "table_grow.wast",
  "table_init.wast",
  "table_set.wast",
  "table_size.wast",
  "token.wast",
  "traps.wast",
  "type.wast",
  "unreachable.wast",
  "unreached-invalid.wast",
  "unreached-valid.wast",
  "unwind.wast",
  "utf8-custom-section-id.wast",
  "utf8-import-field.wast",
  "utf8-import-module.wast",
  "utf8-invalid-encoding.wast",
];

describe.runIf(process.platform === "linux" && process.arch === "x64")(
  "Wasm 2.0 spec suite, --engine compiler",
  () => {
    it("passes every command of the files it fully supports", async () => {
      const suite = defaultSuitePath();
      if (!existsSync(suite)) throw new Error(`spec suite not found at ${suite}: ${SUITE_HINT}`);
      const report = await runSpec(
        collectScripts(PASSING.map((f) => join(suite, f))),
        createCompilerEngine(),
      );
      const failing = report.files.filter((f) => f.failed > 0 || f.skipped > 0);
      if (failing.length > 0) console.log(formatText({ ...report, files: failing }, false));
      expect(report.files.length).toBe(PASSING.length);
      expect(report.failed).toBe(0);
      expect(report.skipped).toBe(0);
      expect(report.passed).toBeGreaterThan(10000);
    }, 120_000);
  },
);
