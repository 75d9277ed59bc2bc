/**
 * Labels, fixups and veneer islands of the arm64 assembler. Long-range cases (a tbz over 40 KiB
 * of code, a b.cond over 2 MiB) are checked on the final words: `follow` walks the branch
 * instructions from a start offset, taking or not taking the conditional branch, and the tests
 * assert where control ends up, so a veneer that points anywhere but its label fails.
 */
import { describe, expect, it } from "vitest";
import { AsmError } from "../../src/backend/asm-error.js";
import { Assembler, mem, memIndex } from "../../src/backend-arm64/assembler.js";
import { FixupKind, targetOf } from "../../src/backend-arm64/labels.js";
import { Cond, Extend } from "../../src/backend-arm64/operands.js";
import { w1, x0, x1, x2, x16, x17 } from "../../src/backend-arm64/registers.js";
import { capstone, disassemble } from "./harness.js";

/** The instruction words of finished code. */
function words(code: Uint8Array): Uint32Array {
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  const out = new Uint32Array(code.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/** The branch kind of a word, or null for anything else (treated as straight-line code). */
function branchKind(w: number): FixupKind | null {
  if ((w & 0xfc000000) === 0x14000000) return FixupKind.Branch26; // b
  if ((w & 0xff000010) === 0x54000000) return FixupKind.Branch19; // b.cond
  if ((w & 0x7e000000) === 0x34000000) return FixupKind.Branch19; // cbz/cbnz
  if ((w & 0x7e000000) === 0x36000000) return FixupKind.Branch14; // tbz/tbnz
  return null;
}

/**
 * Follows control from `start`: the first instruction is a conditional branch, taken when
 * `taken`; after it, unconditional `b`s are followed and everything else falls through, until
 * an instruction that is not a nop or a `b` (the marker the test bound its label at).
 */
function follow(ws: Uint32Array, start: number, taken: boolean): number {
  const first = ws[start / 4]!;
  const kind = branchKind(first);
  if (kind === null || kind === FixupKind.Branch26) throw new Error("follow: not a conditional branch");
  let pc = taken ? targetOf(kind, first, start) : start + 4;
  for (let jumps = 0; jumps < 1000; jumps++) {
    while (ws[pc / 4] === NOP) pc += 4;
    const w = ws[pc / 4]!;
    if (branchKind(w) !== FixupKind.Branch26) return pc;
    pc = targetOf(FixupKind.Branch26, w, pc);
  }
  throw new Error("follow: loop");
}

const NOP = 0xd503201f;
const MARK_TAKEN = 0xd4200020; // brk #1
const MARK_FALL = 0xd4200040; // brk #2

function nops(a: Assembler, bytes: number): void {
  for (let i = 0; i < bytes; i += 4) a.nop();
}

describe("arm64 labels", () => {
  it("binds forward and backward references", () => {
    const a = new Assembler({ listing: true });
    const back = a.here();
    const fwd = a.newLabel();
    a.b(fwd);
    a.bCond(Cond.NE, back);
    a.cbz(x0, fwd);
    a.tbnz(x1, 63, back);
    a.bind(fwd);
    a.b(back);
    a.finish();
    expect(a.listing().map((l) => `${l.offset} ${l.text}`)).toEqual([
      "0 b #0x10",
      "4 b.ne #0",
      "8 cbz x0, #0x10",
      "12 tbnz x1, #0x3f, #0",
      "16 b #0",
    ]);
  });

  it("rejects a label bound twice, an unbound label and a label of another assembler", () => {
    const a = new Assembler();
    const l = a.here();
    expect(() => a.bind(l)).toThrow(/bound twice/);
    const unbound = a.newLabel();
    a.cbz(x0, unbound);
    expect(() => a.finish()).toThrow(/L1 is referenced but never bound/);
    const other = new Assembler().newLabel();
    expect(() => new Assembler().b(other)).toThrow(/another assembler/);
    const b = new Assembler();
    b.b(b.newLabel());
    expect(() => b.finish()).toThrow(AsmError);
    const c = new Assembler();
    const t = c.newLabel();
    c.dataLabelDiff(t, c.here());
    expect(() => c.finish()).toThrow(/jump table word at 0x0: label L0 is never bound/);
  });

  it("emits jump tables of label differences and data words", async () => {
    const a = new Assembler({ listing: true });
    const table = a.newLabel();
    const cases = [a.newLabel(), a.newLabel()];
    a.adr(x16, table);
    a.ldrsw(x17, memIndex(x16, w1, Extend.SXTW, true));
    a.add(x16, x16, x17);
    a.br(x16);
    a.bind(table);
    for (const c of cases) a.dataLabelDiff(c, table);
    a.data32(-1);
    a.data32(0xdeadbeef);
    a.data64(0x0123456789abcdefn);
    a.data64(-2);
    a.bind(cases[0]!);
    a.nop();
    a.bind(cases[1]!);
    a.ret();
    const code = a.finish();
    const ws = words(code);
    expect([...ws.slice(4, 12)]).toEqual([
      32, 36, 0xffffffff, 0xdeadbeef, 0x89abcdef, 0x01234567, 0xfffffffe, 0xffffffff,
    ]);
    expect(a.listing().map((l) => l.text)).toEqual([
      "adr x16, #0x10",
      "ldrsw x17, [x16, w1, sxtw #2]",
      "add x16, x16, x17",
      "br x16",
      ".word L1 - L0",
      ".word L2 - L0",
      ".word 0xffffffff",
      ".word 0xdeadbeef",
      ".word 0x89abcdef",
      ".word 0x01234567",
      ".word 0xfffffffe",
      ".word 0xffffffff",
      "nop",
      "ret",
    ]);
    const cs = await capstone();
    const decoded = disassemble(cs, code);
    expect(decoded.slice(0, 4)).toEqual(
      a
        .listing()
        .map((l) => l.text)
        .slice(0, 4),
    );
    expect(decoded.slice(12)).toEqual(["nop", "ret"]);
    expect(() => a.data32(0)).toThrow(/after finish/);
    expect(() => new Assembler().data32(2 ** 32)).toThrow(/does not fit 32 bits/);
    expect(() => new Assembler().data64(2 ** 64)).toThrow(/not a safe integer/);
    expect(() => new Assembler().data64(2n ** 64n)).toThrow(/does not fit 64 bits/);
  });

  it("aligns with nops and refuses a listing it did not record", () => {
    const a = new Assembler();
    a.nop();
    a.align(16);
    expect(a.offset).toBe(16);
    expect(() => a.align(6)).toThrow(AsmError);
    a.finish();
    expect(() => a.listing()).toThrow(/without \{ listing: true \}/);
    const b = new Assembler({ listing: true });
    expect(() => b.listing()).toThrow(/finish\(\) first/);
  });

  it("reaches adrp pages and checks adr and literal ranges", () => {
    const a = new Assembler({ listing: true });
    const far = a.newLabel();
    a.nop();
    a.adrp(x0, far);
    nops(a, 0x3000);
    a.bind(far);
    a.finish();
    expect(a.listing()[1]!.text).toBe("adrp x0, #0x3000");
    const b = new Assembler();
    const l = b.newLabel();
    b.adr(x0, l);
    nops(b, 1 << 20);
    expect(() => b.bind(l)).toThrow(/adr imm21/);
    const c = new Assembler();
    const lit = c.newLabel();
    c.ldrLiteral(x0, lit);
    nops(c, 1 << 20);
    expect(() => c.bind(lit)).toThrow(/imm19/);
  });
});

describe("arm64 veneers", () => {
  it("a tbz over 40 KiB of code reaches its label through a veneer", () => {
    const a = new Assembler({ listing: true });
    const target = a.newLabel();
    a.tbz(x2, 5, target);
    a.emit(MARK_FALL, "brk #2");
    const nopAt: number[] = [];
    for (let i = 0; i < 40 * 1024; i += 4) nopAt.push(a.emit(NOP, "nop"));
    a.bind(target);
    expect(a.emit(MARK_TAKEN, "brk #1")).toBe(target.pos);
    const ws = words(a.finish());
    // emit returns where each word landed, after any island placed before it.
    expect(nopAt.filter((at) => ws[at / 4] !== NOP)).toEqual([]);
    expect(new Set(nopAt).size).toBe(nopAt.length);
    expect(a.islands).toBe(1);
    expect(follow(ws, 0, true)).toBe(target.pos);
    expect(follow(ws, 0, false)).toBe(4);
    // The island: a `b` over it, then the veneer the tbz now points to.
    const tbzTarget = targetOf(FixupKind.Branch14, ws[0]!, 0);
    expect(tbzTarget).toBeLessThan(32 * 1024);
    const island = tbzTarget - 4;
    const listing = a.listing();
    expect(listing[island / 4]!.text).toBe(`b #0x${(island + 8).toString(16)}`);
    expect(listing[tbzTarget / 4]!.text).toBe(`b #0x${target.pos.toString(16)}`);
    expect(listing[0]!.text).toBe(`tbz w2, #5, #0x${tbzTarget.toString(16)}`);
  });

  it("a b.cond over 2 MiB reaches its label through a veneer", () => {
    const a = new Assembler();
    const target = a.newLabel();
    a.bCond(Cond.HS, target);
    a.emit(MARK_FALL);
    nops(a, 2 * 1024 * 1024);
    a.bind(target);
    a.emit(MARK_TAKEN);
    const ws = words(a.finish());
    expect(a.islands).toBe(1);
    expect(ws[0]! & 0xf).toBe(Cond.HS);
    expect(follow(ws, 0, true)).toBe(target.pos);
    expect(follow(ws, 0, false)).toBe(4);
  });

  it("maybeEmitIsland places islands at the caller's points, only for branches near their deadline", () => {
    const a = new Assembler();
    const far = a.newLabel();
    const near = a.newLabel();
    const later = a.newLabel();
    a.cbnz(w1, far); // deadline 1 MiB: no veneer needed by the tbz's island
    a.tbz(x0, 0, later);
    a.tbnz(x0, 1, near);
    const points: number[] = [];
    for (let block = 0; block < 40; block++) {
      if (a.maybeEmitIsland(1024)) points.push(a.offset);
      if (block === 2) {
        a.bind(near);
        a.emit(MARK_TAKEN);
      }
      nops(a, 1024);
    }
    a.bind(later);
    a.emit(MARK_TAKEN);
    nops(a, 8);
    a.bind(far);
    a.emit(MARK_TAKEN);
    expect(a.maybeEmitIsland()).toBe(false);
    const ws = words(a.finish());
    expect(a.islands).toBe(1);
    expect(points.length).toBe(1);
    expect(follow(ws, 4, true)).toBe(later.pos);
    expect(follow(ws, 8, true)).toBe(near.pos);
    expect(follow(ws, 0, true)).toBe(far.pos);
    // Only the tbz got a veneer: the cbnz and the tbnz (bound early) point straight at their labels.
    expect(targetOf(FixupKind.Branch19, ws[0]!, 0)).toBe(far.pos);
    expect(targetOf(FixupKind.Branch14, ws[2]!, 8)).toBe(near.pos);
    expect(targetOf(FixupKind.Branch14, ws[1]!, 4)).toBe(points[0]! - 4);
  });

  it("many pending short branches get one veneer each", () => {
    const a = new Assembler();
    const targets = Array.from({ length: 50 }, () => a.newLabel());
    targets.forEach((t, i) => {
      a.tbz(x0, i, t);
    });
    nops(a, 36 * 1024);
    for (const t of targets) {
      a.bind(t);
      a.emit(MARK_TAKEN);
    }
    const ws = words(a.finish());
    targets.forEach((t, i) => {
      expect(follow(ws, 4 * i, true)).toBe(t.pos);
    });
    expect(follow(ws, 4 * 49, false)).toBeGreaterThan(4 * 49);
  });

  it("branches to one label share its veneer", () => {
    const a = new Assembler();
    const target = a.newLabel();
    const other = a.newLabel();
    for (let i = 0; i < 20; i++) a.cbnz(x0, target);
    a.tbz(x1, 7, other);
    a.tbnz(x1, 8, target);
    const before = a.offset;
    nops(a, 40 * 1024);
    const islandWords = (a.offset - before) / 4 - 10 * 1024;
    a.bind(target);
    a.emit(MARK_TAKEN);
    a.bind(other);
    a.emit(MARK_FALL);
    const ws = words(a.finish());
    expect(a.islands).toBe(1);
    expect(islandWords).toBe(3); // the b over the island and one veneer per label (tbz and tbnz only)
    expect(follow(ws, 20 * 4, true)).toBe(other.pos);
    expect(follow(ws, 21 * 4, true)).toBe(target.pos);
    for (let i = 0; i < 20; i++) expect(targetOf(FixupKind.Branch19, ws[i]!, i * 4)).toBe(target.pos);
  });

  it("an island due right at a backward branch is placed before its range check", () => {
    const a = new Assembler();
    const top = a.here();
    a.emit(MARK_TAKEN);
    nops(a, 20);
    const fwd = a.newLabel();
    a.tbz(x0, 0, fwd); // at 24: its island is due when the code reaches 24 + 32744
    nops(a, 32768 - a.offset);
    expect(a.offset).toBe(32768); // a tbnz here reaches top (−32768) only if no island comes first
    a.tbnz(x1, 1, top);
    a.bind(fwd);
    a.emit(MARK_FALL);
    const ws = words(a.finish());
    expect(a.islands).toBe(1);
    // The island (b + veneer) went first, then the inverted branch over a b to top.
    expect(follow(ws, 32768 + 8, false)).toBe(top.pos);
    expect(follow(ws, 32768 + 8, true)).toBe(fwd.pos);
    expect(follow(ws, 24, true)).toBe(fwd.pos);
  });

  it("backward short branches out of range become an inverted branch over a b", () => {
    const a = new Assembler({ listing: true });
    const top = a.here();
    a.emit(MARK_TAKEN, "brk #1");
    nops(a, 40 * 1024);
    const at = a.offset;
    a.tbnz(x0, 3, top);
    a.cbz(x1, top);
    a.emit(MARK_FALL, "brk #2");
    nops(a, 1024 * 1024);
    const at2 = a.offset;
    a.bCond(Cond.GT, top);
    a.emit(MARK_FALL, "brk #2");
    a.finish();
    const text = a.listing().map((l) => l.text);
    expect(text.slice(at / 4, at / 4 + 3)).toEqual([
      `tbz w0, #3, #0x${(at + 8).toString(16)}`,
      "b #0",
      `cbz x1, #0`,
    ]);
    expect(text.slice(at2 / 4, at2 / 4 + 3)).toEqual([`b.le #0x${(at2 + 8).toString(16)}`, "b #0", "brk #2"]);
  });

  it("data words never trigger an island: maybeEmitIsland(table size) goes before a table", () => {
    const late = new Assembler();
    late.tbz(x0, 0, late.newLabel());
    nops(late, 32 * 1024 - 64);
    for (let i = 0; i < 64; i++) late.data32(i);
    expect(() => late.nop()).toThrow(/tbz imm14/);

    const a = new Assembler();
    const target = a.newLabel();
    a.tbz(x0, 0, target);
    nops(a, 32 * 1024 - 64);
    expect(a.maybeEmitIsland(256)).toBe(true);
    for (let i = 0; i < 64; i++) a.data32(i);
    a.ldr(x0, mem(x1));
    a.bind(target);
    a.emit(MARK_TAKEN);
    const ws = words(a.finish());
    const firstData = (32 * 1024 - 64 + 4 + 8) / 4;
    expect([...ws.slice(firstData, firstData + 64)]).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(follow(ws, 0, true)).toBe(target.pos);
  });
});
