/**
 * Compiled code's exits end to end: host calls (with re-entry into the same instance), stack
 * exhaustion, traps with their messages, and the runtime helpers (call_indirect, tables,
 * references, bulk memory) compared with the interpreter.
 */
import { describe, expect, it } from "vitest";
import { type CompiledExecutor, instantiateCompiled } from "../../src/compiler/instance.js";
import { backendFor } from "../../src/compiler/native-backend.js";
import { RefTable } from "../../src/compiler/refs.js";
import { createCompilerEngine } from "../../src/compiler/spec-engine.js";
import { RuntimeError, StackExhaustedError } from "../../src/errors.js";
import { compileModule } from "../../src/frontend/index.js";
import { ValType } from "../../src/frontend/types.js";
import { interpEngine } from "../../src/interp/spec-engine.js";
import { requireNative } from "../../src/native/addon.js";
import { HostFunction, invokeFunction, isFunctionInstance } from "../../src/runtime/function.js";
import type { Value } from "../../src/spec/values.js";
import { wat } from "../ir/helpers.js";

const i32 = (v: number): Value => ({ type: "i32", value: v | 0 });

describe.runIf(process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64"))(
  "compiled code exits",
  () => {
    it("calls host functions that re-enter the calling instance", () => {
      const addon = requireNative();
      const { module, funcs } = compileModule(
        wat(`(module
        (import "env" "host" (func $host (param i32) (result i32)))
        (func $down (export "down") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0))
            (then (i32.const 1000))
            (else (i32.add (local.get 0) (call $host (i32.sub (local.get 0) (i32.const 1))))))))`),
      );
      let exportDown: ((n: number) => number) | null = null;
      const host = new HostFunction({ params: [ValType.I32], results: [ValType.I32] }, (n) =>
        (exportDown as (n: number) => number)(n as number),
      );
      const instance = instantiateCompiled(
        addon,
        backendFor(requireNative().cpuFeatures()),
        module,
        funcs,
        (m, name) => (m === "env" && name === "host" ? host : undefined),
        new RefTable(),
      );
      const down = instance.getExport("down");
      if (!isFunctionInstance(down)) throw new Error("no export");
      exportDown = (n) => {
        const r = invokeFunction(down, [{ type: "i32", value: n }])[0];
        return r.type === "i32" ? r.value : -1;
      };
      // down(n) = n + host(n - 1) = n + down(n - 1): 20 nested activations through the host.
      expect(exportDown(20)).toBe(1000 + 210);
    });

    it("turns runaway recursion into exhaustion and keeps working afterwards", () => {
      const inst = createCompilerEngine()
        .createStore()
        .instantiate(
          wat(`(module
          (func $r (export "runaway") (call $r))
          (func $id (export "id") (param i32) (result i32) (local.get 0)))`),
        );
      expect(() => inst.invoke("runaway", [])).toThrow(StackExhaustedError);
      expect(inst.invoke("id", [i32(7)])).toEqual([i32(7)]);
    });

    it("reports traps with the spec's messages", () => {
      const inst = createCompilerEngine()
        .createStore()
        .instantiate(
          wat(`(module (memory 1)
          (func (export "oob") (result i32) (i32.load (i32.const 65533)))
          (func (export "unreachable") unreachable))`),
        );
      expect(() => inst.invoke("oob", [])).toThrow(/out of bounds memory access/);
      expect(() => inst.invoke("unreachable", [])).toThrow(RuntimeError);
      expect(() => inst.invoke("unreachable", [])).toThrow(/unreachable/);
    });

    it("runs tables, references, call_indirect and bulk memory like the interpreter", () => {
      const bytes = wat(`(module
      (type $ii (func (param i32) (result i32)))
      (table $t 4 10 funcref)
      (table $e 2 externref)
      (memory 1)
      (data $d "hello world")
      (elem (table $t) (i32.const 0) func $double $square)
      (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
      (func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
      (func $nothing)
      (func (export "indirect") (param i32 i32) (result i32)
        (call_indirect $t (type $ii) (local.get 1) (local.get 0)))
      (func (export "wrong_type") (call_indirect $t (i32.const 0)))
      (func (export "tables") (param externref) (result i32)
        (table.set $e (i32.const 1) (local.get 0))
        (table.set $t (i32.const 3) (ref.func $square))
        (i32.add (i32.add (table.grow $t (ref.null func) (i32.const 2)) (table.size $t))
          (i32.add (ref.is_null (table.get $e (i32.const 0))) (ref.is_null (table.get $e (i32.const 1))))))
      (func (export "bulk") (param i32 i32 i32) (result i64)
        (memory.init $d (local.get 0) (i32.const 0) (i32.const 11))
        (memory.copy (local.get 1) (local.get 0) (i32.const 8))
        (memory.fill (local.get 2) (i32.const 0x41) (i32.const 3))
        (i64.add (i64.load (local.get 0)) (i64.load (local.get 1)))))`);
      const compiled = createCompilerEngine().createStore().instantiate(bytes);
      const interp = interpEngine.createStore().instantiate(bytes);
      const run = (e: typeof compiled, name: string, args: Value[]): unknown => {
        try {
          return e.invoke(name, args);
        } catch (err) {
          // Only traps are outcomes; anything else (a missing export) fails the test.
          if (!(err instanceof RuntimeError)) throw err;
          return { trap: err.message.replace(/ \(at wasm offset .*\)$/, "") };
        }
      };
      const cases: [string, Value[]][] = [
        ["tables", [{ type: "externref", ref: 5 }]],
        ["wrong_type", []],
      ];
      for (const slot of [0, 1, 2, 3, 4, 5, 6, 100]) cases.push(["indirect", [i32(slot), i32(9)]]);
      for (const [d, s, f] of [
        [0, 100, 3],
        [10, 12, 14],
        [65530, 0, 0],
        [0, 65530, 0],
        [0, 0, 65534],
      ]) {
        cases.push(["bulk", [i32(d), i32(s), i32(f)]]);
      }
      for (const [name, args] of cases) {
        expect(run(compiled, name, args), `${name}(${JSON.stringify(args)})`).toEqual(
          run(interp, name, args),
        );
      }
    });
  },
);

describe.runIf(process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64"))(
  "interruption",
  () => {
    it("stops an endless loop through the interrupt flag and stays usable", () => {
      const addon = requireNative();
      const { module, funcs } = compileModule(
        wat(`(module
        (func (export "spin") (loop $l (br $l)))
        (func (export "one") (result i32) (i32.const 1)))`),
      );
      const instance = instantiateCompiled(
        addon,
        backendFor(requireNative().cpuFeatures()),
        module,
        funcs,
        () => undefined,
        new RefTable(),
      );
      const spin = instance.getExport("spin");
      const one = instance.getExport("one");
      if (!isFunctionInstance(spin) || !isFunctionInstance(one)) throw new Error("no export");
      const executor = instance.executor as CompiledExecutor;
      executor.interruptAfter(20);
      expect(() => invokeFunction(spin, [])).toThrow(/interrupted/);
      expect(invokeFunction(one, [])).toEqual([{ type: "i32", value: 1 }]);
    });
  },
);

describe.runIf(process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64"))(
  "limits",
  () => {
    it("compiles modules with more globals than the context holds", () => {
      const globals = Array.from(
        { length: 200 },
        (_, i) => `(global $g${i} (mut i32) (i32.const ${i}))`,
      ).join(" ");
      const inst = createCompilerEngine()
        .createStore()
        .instantiate(
          wat(`(module ${globals}
          (func (export "bump") (result i32)
            (global.set $g199 (i32.add (global.get $g199) (global.get $g3)))
            (i32.add (global.get $g199) (global.get $g117))))`),
        );
      expect(inst.invoke("bump", [])).toEqual([i32(199 + 3 + 117)]);
      expect(inst.invoke("bump", [])).toEqual([i32(199 + 6 + 117)]);
    });
  },
);

describe.runIf(process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64"))(
  "native call_indirect",
  () => {
    it("calls functions of the same instance through the table mirror without leaving native code", () => {
      const inst = createCompilerEngine()
        .createStore()
        .instantiate(
          wat(`(module
          (type $t (func (param i32) (result i32)))
          (table 2 funcref)
          (elem (i32.const 0) func $count)
          (func $count (export "count") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 0))
              (else (i32.add (i32.const 1)
                (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))))))`),
        );
      // 100000 nested calls: as runtime-helper exits each would be a nested JS activation and
      // overflow the JS stack; as native calls they fit in the execution stack.
      expect(inst.invoke("count", [i32(100000)])).toEqual([i32(100000)]);
    });
  },
);
