/**
 * Labels and fixups: forward and backward branches, the rel8/rel32 boundaries (+127/-128),
 * forced widths, RIP-relative operands followed by immediates, jump-table words, and the errors
 * for misuse (unbound at finish, bound twice, foreign labels, short branches out of range).
 * Every emitted sequence is also decoded with capstone and compared with the printer.
 */
import type { Capstone } from "capstone-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AsmError,
  Assembler,
  Cond,
  mem,
  r8,
  rax,
  rcx,
  ripRel,
  S32,
  S64,
  xmm1,
} from "../../src/backend-amd64/index.js";
import { capstone, disassemble, hex } from "./harness.js";

let cs: Capstone;
beforeAll(async () => {
  cs = await capstone();
});

/** Finishes `a` and checks that capstone decodes the whole buffer to the assembler's own listing. */
function finishChecked(a: Assembler): Uint8Array {
  const code = a.finish();
  const decoded = disassemble(cs, code);
  expect(decoded.map((d) => d.text)).toEqual(a.listing().map((l) => l.text));
  expect(decoded.reduce((n, d) => n + d.size, 0)).toBe(code.length);
  return code;
}

/** Emits exactly `n` bytes of single-byte NOPs (so offsets are easy to reason about). */
function pad(a: Assembler, n: number): void {
  for (let i = 0; i < n; i++) a.nop(1);
}

/** The last instruction's text in the listing. */
function lastText(a: Assembler): string {
  return a.listing().at(-1)!.text;
}

function expectAsmError(fn: () => unknown, message: string): void {
  let error: unknown = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AsmError);
  expect((error as Error).message).toBe(message);
}

describe("backward branches", () => {
  it("use rel8 down to -128 from the end of the 2-byte form", () => {
    const a = new Assembler({ listing: true });
    const top = a.newLabel();
    a.bind(top);
    pad(a, 126);
    a.jmp(top);
    const code = finishChecked(a);
    expect(hex(code.subarray(126))).toBe("eb80");
    expect(lastText(a)).toBe("jmp 0");
  });

  it("switch to rel32 one byte further (-129)", () => {
    const a = new Assembler({ listing: true });
    const top = a.newLabel();
    a.bind(top);
    pad(a, 127);
    a.jmp(top);
    const code = finishChecked(a);
    expect(hex(code.subarray(127))).toBe(`e9${hex(le32(-132))}`);
  });

  it("apply the same boundary to jcc (rel8 72 / rel32 0f 82)", () => {
    const a = new Assembler({ listing: true });
    const top = a.newLabel();
    a.bind(top);
    pad(a, 126);
    a.jcc(Cond.B, top);
    pad(a, 1);
    a.jcc(Cond.B, top);
    const code = finishChecked(a);
    expect(hex(code.subarray(126, 128))).toBe("7280");
    expect(hex(code.subarray(129))).toBe(`0f82${hex(le32(-135))}`);
  });

  it("honour 'near' (rel32 even when rel8 fits) and reject 'short' out of range at once", () => {
    const a = new Assembler({ listing: true });
    const top = a.newLabel();
    a.bind(top);
    a.jmp(top, "near");
    a.jcc(Cond.E, top, "near");
    expect(hex(finishChecked(a))).toBe(`e9${hex(le32(-5))}0f84${hex(le32(-11))}`);

    const b = new Assembler();
    const l = b.newLabel();
    b.bind(l);
    pad(b, 127);
    expectAsmError(
      () => b.jmp(l, "short"),
      "jmp at 0x7f: short branch to L0 at 0x0 is -129 bytes away, outside the rel8 range -128..127",
    );
    expectAsmError(
      () => b.jcc(Cond.NE, l, "short"),
      "jne at 0x7f: short branch to L0 at 0x0 is -129 bytes away, outside the rel8 range -128..127",
    );
  });
});

describe("forward branches", () => {
  it("default to rel32 and are patched when the label is bound", () => {
    const a = new Assembler({ listing: true });
    const end = a.newLabel();
    a.jmp(end);
    a.jcc(Cond.NE, end);
    a.call(end);
    pad(a, 3);
    a.bind(end);
    a.ret();
    const code = finishChecked(a);
    // jmp ends at 5 (target 19: +14), jne ends at 11 (+8), call ends at 16 (+3).
    expect(hex(code)).toBe(`e9${hex(le32(14))}0f85${hex(le32(8))}e8${hex(le32(3))}909090c3`);
    expect(a.listing().map((l) => l.text)).toEqual([
      "jmp 0x13",
      "jne 0x13",
      "call 0x13",
      "nop",
      "nop",
      "nop",
      "ret",
    ]);
  });

  it("use rel8 with 'short' up to +127", () => {
    const a = new Assembler({ listing: true });
    const end = a.newLabel();
    a.jmp(end, "short");
    pad(a, 127);
    a.bind(end);
    const code = finishChecked(a);
    expect(hex(code.subarray(0, 2))).toBe("eb7f");
  });

  it("reject a 'short' forward branch at bind when the distance is +128", () => {
    const a = new Assembler();
    const end = a.newLabel();
    a.jcc(Cond.L, end, "short");
    pad(a, 128);
    expectAsmError(
      () => a.bind(end),
      "reference at offset 0x0 to L0 (bound at 0x82): distance 128 does not fit the rel8 range -128..127",
    );
  });

  it("patch every reference to a label, before and after binding", () => {
    const a = new Assembler({ listing: true });
    const mid = a.newLabel();
    a.jmp(mid, "short");
    a.jcc(Cond.E, mid);
    a.bind(mid);
    a.jmp(mid);
    a.call(mid);
    const code = finishChecked(a);
    expect(hex(code)).toBe(`eb06${"0f84"}${hex(le32(0))}ebfe` + `e8${hex(le32(-7))}`);
  });
});

describe("RIP-relative operands", () => {
  it("are relative to the end of the instruction, including a trailing immediate", () => {
    const a = new Assembler({ listing: true });
    const pool = a.newLabel();
    a.cmp(S32, ripRel(pool), 0x1234); // 81 3d disp32 imm32: 10 bytes
    a.add(S64, rax, ripRel(pool, 8)); // 48 03 05 disp32: 7 bytes
    a.pinsrd(xmm1, ripRel(pool), 1); // 66 0f 3a 22 0d disp32 ib: 10 bytes
    a.ret();
    a.align(16, "zero");
    a.bind(pool);
    const code = a.finish();
    expect(pool.pos).toBe(32);
    expect(hex(code.subarray(2, 6))).toBe(hex(le32(32 - 10)));
    expect(hex(code.subarray(13, 17))).toBe(hex(le32(32 + 8 - 17)));
    expect(hex(code.subarray(22, 26))).toBe(hex(le32(32 - 27)));
    const decoded = disassemble(cs, code.subarray(0, 28));
    expect(decoded.map((d) => d.text)).toEqual(
      a
        .listing()
        .slice(0, 4)
        .map((l) => l.text),
    );
    expect(decoded.map((d) => d.text)).toEqual([
      "cmp dword ptr [rip + 0x16], 0x1234",
      "add rax, qword ptr [rip + 0x17]",
      "pinsrd xmm1, dword ptr [rip + 5], 1",
      "ret",
    ]);
  });

  it("reach backwards to a label bound earlier", () => {
    const a = new Assembler({ listing: true });
    const c = a.newLabel();
    a.bind(c);
    a.data64(0x3ff0000000000000n);
    const start = a.offset;
    a.movsd(xmm1, ripRel(c));
    const code = a.finish();
    expect(hex(code.subarray(start))).toBe(`f20f100d${hex(le32(-16))}`);
    expect(lastText(a)).toBe("movsd xmm1, qword ptr [rip - 0x10]");
  });
});

describe("jump tables", () => {
  it("store target - base as 32-bit words, forward and backward", () => {
    const a = new Assembler({ listing: true });
    const back = a.newLabel();
    const fwd = a.newLabel();
    a.bind(back);
    a.ret();
    const table = a.newLabel();
    a.bind(table);
    a.dataLabelDiff32(back, table);
    a.dataLabelDiff32(fwd, table);
    a.bind(fwd);
    a.ret();
    const code = a.finish();
    expect(hex(code)).toBe(`c3${hex(le32(-1))}${hex(le32(8))}c3`);
    expect(a.listing().map((l) => l.text)).toEqual(["ret", ".long L0 - L2", ".long L1 - L2", "ret"]);
  });

  it("need the base label bound first", () => {
    const a = new Assembler();
    const t = a.newLabel();
    expectAsmError(
      () => a.dataLabelDiff32(t, a.newLabel()),
      "dataLabelDiff32: base L1 must be bound before use",
    );
  });
});

describe("label misuse", () => {
  it("reports unbound labels at finish with the offsets that use them", () => {
    const a = new Assembler();
    const l0 = a.newLabel();
    const l1 = a.newLabel();
    a.jmp(l0);
    a.mov(S64, rax, ripRel(l1));
    a.jcc(Cond.E, l0);
    expectAsmError(() => a.finish(), "unbound labels: L0 (used at 0x0, 0xc); L1 (used at 0x8)");
    a.bind(l0);
    expectAsmError(() => a.finish(), "unbound label: L1 (used at 0x8)");
    a.bind(l1);
    expect(a.finish().length).toBe(18);
  });

  it("lists unbound targets by name until they are bound", () => {
    const a = new Assembler({ listing: true });
    const l = a.newLabel();
    a.jmp(l);
    a.lea(S64, r8, ripRel(l, 4));
    expect(a.listing().map((x) => x.text)).toEqual(["jmp L0", "lea r8, [rip + L0 + 4]"]);
    a.bind(l);
    expect(a.listing().map((x) => x.text)).toEqual(["jmp 0xc", "lea r8, [rip + 4]"]);
  });

  it("rejects binding twice, foreign labels, bad widths and listing without the option", () => {
    const a = new Assembler();
    const l = a.newLabel();
    a.bind(l);
    expectAsmError(() => a.bind(l), "L0 is already bound at offset 0x0");
    const other = new Assembler().newLabel();
    expectAsmError(() => a.jmp(other), "L0 was not created by this assembler");
    expectAsmError(() => a.call(other), "L0 was not created by this assembler");
    expectAsmError(() => a.bind(other), "L0 was not created by this assembler");
    expectAsmError(() => a.mov(S64, rax, ripRel(other)), "L0 was not created by this assembler");
    expectAsmError(() => a.jmp(l, "far" as never), "jmp: branch width far is not auto, short or near");
    expectAsmError(() => a.listing(), "listing() needs an assembler created with { listing: true }");
  });
});

describe("a small function", () => {
  it("assembles a counted loop that capstone decodes to the printer's text", () => {
    const a = new Assembler({ listing: true });
    const loop = a.newLabel();
    const done = a.newLabel();
    a.xor(S32, rax, rax);
    a.test(S32, rcx, rcx);
    a.jcc(Cond.E, done, "short");
    a.align(16);
    a.bind(loop);
    a.add(S64, rax, mem(r8, 8));
    a.dec(S32, rcx);
    a.jcc(Cond.NE, loop);
    a.bind(done);
    a.ret();
    const code = finishChecked(a);
    expect(a.listing().map((l) => `${l.offset.toString(16)}: ${l.text}`)).toEqual([
      "0: xor eax, eax",
      "2: test ecx, ecx",
      "4: je 0x18",
      "6: nop word ptr [rax + rax]",
      "f: nop",
      "10: add rax, qword ptr [r8 + 8]",
      "14: dec ecx",
      "16: jne 0x10",
      "18: ret",
    ]);
    expect(code.length).toBe(0x19);
  });
});

function le32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, v, true);
  return b;
}
