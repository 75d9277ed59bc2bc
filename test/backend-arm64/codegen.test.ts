/**
 * The arm64 code generator, cross-compiled on any host: every instruction it emits must decode in
 * capstone to the listing's text, and the characteristic sequences of the ABI (frame, stack check,
 * call budget, interrupt polls, bounds checks, division traps, jump tables, call_indirect through
 * the mirror, helper exits, overflow value slots, veneers in functions beyond branch range) must
 * be there. Running the code is the job of the spec suite under qemu (see `src/backend/README.md`).
 */
import { Capstone, Const, loadCapstone } from "capstone-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { Arm64Backend, type ModuleListing } from "../../src/backend-arm64/compile.js";
import { compileWat } from "../ir/helpers.js";

let cs: Capstone | null = null;

beforeAll(async () => {
  await loadCapstone();
  cs = new Capstone(Const.CS_ARCH_ARM64, Const.CS_MODE_ARM);
});

const INSTANCE_ID = 7;

function compile(text: string): ModuleListing {
  const { module, funcs } = compileWat(text);
  const typeIds = module.types.map((_, i) => 100 + i);
  return new Arm64Backend().compileListing(module, funcs, { typeIds, instanceId: INSTANCE_ID });
}

/** The listing texts of defined function `index` (its body up to the next body or thunk). */
function funcText(code: ModuleListing, index: number): string[] {
  const start = code.bodyOffsets[index];
  const later = [...code.bodyOffsets, ...code.entryOffsets, code.code.length].filter((o) => o > start);
  const end = Math.min(...later);
  return code.listing.filter((l) => l.offset >= start && l.offset < end).map((l) => l.text);
}

/** Whether `lines` contain `seq` as consecutive lines (each a string to match exactly or a regexp). */
function hasSequence(lines: readonly string[], seq: readonly (string | RegExp)[]): boolean {
  const match = (l: string, p: string | RegExp): boolean => (typeof p === "string" ? l === p : p.test(l));
  for (let i = 0; i + seq.length <= lines.length; i++) {
    if (seq.every((p, k) => match(lines[i + k], p))) return true;
  }
  return false;
}

/** Capstone's text for one instruction word at `address`. */
function capstone(bytes: Uint8Array, address: number): string | null {
  const [insn] = (cs as Capstone).disasm(bytes, { address, count: 1 });
  return insn === undefined ? null : `${insn.mnemonic} ${insn.opStr}`.trim();
}

const KITCHEN_SINK = `(module
  (type $binop (func (param i32 i32) (result i32)))
  (memory 1 4)
  (table 4 funcref)
  (global $g (mut i64) (i64.const 5))
  (elem (i32.const 0) $add)
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func (export "ints") (param i32 i32 i64 i64) (result i64)
    (i64.add
      (i64.extend_i32_u
        (i32.xor
          (i32.add (i32.mul (local.get 0) (local.get 1)) (i32.sub (local.get 0) (local.get 1)))
          (i32.or (i32.shl (local.get 0) (local.get 1)) (i32.rotl (local.get 1) (local.get 0)))))
      (i64.add
        (i64.add (i64.clz (local.get 2)) (i64.ctz (local.get 3)))
        (i64.add (i64.popcnt (local.get 2)) (i64.extend_i32_s (i32.popcnt (local.get 0)))))))
  (func (export "divs") (param i32 i32 i64 i64) (result i64)
    (i64.add
      (i64.extend_i32_u (i32.add (i32.div_s (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1))))
      (i64.add (i64.rem_s (local.get 2) (local.get 3)) (i64.div_u (local.get 2) (local.get 3)))))
  (func (export "cmp") (param i64 i64 f64 f64) (result i32)
    (i32.add (i64.lt_s (local.get 0) (local.get 1))
      (i32.add (i64.ge_u (local.get 0) (local.get 1))
        (i32.add (i64.eqz (local.get 0))
          (i32.wrap_i64 (select (local.get 0) (local.get 1) (i64.ne (local.get 0) (local.get 1))))))))
  (func (export "fsel") (param f64 f64 i32) (result f64)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "vsel") (param v128 v128 i32) (result v128)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "bits") (param i64 f32) (result i64)
    (i64.add (i64.reinterpret_f64 (f64.reinterpret_i64 (local.get 0)))
      (i64.extend_i32_u (i32.reinterpret_f32 (local.get 1)))))
  (func (export "mem") (param i32) (result i64)
    (i32.store8 (local.get 0) (i32.const 200))
    (i64.store offset=70000 (local.get 0) (i64.const -1))
    (f32.store (local.get 0) (f32.const 1.5))
    (global.set $g (i64.load16_s (local.get 0)))
    (drop (memory.grow (i32.const 1)))
    (i64.add (global.get $g) (i64.extend_i32_u (memory.size))))
  (func (export "switch") (param i32) (result i32)
    (block (block (block (br_table 0 1 2 0 (local.get 0))) (return (i32.const 1))) (return (i32.const 2)))
    (i32.const 3))
  (func (export "indirect") (param i32 i32) (result i32)
    (call_indirect (type $binop) (local.get 0) (local.get 1) (local.get 1)))
  (func (export "helpers") (param i32) (result i32)
    (drop (table.get 0 (local.get 0)))
    (v128.store (local.get 0) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
      (v128.const i32x4 1 2 3 4) (v128.const i64x2 -1 0)))
    (table.size 0))
  (func (export "loop") (param i32) (result i32)
    (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (local.get 0)))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get $acc))
  (func (export "trap") unreachable)
)`;

describe("arm64 code generation", () => {
  it("emits only instructions that capstone decodes to the listing's text", () => {
    const code = compile(KITCHEN_SINK);
    expect(code.code.length % 4).toBe(0);
    const mismatches: string[] = [];
    for (const line of code.listing) {
      if (line.text.startsWith(".")) continue;
      const other = capstone(line.bytes, line.offset);
      if (other !== line.text) mismatches.push(`0x${line.offset.toString(16)}: ${line.text} vs ${other}`);
    }
    expect(mismatches).toEqual([]);
    expect(code.callSites.returnOffsets.length).toBeGreaterThan(10);
  });

  it("builds the frame, checks the stack, takes a call from the budget and polls for interrupts", () => {
    const text = funcText(compile(KITCHEN_SINK), 1);
    expect(text.slice(0, 2)).toEqual(["stp x29, x30, [sp, #-0x10]!", "mov x29, sp"]);
    expect(
      hasSequence(text, [
        /^(sub x16, sp, #0x[0-9a-f]+|mov x16, sp)$/,
        "ldr x17, [x28, #0x38]",
        "cmp x16, x17",
        /^b\.lo /,
      ]),
    ).toBe(true);
    expect(
      hasSequence(text, ["ldr w16, [x28, #0xf60]", "subs w16, w16, #1", /^b\.lo /, "str w16, [x28, #0xf60]"]),
    ).toBe(true);
    expect(hasSequence(text, ["ldr w16, [x28, #0x50]", /^cbnz w16, /])).toBe(true);
    expect(
      hasSequence(text, [
        "add w16, w16, #1",
        "str w16, [x28, #0xf60]",
        "mov sp, x29",
        "ldp x29, x30, [sp], #0x10",
        "ret",
      ]),
    ).toBe(true);
  });

  it("traps on division by zero and on signed overflow; rem_s needs no overflow check", () => {
    const text = funcText(compile(KITCHEN_SINK), 2);
    expect(text.filter((l) => /^cbz [wx]\d+, /.test(l)).length).toBe(4);
    expect(hasSequence(text, [/^cmn w\d+, #1$/, /^ccmp w\d+, #1, #0, eq$/, /^b\.vs /, /^sdiv w/])).toBe(true);
    expect(hasSequence(text, [/^sdiv x14, x/, /^msub x/])).toBe(true);
    expect(hasSequence(text, [/^udiv w14, w/, /^msub w/])).toBe(true);
    expect(text.filter((l) => l.startsWith("ccmp")).length).toBe(1);
    // Trap exits: code 2 (TRAP) with the kind in exit argument 0 and the wasm offset in argument 1.
    expect(hasSequence(text, [/^mov x16, #0x[0-9a-f]+$/, "str x16, [x28, #0x10]"])).toBe(true);
    expect(text).toContain("mov w16, #2");
  });

  it("compares into cset and selects with csel, fcsel or a branch", () => {
    const code = compile(KITCHEN_SINK);
    const cmp = funcText(code, 3);
    for (const cc of ["lt", "hs", "eq"])
      expect(cmp.some((l) => new RegExp(`^cset w\\d+, ${cc}$`).test(l))).toBe(true);
    expect(cmp.some((l) => /^csel x\d+, x\d+, x\d+, ne$/.test(l))).toBe(true);
    expect(funcText(code, 4).some((l) => /^fcsel d\d+, d\d+, d\d+, ne$/.test(l))).toBe(true);
    const vsel = funcText(code, 5);
    expect(hasSequence(vsel, [/^cbnz w\d+, /, /^mov v31\.16b, v\d+\.16b$/])).toBe(true);
  });

  it("counts bits with clz, rbit and the SIMD unit, and rotates left by a negated count", () => {
    const text = funcText(compile(KITCHEN_SINK), 1);
    expect(text.some((l) => /^clz x\d+, x\d+$/.test(l))).toBe(true);
    expect(hasSequence(text, [/^rbit x17, x\d+$/, /^clz x\d+, x17$/])).toBe(true);
    expect(
      hasSequence(text, [/^fmov d31, x\d+$/, "cnt v31.8b, v31.8b", "addv b31, v31.8b", /^fmov w\d+, s31$/]),
    ).toBe(true);
    expect(hasSequence(text, [/^neg w14, w\d+$/, /^ror w\d+, w\d+, w14$/])).toBe(true);
  });

  it("moves bits between register files for reinterpretations", () => {
    const text = funcText(compile(KITCHEN_SINK), 6);
    expect(text.some((l) => /^fmov w\d+, s\d+$/.test(l))).toBe(true);
  });

  it("bounds-checks memory accesses against the size in the context", () => {
    const text = funcText(compile(KITCHEN_SINK), 7);
    const check = (width: number) => [
      "ldr x17, [x28, #0x48]",
      `sub x17, x17, #${width}`,
      "cmp x16, x17",
      /^b\.gt /,
      "ldr x17, [x28, #0x40]",
    ];
    expect(hasSequence(text, [/^mov w16, w\d+$/, ...check(1), /^strb w\d+, \[x17, x16\]$/])).toBe(true);
    // A large static offset is added to the zero-extended address.
    expect(
      hasSequence(text, [
        "mov x16, #0x1170",
        "movk x16, #1, lsl #16",
        /^add x16, x16, w\d+, uxtw$/,
        ...check(8),
        /^str x\d+, \[x17, x16\]$/,
      ]),
    ).toBe(true);
    expect(hasSequence(text, [...check(4), /^str s\d+, \[x17, x16\]$/])).toBe(true);
    expect(hasSequence(text, [...check(2), /^ldrsh x\d+, \[x17, x16\]$/])).toBe(true);
    // memory.grow exits with code 4 and the delta in exit argument 0, then rebuilds x29.
    expect(
      hasSequence(text, [
        "str x16, [x28, #8]",
        "mov w16, #4",
        "str w16, [x28]",
        "ldr x16, [x28, #0x60]",
        "blr x16",
        /^(add x29, sp, #0x[0-9a-f]+|mov x29, sp)$/,
      ]),
    ).toBe(true);
    expect(text.some((l) => /^ldr x\d+, \[x28, #0x800\]$/.test(l))).toBe(true);
    expect(text.some((l) => /^str x\d+, \[x28, #0x800\]$/.test(l))).toBe(true);
  });

  it("dispatches br_table through a jump table of offsets", () => {
    const code = compile(KITCHEN_SINK);
    const text = funcText(code, 8);
    expect(
      hasSequence(text, [
        /^cmp w\d+, #3$/,
        /^b\.hs /,
        /^adr x17, /,
        /^ldrsw x16, \[x17, w\d+, uxtw #2\]$/,
        "add x17, x17, x16",
        "br x17",
      ]),
    ).toBe(true);
    const start = code.bodyOffsets[8];
    const table = code.listing.filter((l) => l.offset >= start && l.text.startsWith(".word")).slice(0, 3);
    expect(table.length).toBe(3);
    const at = table[0].offset;
    for (const entry of table) {
      const delta = new DataView(entry.bytes.buffer, entry.bytes.byteOffset, 4).getInt32(0, true);
      expect(delta).toBeGreaterThan(0);
      expect(code.listing.some((l) => l.offset === at + delta && !l.text.startsWith("."))).toBe(true);
    }
  });

  it("calls through the table mirror after checking bounds, owner and type, else the helper", () => {
    const text = funcText(compile(KITCHEN_SINK), 9);
    expect(
      hasSequence(text, [
        /^ldr w17, \[x28, #0xf88\]$/,
        /^cmp w\d+, w17$/,
        /^b\.hs /,
        "ldr x17, [x28, #0xf80]",
        /^add x17, x17, w\d+, uxtw #4$/,
        "ldr w16, [x17, #0xc]",
        `cmp w16, #${INSTANCE_ID}`,
        /^b\.ne /,
        "ldr w16, [x17, #8]",
        "cmp w16, #0x64",
        /^b\.ne /,
        "ldr x17, [x17]",
      ]),
    ).toBe(true);
    expect(text).toContain("blr x17");
    // The helper exit: code 16 with the IR operation 0x11 in exit argument 0.
    expect(
      hasSequence(text, ["mov x16, #0x11", "str x16, [x28, #8]", "mov w16, #0x10", "str w16, [x28]"]),
    ).toBe(true);
  });

  it("passes helper operands and results in the value area", () => {
    const text = funcText(compile(KITCHEN_SINK), 10);
    // table.get (IR operation 0x25): its operand in value slot 0, the operation in exit argument 0.
    expect(hasSequence(text, [/^str x\d+, \[x28, #0x100\]$/, "str xzr, [x28, #0x10]"])).toBe(true);
    expect(
      hasSequence(text, ["mov x16, #0x25", "str x16, [x28, #8]", "mov w16, #0x10", "str w16, [x28]"]),
    ).toBe(true);
    // table.size (0xfc10) reads its result back from value slot 0.
    expect(
      hasSequence(text, [
        "blr x16",
        /^(add x29, sp, #0x[0-9a-f]+|mov x29, sp)$/,
        /^ldr x\d+, \[x28, #0x100\]$/,
      ]),
    ).toBe(true);
  });

  it("polls for interrupts at loop headers through a resumable handler", () => {
    const code = compile(KITCHEN_SINK);
    const text = funcText(code, 11);
    expect(text.filter((l) => l === "ldr w16, [x28, #0x50]").length).toBe(2);
    const handlerCalls = text.filter((l) => /^bl #0x[0-9a-f]+$/.test(l));
    expect(handlerCalls.length).toBe(2);
    const handler = Number(/#(0x[0-9a-f]+)/.exec(handlerCalls[0])?.[1]);
    const body = code.listing.filter((l) => l.offset >= handler).map((l) => l.text);
    expect(body.slice(0, 2)).toEqual(["stp x29, x30, [sp, #-0x10]!", "mov x29, sp"]);
    expect(body[2]).toMatch(/^sub sp, sp, #0x[0-9a-f]+$/);
    const handlerBody = body.slice(0, body.indexOf("ret") + 1);
    expect(
      hasSequence(handlerBody, ["mov w16, #6", "str w16, [x28]", "ldr x16, [x28, #0x60]", "blr x16"]),
    ).toBe(true);
    // After the resume only sp is defined: the handler unwinds from it, never from x29.
    expect(handlerBody.slice(-3)).toEqual([
      body[2].replace("sub", "add"),
      "ldp x29, x30, [sp], #0x10",
      "ret",
    ]);
    expect(handlerBody).not.toContain("mov sp, x29");
  });

  it("passes more operands than the context holds through the overflow area", () => {
    const params = Array.from({ length: 130 }, () => "i64").join(" ");
    const code = compile(`(module
      (import "m" "f" (func $f (param ${params})))
      (func (export "g") (param ${params}) (call $f ${Array.from({ length: 130 }, (_, i) => `(local.get ${i})`).join(" ")})))`);
    const all = code.listing.map((l) => l.text);
    expect(all.filter((l) => l === "ldr x16, [x28, #0xf68]").length).toBeGreaterThan(0);
  });

  it("compiles functions beyond the reach of conditional branches (veneer islands)", () => {
    // 30,000 stores of 36 bytes each: the early trap branches to the out-of-line code are far.
    const stores = Array.from(
      { length: 30_000 },
      (_, i) => `(i32.store offset=${4096 + i} (local.get 0) (local.get 1))`,
    );
    const { module, funcs } = compileWat(`(module (memory 1)
      (func (export "big") (param i32 i32) (result i32)
        (block $out (br_if $out (local.get 1)) ${stores.join(" ")})
        (local.get 0)))`);
    const code = new Arm64Backend().compileModule(module, funcs, { typeIds: [0], instanceId: 1 });
    expect(code.code.length).toBeGreaterThan(1 << 20);
    // Every b.cond, cbz and cbnz lands inside the code; the far ones reach it through a veneer.
    const words = new Uint32Array(code.code.buffer, code.code.byteOffset, code.code.length / 4);
    let conditional = 0;
    let veneers = 0;
    words.forEach((w, i) => {
      const isBCond = (w & 0xff000010) === 0x54000000;
      const isCb = (w & 0x7e000000) === 0x34000000;
      if (!isBCond && !isCb) return;
      conditional++;
      const target = i + ((((w >>> 5) & 0x7ffff) << 13) >> 13);
      expect(target >= 0 && target < words.length).toBe(true);
      if ((words[target] & 0xfc000000) === 0x14000000) veneers++;
    });
    expect(conditional).toBeGreaterThan(30_000);
    expect(veneers).toBeGreaterThan(1000);
  });
});
