/**
 * Fuzz-style check: a seeded generator emits a few thousand random valid instructions (random
 * registers including r8-r15/xmm8-15/ymm8-15, operand sizes, memory operands with random base,
 * index, scale and boundary-biased displacements, RIP-relative operands in both directions, and
 * boundary-biased immediates) into one buffer. Capstone must decode the buffer into exactly the
 * emitted instructions: same boundaries (each instruction consumed exactly) and the same text as
 * the assembler's printer.
 */
import type { Capstone } from "capstone-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  Assembler,
  absolute,
  GPRS,
  type Gpr,
  type Label,
  Mem,
  mem,
  memIndex,
  ripRel,
  type Scale,
  type Size,
  XMMS,
  YMMS,
} from "../../src/backend-amd64/index.js";
import { capstone, normalise } from "./harness.js";

/** mulberry32: a small, fast, seedable PRNG. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Arg =
  | Gpr
  | Mem
  | number
  | bigint
  | string
  | Label
  | { readonly kind: "xmm" | "ymm"; readonly num: number };
type Emit = readonly [string, readonly Arg[]];

class Gen {
  readonly next: () => number;
  constructor(
    seed: number,
    readonly labels: readonly Label[],
  ) {
    this.next = rng(seed);
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  gpr(): Gpr {
    return GPRS[this.int(16)]!;
  }

  xmm(): (typeof XMMS)[number] {
    return XMMS[this.int(16)]!;
  }

  ymm(): (typeof YMMS)[number] {
    return YMMS[this.int(16)]!;
  }

  disp(): number {
    return this.pick([
      0,
      0,
      1,
      -1,
      8,
      127,
      -128,
      128,
      -129,
      0x7fffffff,
      -0x80000000,
      this.int(2 ** 32) - 2 ** 31,
    ]);
  }

  mem(): Mem {
    const r = this.int(20);
    if (r === 0) return ripRel(this.pick(this.labels), this.pick([0, 4, -16, 100]));
    if (r === 1) return absolute(this.disp());
    const index =
      this.int(2) === 0 ? null : GPRS[this.pick([0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])]!;
    const scale = this.pick<Scale>([1, 2, 4, 8]);
    if (index === null) return mem(this.gpr(), this.disp());
    return memIndex(r === 2 ? null : this.gpr(), index, scale, this.disp());
  }

  size(): Size {
    return this.pick<Size>([8, 16, 32, 64]);
  }

  /** An immediate valid for a `size`-bit operation, biased to encoding boundaries. */
  imm(size: Size): number {
    const lim = size === 64 ? [-(2 ** 31), 2 ** 31 - 1] : [-(2 ** (size - 1)), 2 ** size - 1];
    const candidates = [
      0,
      1,
      -1,
      127,
      -128,
      128,
      -129,
      255,
      0x7fff,
      -0x8000,
      0xffff,
      2 ** 31 - 1,
      -(2 ** 31),
    ];
    const v = this.int(3) === 0 ? lim[0]! + this.int(lim[1]! - lim[0]! + 1) : this.pick(candidates);
    return v < lim[0]! || v > lim[1]! ? 0 : v;
  }

  gprOrMem(): Gpr | Mem {
    return this.int(3) === 0 ? this.mem() : this.gpr();
  }

  xmmOrMem(): Arg {
    return this.int(3) === 0 ? this.mem() : this.xmm();
  }
}

const ALU = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
const UNARY = ["inc", "dec", "neg", "not", "mul", "div", "idiv"];
const SHIFTS = ["shl", "shr", "sar", "rol", "ror"];
const BITS = ["popcnt", "lzcnt", "tzcnt", "bsf", "bsr"];
const SSE_RM = [
  ..."add sub mul div min max sqrt".split(" ").flatMap((b) => ["ss", "sd", "ps", "pd"].map((t) => b + t)),
  ..."and andn or xor unpckl unpckh".split(" ").flatMap((b) => [`${b}ps`, `${b}pd`]),
  ..."ucomiss ucomisd comiss comisd cvtss2sd cvtsd2ss cvtps2pd cvtpd2ps cvtdq2ps cvttps2dq cvtps2dq".split(
    " ",
  ),
  ..."cvtdq2pd cvttpd2dq cvtpd2dq movddup blendvps blendvpd pblendvb pshufb ptest".split(" "),
  ..."paddb paddw paddd paddq psubb psubw psubd psubq paddsb paddsw paddusb paddusw psubsb psubsw".split(" "),
  ..."psubusb psubusw pmullw pmulld pmuludq pmuldq pmulhw pmulhuw pmulhrsw pmaddwd pmaddubsw pand".split(" "),
  ..."pandn por pxor pcmpeqb pcmpeqw pcmpeqd pcmpeqq pcmpgtb pcmpgtw pcmpgtd pcmpgtq pminsb pminsw".split(
    " ",
  ),
  ..."pminsd pminub pminuw pminud pmaxsb pmaxsw pmaxsd pmaxub pmaxuw pmaxud pavgb pavgw pabsb pabsw".split(
    " ",
  ),
  ..."pabsd packsswb packssdw packuswb packusdw punpcklbw punpcklwd punpckldq punpcklqdq punpckhbw".split(
    " ",
  ),
  ..."punpckhwd punpckhdq punpckhqdq".split(" "),
  ..."bw bd bq wd wq dq".split(" ").flatMap((s) => [`pmovsx${s}`, `pmovzx${s}`]),
];
const SSE_RMI: readonly (readonly [string, number])[] = [
  ["roundss", 15],
  ["roundsd", 15],
  ["roundps", 15],
  ["roundpd", 15],
  ["shufps", 255],
  ["shufpd", 3],
  ["blendps", 15],
  ["blendpd", 3],
  ["insertps", 255],
  ["pshufd", 255],
  ["pshuflw", 255],
  ["pshufhw", 255],
  ["palignr", 255],
  ["pblendw", 255],
  ["cmpss", 7],
  ["cmpsd", 7],
  ["cmpps", 7],
  ["cmppd", 7],
];
const SSE_SHIFTS = "psllw pslld psllq psrlw psrld psrlq psraw psrad".split(" ");
const SSE_MOVES = "movss movsd movaps movups movapd movupd movdqa movdqu".split(" ");
const HALF_MOVES = "movlps movhps movlpd movhpd".split(" ");
const LANES: readonly (readonly [string, number])[] = [
  ["pinsrb", 15],
  ["pinsrw", 7],
  ["pinsrd", 3],
  ["pinsrq", 1],
  ["pextrb", 15],
  ["pextrw", 7],
  ["pextrd", 3],
  ["pextrq", 1],
  ["extractps", 3],
];
const AVX_PACKED = [
  ..."add sub mul div min max and andn or xor unpckl unpckh"
    .split(" ")
    .flatMap((b) => [`v${b}ps`, `v${b}pd`]),
  ...SSE_RM.filter((n) => /^p(add|sub|mul|madd|and|or|xor|cmp|min|max|avg|shufb|pack|unpck)/.test(n)).map(
    (n) => `v${n}`,
  ),
];
const AVX_SCALAR = "add sub mul div min max sqrt".split(" ").flatMap((b) => [`v${b}ss`, `v${b}sd`]);
const AVX_2OP = "vsqrtps vsqrtpd vcvtdq2ps vcvttps2dq vpabsb vpabsw vpabsd vptest".split(" ");
const AVX_WIDEN = [
  ..."bw bd bq wd wq dq".split(" ").flatMap((s) => [`vpmovsx${s}`, `vpmovzx${s}`]),
  ..."vbroadcastss vpbroadcastb vpbroadcastw vpbroadcastd vpbroadcastq".split(" "),
];
const AVX_RVMI = "vshufps vshufpd vblendps vblendpd vpalignr vpblendw vcmpps vcmppd".split(" ");
const AVX_RMI = "vroundps vroundpd vpshufd vpshuflw vpshufhw".split(" ");
const AVX_MOVES = SSE_MOVES.slice(2).map((n) => `v${n}`);

/** One random valid instruction: method name and arguments. */
function randomInstruction(g: Gen): Emit {
  const size = g.size();
  const wide = g.pick<Size>([16, 32, 64]);
  switch (g.int(31)) {
    case 0:
    case 1: {
      const dst = g.gprOrMem();
      const src = g.int(3) === 0 ? g.imm(size) : dst.kind === "mem" ? g.gpr() : g.gprOrMem();
      return [g.pick(ALU), [size, dst, src]];
    }
    case 2: {
      const dst = g.gprOrMem();
      if (g.int(2) === 0) {
        const v = g.imm(size);
        return ["mov", [size, dst, dst.kind === "gpr" && size === 64 && g.int(2) === 0 ? g.int(2 ** 32) : v]];
      }
      return ["mov", [size, dst, dst.kind === "mem" ? g.gpr() : g.gprOrMem()]];
    }
    case 3:
      return ["test", [size, g.gprOrMem(), g.int(2) === 0 ? g.imm(size) : g.gpr()]];
    case 4:
      return [g.pick(UNARY), [size, g.gprOrMem()]];
    case 5:
      return [
        g.pick(SHIFTS),
        [size, g.gprOrMem(), g.pick<number | string>(["cl", 1, g.int(size === 64 ? 64 : 32)])],
      ];
    case 6:
      return g.int(2) === 0
        ? ["imul", [wide, g.gpr(), g.gprOrMem()]]
        : ["imul3", [wide, g.gpr(), g.gprOrMem(), g.imm(wide)]];
    case 7:
      return g.int(2) === 0
        ? ["setcc", [g.int(16), g.gprOrMem()]]
        : ["cmovcc", [g.int(16), wide, g.gpr(), g.gprOrMem()]];
    case 8: {
      const op = g.pick(["lea", "movzx", "movsx", "movsxd", "bswap", "xchg", ...BITS]);
      if (op === "lea") return [op, [wide, g.gpr(), g.mem()]];
      if (op === "movzx" || op === "movsx") {
        const from = wide === 16 ? 8 : g.pick([8, 16]);
        return [op, [wide, g.gpr(), from, g.gprOrMem()]];
      }
      if (op === "movsxd") return [op, [g.gpr(), g.gprOrMem()]];
      if (op === "bswap") return [op, [g.pick([32, 64]), g.gpr()]];
      if (op === "xchg") return [op, [size, g.gprOrMem(), g.gpr()]];
      return [op, [wide, g.gpr(), g.gprOrMem()]];
    }
    case 9: {
      const r = g.int(6);
      if (r === 0) return ["push", [g.int(2) === 0 ? g.gprOrMem() : g.imm(64)]];
      if (r === 1) return ["pop", [g.gprOrMem()]];
      if (r === 2) return [g.pick(["jmp", "call"]), [g.gprOrMem()]];
      if (r === 3)
        return [
          "movImm64",
          [g.gpr(), BigInt.asIntN(64, BigInt(g.int(2 ** 32)) * BigInt(g.int(2 ** 32) + 1))],
        ];
      if (r === 4) return ["nop", [1 + g.int(9)]];
      return [g.pick(["cdq", "cqo", "ret", "int3", "ud2"]), []];
    }
    case 10:
    case 11:
    case 12:
      return [g.pick(SSE_RM), [g.xmm(), g.xmmOrMem()]];
    case 13: {
      const [name, max] = g.pick(SSE_RMI);
      return [name, [g.xmm(), g.xmmOrMem(), g.int(max + 1)]];
    }
    case 14: {
      const name = g.pick([...SSE_SHIFTS, "pslldq", "psrldq"]);
      const byImm = name.endsWith("dq") || g.int(2) === 0;
      return [name, [g.xmm(), byImm ? g.int(256) : g.xmmOrMem()]];
    }
    case 15: {
      const name = g.pick([...SSE_MOVES, ...HALF_MOVES]);
      const half = HALF_MOVES.includes(name);
      if (g.int(2) === 0) return [name, [g.mem(), g.xmm()]];
      return [name, [g.xmm(), half ? g.mem() : g.xmmOrMem()]];
    }
    case 16: {
      const [name, max] = g.pick(LANES);
      const lane = g.int(max + 1);
      return name.startsWith("pins")
        ? [name, [g.xmm(), g.gprOrMem(), lane]]
        : [name, [g.gprOrMem(), g.xmm(), lane]];
    }
    case 17: {
      const r = g.int(4);
      const cvt = g.pick(["cvtsi2ss", "cvtsi2sd", "cvttss2si", "cvttsd2si", "cvtss2si", "cvtsd2si"]);
      if (r === 0)
        return cvt.startsWith("cvtsi")
          ? [cvt, [g.xmm(), g.pick([32, 64]), g.gprOrMem()]]
          : [cvt, [g.pick([32, 64]), g.gpr(), g.xmmOrMem()]];
      if (r === 1) {
        const name = g.pick(["movd", "movq"]);
        return g.int(2) === 0 ? [name, [g.xmm(), g.gprOrMem()]] : [name, [g.gprOrMem(), g.xmm()]];
      }
      if (r === 2) return [g.pick(["movmskps", "movmskpd", "pmovmskb"]), [g.gpr(), g.xmm()]];
      return [g.pick(["movlhps", "movhlps", "movq"]), [g.xmm(), g.xmm()]];
    }
    case 18:
    case 19:
    case 20: {
      const ymm = g.int(2) === 0;
      const v = () => (ymm ? g.ymm() : g.xmm());
      return [g.pick(AVX_PACKED), [v(), v(), g.int(3) === 0 ? g.mem() : v()]];
    }
    case 21:
      return [g.pick(AVX_SCALAR), [g.xmm(), g.xmm(), g.xmmOrMem()]];
    case 22: {
      const ymm = g.int(2) === 0;
      const v = () => (ymm ? g.ymm() : g.xmm());
      const r = g.int(3);
      if (r === 0) return [g.pick(AVX_2OP), [v(), g.int(3) === 0 ? g.mem() : v()]];
      if (r === 1) return [g.pick(AVX_WIDEN), [v(), g.xmmOrMem()]];
      return [g.pick(AVX_RMI), [v(), g.int(3) === 0 ? g.mem() : v(), g.int(16)]];
    }
    case 23: {
      const ymm = g.int(2) === 0;
      const v = () => (ymm ? g.ymm() : g.xmm());
      const name = g.pick(AVX_RVMI);
      return [name, [v(), v(), g.int(3) === 0 ? g.mem() : v(), g.int(name.startsWith("vcmp") ? 32 : 16)]];
    }
    case 24: {
      const ymm = g.int(2) === 0;
      const v = () => (ymm ? g.ymm() : g.xmm());
      const name = g.pick(["vblendvps", "vblendvpd", "vpblendvb"]);
      return [name, [v(), v(), g.int(3) === 0 ? g.mem() : v(), v()]];
    }
    case 25: {
      const ymm = g.int(2) === 0;
      const v = () => (ymm ? g.ymm() : g.xmm());
      const name = g.pick([...SSE_SHIFTS.map((n) => `v${n}`), "vpslldq", "vpsrldq"]);
      const byImm = name.endsWith("dq") || g.int(2) === 0;
      return [name, [v(), v(), byImm ? g.int(256) : g.xmmOrMem()]];
    }
    case 26: {
      const ymm = g.int(2) === 0;
      const v = () => (ymm ? g.ymm() : g.xmm());
      const name = g.pick(AVX_MOVES);
      const r = g.int(3);
      if (r === 0) return [name, [g.mem(), v()]];
      return [name, [v(), r === 1 ? g.mem() : v()]];
    }
    case 27:
      return g.int(2) === 0
        ? ["vroundss", [g.xmm(), g.xmm(), g.xmmOrMem(), g.int(16)]]
        : ["vinsertps", [g.xmm(), g.xmm(), g.xmmOrMem(), g.int(256)]];
    case 28: {
      const r = g.int(4);
      if (r === 0) {
        const name = g.pick(["vmovd", "vmovq"]);
        return g.int(2) === 0 ? [name, [g.xmm(), g.gprOrMem()]] : [name, [g.gprOrMem(), g.xmm()]];
      }
      if (r === 1) {
        const [name, max] = g.pick(LANES.filter(([n]) => n.startsWith("p")));
        const lane = g.int(max + 1);
        return name.startsWith("pins")
          ? [`v${name}`, [g.xmm(), g.xmm(), g.gprOrMem(), lane]]
          : [`v${name}`, [g.gprOrMem(), g.xmm(), lane]];
      }
      if (r === 2)
        return [g.pick(["vcvtsi2ss", "vcvtsi2sd"]), [g.xmm(), g.xmm(), g.pick([32, 64]), g.gprOrMem()]];
      return [g.pick(["vcvttss2si", "vcvttsd2si"]), [g.pick([32, 64]), g.gpr(), g.xmmOrMem()]];
    }
    default:
      return [g.pick(["jmp", "jcc", "call"]), []];
  }
}

function describeArg(a: Arg): string {
  if (typeof a === "number" || typeof a === "string") return String(a);
  if (typeof a === "bigint") return `${a}n`;
  if (a instanceof Mem) {
    const parts = [
      a.label === null ? "" : `rip:${a.label}`,
      a.base?.name(64) ?? "",
      a.index === null ? "" : `${a.index.name(64)}*${a.scale}`,
    ];
    return `[${parts.filter((p) => p !== "").join("+")}${a.disp === 0 ? "" : `${a.disp < 0 ? "" : "+"}${a.disp}`}]`;
  }
  if ("kind" in a && a.kind === "gpr") return a.name(64);
  if ("kind" in a && (a.kind === "xmm" || a.kind === "ymm")) return `${a.kind}${a.num}`;
  return String(a);
}

let cs: Capstone;
beforeAll(async () => {
  cs = await capstone();
});

describe("fuzz: random valid instructions decode to the printer's text", () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 2000 instructions`, () => {
      const a = new Assembler({ listing: true });
      const early = a.newLabel();
      const late = a.newLabel();
      const g = new Gen(seed, [early, late]);
      const calls: { start: number; text: string }[] = [];
      const call = a as unknown as Record<string, (...args: unknown[]) => void>;
      a.bind(early);
      for (let i = 0; i < 2000; i++) {
        const [name, args] = randomInstruction(g);
        const start = a.offset;
        if (args.length === 0 && (name === "jmp" || name === "jcc" || name === "call")) {
          const target = g.pick([early, late]);
          if (name === "jcc") a.jcc(g.int(16), target);
          else if (name === "jmp") a.jmp(target, g.pick(["auto", "near"] as const));
          else a.call(target);
          calls.push({ start, text: `${name} ${target}` });
        } else {
          call[name]!(...args);
          calls.push({ start, text: `${name}(${args.map(describeArg).join(", ")})` });
        }
      }
      a.bind(late);
      calls.push({ start: a.offset, text: "ret()" });
      a.ret();
      /** The call that emitted the instruction at `offset`. */
      const source = (offset: number): string => {
        let lo = 0;
        while (lo + 1 < calls.length && calls[lo + 1]!.start <= offset) lo++;
        return calls[lo]!.text;
      };
      const code = a.finish();
      const listing = a.listing();
      const insns = cs.disasm(code, { address: 0 });
      const failures: string[] = [];
      let at = 0;
      for (let i = 0; i < listing.length && failures.length < 10; i++) {
        const want = listing[i]!;
        const got = insns[i];
        if (got === undefined) {
          failures.push(`${source(want.offset)}: capstone stopped at offset 0x${want.offset.toString(16)}`);
          break;
        }
        const text = normalise(got.mnemonic, got.opStr);
        if (Number(got.address) !== want.offset || got.size !== want.bytes.length || text !== want.text) {
          const bytes = Buffer.from(want.bytes).toString("hex");
          failures.push(
            `${source(want.offset)} = ${bytes}: printer "${want.text}", capstone "${text}" (${got.size} bytes)`,
          );
          if (Number(got.address) !== want.offset) break;
        }
        at += got.size;
      }
      expect(failures).toEqual([]);
      expect(at).toBe(code.length);
      expect(insns.length).toBe(listing.length);
    });
  }
});
