/**
 * Function-body decoding and validation for Wasm 2.0, following the spec appendix's validation
 * algorithm: an operand stack and a control stack, with the stack of a block made polymorphic
 * by `unreachable`, `br`, `br_table` and `return`.
 *
 * The opcode table (`opcodes.ts`) drives both the decoding of immediates and the typing of the
 * simple instructions; control and the other context-dependent instructions have their own
 * code here. Stacks are typed arrays reused across functions and the immediates go into one
 * reused object, so the loop allocates nothing per instruction. A `FuncVisitor` (the IR
 * lowering) can ride along and sees every instruction right after it validates.
 */
import { CompileError } from "../errors.js";
import { Imm, Op, type OpInfo, opcodeHex, opcodeTable } from "./opcodes.js";
import { Reader } from "./reader.js";
import { type FuncType, type FunctionBody, isRefType, type Module, ValType, valTypeName } from "./types.js";
import { type FuncVisitor, Immediates, type OperandType, UNKNOWN_TYPE } from "./visitor.js";

/** What the function validator needs from the module being decoded. */
export interface ModuleContext {
  /** The module as decoded so far: every section before the code section is complete. */
  readonly module: Module;
  /** Function indices that may be named by `ref.func` in code (C.refs in the spec). */
  readonly declaredFuncRefs: ReadonlySet<number>;
}

/**
 * Most operand stack slots a function may use at once. The spec sets no bound, but without one
 * a small body of calls to a many-result function could make validation allocate gigabytes.
 */
export const MAX_OPERAND_STACK = 1 << 24;

/** Control-frame kind of the function's own body (the others are the block opcodes). */
const FUNC_FRAME = 0;

const EMPTY_BLOCK: FuncType = { params: [], results: [] };

/** Block types `[] -> [t]`, indexed by the value type byte; undefined for non-type bytes. */
const SINGLE_RESULT: readonly (FuncType | undefined)[] = (() => {
  const out: (FuncType | undefined)[] = new Array(0x80).fill(undefined);
  for (const t of Object.values(ValType)) out[t] = { params: [], results: [t] };
  return out;
})();

const TABLE = opcodeTable();

/** Control-frame states: live code, code after an unconditional branch, code in a dead construct. */
const LIVE = 0;
const UNREACHABLE = 1;
const DEAD = 2;

/**
 * The sub-opcode after the prefix byte at `offset` (a u32 LEB of at most 5 bytes), or -1 when it
 * is cut short or too long; never throws. Used to name instructions in error messages.
 */
function subOpcodeAt(bytes: Uint8Array, offset: number, end: number): number {
  let sub = 0;
  for (let i = 0; i < 5 && offset + 1 + i < end; i++) {
    const b = bytes[offset + 1 + i]!;
    sub += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return sub;
  }
  return -1;
}

/** The name of the instruction at `offset`, or null when no valid opcode starts there. */
function instructionNameAt(bytes: Uint8Array, offset: number, end: number): string | null {
  if (offset >= end) return null;
  const byte = bytes[offset]!;
  if (byte !== 0xfc && byte !== 0xfd) return TABLE[byte]?.name ?? null;
  const sub = subOpcodeAt(bytes, offset, end);
  return sub < 0 || sub > 0xff ? null : (TABLE[((byte - 0xfb) << 8) | sub]?.name ?? null);
}

/** How the illegal opcode at `offset` is shown: `0x06`, or `0xfd 0x9a` for a prefixed one. */
function illegalOpcodeHex(bytes: Uint8Array, offset: number, end: number): string {
  const byte = bytes[offset]!;
  const hex = `0x${byte.toString(16).padStart(2, "0")}`;
  if (byte !== 0xfc && byte !== 0xfd) return hex;
  return `${hex} 0x${subOpcodeAt(bytes, offset, end).toString(16).padStart(2, "0")}`;
}

/** Growable stacks and the immediates object, reused from one function to the next. */
class Scratch {
  vals: Uint8Array = new Uint8Array(256);
  ctlKind: Uint8Array = new Uint8Array(64);
  ctlHeight: Int32Array = new Int32Array(64);
  ctlState: Uint8Array = new Uint8Array(64);
  ctlType: FuncType[] = [];
  readonly imm = new Immediates();
}

let spare: Scratch | null = null;

/** A reader whose failures name the function and instruction being decoded. */
class BodyReader extends Reader {
  constructor(
    bytes: Uint8Array,
    start: number,
    end: number,
    private readonly owner: FunctionValidator,
  ) {
    super(bytes, start, end);
  }

  override fail(message: string, offset: number = this.pos): never {
    return this.owner.fail(message, offset);
  }
}

function typeName(t: number): string {
  return t === UNKNOWN_TYPE ? "unknown" : valTypeName(t as ValType);
}

function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True for i32/i64/f32/f64/v128 and the unknown type (what untyped `select` accepts). */
function isNumOrVec(t: number): boolean {
  return t === UNKNOWN_TYPE || (t >= ValType.V128 && t <= ValType.I32);
}

/** Validates one function; a fresh instance per function, its stacks borrowed from a `Scratch`. */
class FunctionValidator {
  private readonly m: Module;
  private readonly refs: ReadonlySet<number>;
  private readonly funcIndex: number;
  private readonly type: FuncType;
  private readonly locals: readonly ValType[];
  private readonly r: BodyReader;
  private readonly imm: Immediates;

  private vals: Uint8Array;
  private sp = 0;
  private ctlKind: Uint8Array;
  private ctlHeight: Int32Array;
  /** Per frame: `UNREACHABLE` after an unconditional branch, `DEAD` when it began in dead code. */
  private ctlState: Uint8Array;
  private readonly ctlType: FuncType[];
  private depth = 0;

  /** Offset of the instruction being validated, for messages. */
  private opOffset: number;
  /** Whether the construct an `else`/`end` continues or closes is live, for the visitor. */
  private frameLive = true;

  constructor(
    ctx: ModuleContext,
    funcIndex: number,
    body: FunctionBody,
    private readonly s: Scratch,
  ) {
    this.m = ctx.module;
    this.refs = ctx.declaredFuncRefs;
    this.funcIndex = funcIndex;
    this.locals = body.locals;
    this.opOffset = body.codeStart;
    this.r = new BodyReader(this.m.bytes, body.codeStart, body.codeEnd, this);
    this.imm = s.imm;
    this.vals = s.vals;
    this.ctlKind = s.ctlKind;
    this.ctlHeight = s.ctlHeight;
    this.ctlState = s.ctlState;
    this.ctlType = s.ctlType;
    const typeIndex = this.m.funcs[funcIndex];
    const type = typeIndex === undefined ? undefined : this.m.types[typeIndex];
    if (type === undefined) throw new CompileError(`unknown function ${funcIndex}`, body.codeStart);
    this.type = type;
  }

  /**
   * Throws a `CompileError` naming the function, the instruction and its offset. The name is
   * found again from the bytes, so the decoding loop does not have to keep it up to date.
   */
  fail(message: string, offset: number = this.opOffset): never {
    const name = instructionNameAt(this.r.bytes, this.opOffset, this.r.end);
    throw new CompileError(
      `func ${this.funcIndex} at 0x${this.opOffset.toString(16)}: ${name === null ? "" : `${name}: `}${message}`,
      offset,
    );
  }

  /** Hands the (possibly grown) stacks back for the next function. */
  release(): void {
    const s = this.s;
    s.vals = this.vals;
    s.ctlKind = this.ctlKind;
    s.ctlHeight = this.ctlHeight;
    s.ctlState = this.ctlState;
  }

  /** Decodes and validates the whole body, calling `visitor` after each instruction. */
  run(visitor: FuncVisitor | undefined): void {
    const r = this.r;
    const bytes = r.bytes;
    const end = r.end;
    const imm = this.imm;
    visitor?.beginFunction(this.funcIndex, this.type, this.locals);
    this.pushCtl(FUNC_FRAME, this.type, true);
    while (this.depth > 0) {
      const offset = r.pos;
      this.opOffset = offset;
      if (offset >= end) this.fail("unexpected end of section or function: END opcode expected");
      const byte = bytes[r.pos++]!;
      let slot = byte;
      if (byte === 0xfc || byte === 0xfd) {
        const sub = r.u32();
        slot = sub > 0xff ? -1 : ((byte - 0xfb) << 8) | sub;
      }
      const info = TABLE[slot];
      if (info === undefined) this.fail(`illegal opcode ${illegalOpcodeHex(bytes, offset, end)}`);
      const reachable = visitor !== undefined && this.ctlState[this.depth - 1] === LIVE;
      if (info.imm !== Imm.None) this.readImmediates(info);
      if (info.special) this.validateSpecial(info.code);
      else {
        const pops = info.pops;
        for (let i = pops.length - 1; i >= 0; i--) this.popExpect(pops[i]!);
        const pushes = info.pushes;
        for (let i = 0; i < pushes.length; i++) this.push(pushes[i]!);
      }
      if (visitor !== undefined) {
        const code = info.code;
        visitor.instruction(
          code,
          imm,
          offset,
          code === Op.Else || code === Op.End ? this.frameLive : reachable,
        );
      }
    }
  }

  // ---- Operand stack -------------------------------------------------------------------------

  private push(t: OperandType): void {
    if (this.sp === this.vals.length) this.growVals();
    this.vals[this.sp++] = t;
  }

  private growVals(): void {
    if (this.vals.length >= MAX_OPERAND_STACK) {
      this.fail(`operand stack deeper than ${MAX_OPERAND_STACK} values (implementation limit)`);
    }
    const grown = new Uint8Array(this.vals.length * 2);
    grown.set(this.vals);
    this.vals = grown;
  }

  private pushVals(types: readonly ValType[]): void {
    for (let i = 0; i < types.length; i++) this.push(types[i]!);
  }

  /** Pops any operand; `UNKNOWN_TYPE` when the polymorphic stack of dead code is exhausted. */
  private popAny(): OperandType {
    const d = this.depth - 1;
    if (this.sp === this.ctlHeight[d]) {
      if ((this.ctlState[d]! & UNREACHABLE) !== 0) return UNKNOWN_TYPE;
      this.fail("type mismatch: expected an operand, got nothing");
    }
    return this.vals[--this.sp] as OperandType;
  }

  /** Pops an operand that must have type `expected` (or be unknown, in dead code). */
  private popExpect(expected: ValType): void {
    const d = this.depth - 1;
    if (this.sp === this.ctlHeight[d]) {
      if ((this.ctlState[d]! & UNREACHABLE) !== 0) return;
      this.fail(`type mismatch: expected ${valTypeName(expected)}, got nothing`);
    }
    const actual = this.vals[--this.sp]!;
    if (actual !== expected && actual !== UNKNOWN_TYPE) {
      this.fail(`type mismatch: expected ${valTypeName(expected)}, got ${typeName(actual)}`);
    }
  }

  private popVals(types: readonly ValType[]): void {
    for (let i = types.length - 1; i >= 0; i--) this.popExpect(types[i]!);
  }

  /** Checks the top operands against `types` without popping them (`br_table` targets). */
  private peekVals(types: readonly ValType[], what: string): void {
    const d = this.depth - 1;
    const height = this.ctlHeight[d]!;
    const n = types.length;
    for (let i = n - 1; i >= 0; i--) {
      const pos = this.sp - n + i;
      const expected = types[i]!;
      if (pos < height) {
        if ((this.ctlState[d]! & UNREACHABLE) !== 0) return;
        this.fail(`type mismatch: ${what} expects ${valTypeName(expected)}, got nothing`);
      }
      const actual = this.vals[pos]!;
      if (actual !== expected && actual !== UNKNOWN_TYPE) {
        this.fail(`type mismatch: ${what} expects ${valTypeName(expected)}, got ${typeName(actual)}`);
      }
    }
  }

  // ---- Control stack -------------------------------------------------------------------------

  private pushCtl(kind: number, type: FuncType, live: boolean): void {
    if (this.depth === this.ctlKind.length) this.growCtl();
    const d = this.depth++;
    this.ctlKind[d] = kind;
    this.ctlType[d] = type;
    this.ctlHeight[d] = this.sp;
    this.ctlState[d] = live ? LIVE : DEAD;
  }

  private growCtl(): void {
    const n = this.ctlKind.length * 2;
    const kind = new Uint8Array(n);
    kind.set(this.ctlKind);
    this.ctlKind = kind;
    const height = new Int32Array(n);
    height.set(this.ctlHeight);
    this.ctlHeight = height;
    const state = new Uint8Array(n);
    state.set(this.ctlState);
    this.ctlState = state;
  }

  /** Makes the rest of the current block dead: its stack becomes polymorphic. */
  private setUnreachable(): void {
    const d = this.depth - 1;
    this.sp = this.ctlHeight[d]!;
    this.ctlState[d] = this.ctlState[d]! | UNREACHABLE;
  }

  /** The operand types a branch to label `depth` carries (a loop's params, else the results). */
  private labelTypes(depth: number): readonly ValType[] {
    const d = this.depth - 1 - depth;
    const type = this.ctlType[d]!;
    return this.ctlKind[d] === Op.Loop ? type.params : type.results;
  }

  /**
   * Pops the current frame's results and checks nothing else is left; common to `else` and
   * `end`. Also fills the visitor fields of those instructions.
   */
  private closeFrame(): FuncType {
    const d = this.depth - 1;
    const type = this.ctlType[d]!;
    const state = this.ctlState[d]!;
    this.imm.blockType = type;
    this.imm.fallthrough = state === LIVE;
    this.frameLive = (state & DEAD) === 0;
    this.popVals(type.results);
    const extra = this.sp - this.ctlHeight[d]!;
    if (extra > 0) {
      this.fail(
        `type mismatch: ${extra} value${extra === 1 ? "" : "s"} left on the stack at the end of the block`,
      );
    }
    return type;
  }

  // ---- Immediates ----------------------------------------------------------------------------

  private readImmediates(info: OpInfo): void {
    const r = this.r;
    const imm = this.imm;
    const m = this.m;
    switch (info.imm) {
      case Imm.Block:
        imm.blockType = this.readBlockType();
        return;
      case Imm.Label:
        imm.index = this.readLabel();
        return;
      case Imm.BrTable: {
        const n = r.vecLen("br_table target");
        if (imm.targets.length < n) imm.targets = new Uint32Array(Math.max(n, imm.targets.length * 2));
        const targets = imm.targets;
        for (let i = 0; i < n; i++) targets[i] = this.readLabel();
        imm.targetCount = n;
        imm.index = this.readLabel();
        return;
      }
      case Imm.Func:
        imm.index = this.readIndex(m.funcs.length, "function");
        return;
      case Imm.CallIndirect: {
        imm.index = this.readIndex(m.types.length, "type");
        const table = this.readIndex(m.tables.length, "table");
        imm.index2 = table;
        if (m.tables[table]!.elem !== ValType.FuncRef) {
          this.fail(`type mismatch: call_indirect needs a funcref table, table ${table} is externref`);
        }
        return;
      }
      case Imm.Local:
        imm.index = this.readIndex(this.type.params.length + this.locals.length, "local");
        return;
      case Imm.Global:
        imm.index = this.readIndex(m.globalTypes.length, "global");
        return;
      case Imm.Table:
        imm.index = this.readIndex(m.tables.length, "table");
        return;
      case Imm.Elem:
        imm.index = this.readIndex(m.elems.length, "elem segment");
        return;
      case Imm.TableInit: {
        // Read both before checking, so the table is checked first, as the spec does.
        const elemPos = r.pos;
        const elem = r.u32();
        const table = this.readIndex(m.tables.length, "table");
        if (elem >= m.elems.length) this.fail(`unknown elem segment ${elem}`, elemPos);
        imm.index = elem;
        imm.index2 = table;
        this.checkRefTypes(
          m.tables[table]!.elem,
          m.elems[elem]!.type,
          `table ${table}`,
          `elem segment ${elem}`,
        );
        return;
      }
      case Imm.TableCopy: {
        const dst = this.readIndex(m.tables.length, "table");
        const src = this.readIndex(m.tables.length, "table");
        imm.index = dst;
        imm.index2 = src;
        this.checkRefTypes(m.tables[dst]!.elem, m.tables[src]!.elem, `table ${dst}`, `table ${src}`);
        return;
      }
      case Imm.RefType: {
        const pos = r.pos;
        const t = r.u8();
        if (t !== ValType.FuncRef && t !== ValType.ExternRef) {
          this.fail(`malformed reference type 0x${t.toString(16)}`, pos);
        }
        imm.valType = t;
        return;
      }
      case Imm.SelectT: {
        const n = r.u32();
        if (n !== 1) this.fail(`invalid result arity ${n}: select takes exactly one type`);
        const pos = r.pos;
        const t = r.u8();
        if (SINGLE_RESULT[t] === undefined) this.fail(`malformed value type 0x${t.toString(16)}`, pos);
        imm.valType = t as ValType;
        return;
      }
      case Imm.MemArg:
        this.readMemArg(info);
        return;
      case Imm.MemArgLane:
        this.readMemArg(info);
        this.readLane(info.lanes);
        return;
      case Imm.Memory:
        this.readZeroByte();
        this.requireMemory();
        imm.index = 0;
        return;
      case Imm.MemoryMemory:
        this.readZeroByte();
        this.readZeroByte();
        this.requireMemory();
        imm.index = 0;
        return;
      case Imm.DataMemory: {
        const pos = r.pos;
        const index = r.u32();
        this.readZeroByte();
        this.requireMemory();
        this.checkDataIndex(index, pos);
        imm.index = index;
        return;
      }
      case Imm.Data: {
        const pos = r.pos;
        const index = r.u32();
        this.checkDataIndex(index, pos);
        imm.index = index;
        return;
      }
      case Imm.I32:
        imm.lo = r.s32();
        return;
      case Imm.I64:
        imm.lo = r.s64();
        imm.hi = r.hi64;
        return;
      case Imm.F32:
        imm.lo = r.fixed32();
        return;
      case Imm.F64:
        imm.lo = r.fixed64();
        imm.hi = r.hi64;
        return;
      case Imm.V128:
        this.read16Bytes();
        return;
      case Imm.Shuffle: {
        const start = r.pos;
        this.read16Bytes();
        for (let i = 0; i < 16; i++) {
          if (imm.v128[i]! >= 32)
            this.fail(`invalid lane index ${imm.v128[i]} (must be below 32)`, start + i);
        }
        return;
      }
      case Imm.Lane:
        this.readLane(info.lanes);
        return;
    }
  }

  private readIndex(count: number, what: string): number {
    const pos = this.r.pos;
    const index = this.r.u32();
    if (index >= count) this.fail(`unknown ${what} ${index}`, pos);
    return index;
  }

  private readLabel(): number {
    const pos = this.r.pos;
    const depth = this.r.u32();
    if (depth >= this.depth) this.fail(`unknown label ${depth}`, pos);
    return depth;
  }

  /** Block type: 0x40 (empty), a value type byte, or a non-negative s33 type index. */
  private readBlockType(): FuncType {
    const r = this.r;
    const pos = r.pos;
    if (pos < r.end) {
      const b = r.bytes[pos]!;
      if (b === 0x40) {
        r.pos++;
        return EMPTY_BLOCK;
      }
      const single = SINGLE_RESULT[b];
      if (single !== undefined) {
        r.pos++;
        return single;
      }
    }
    const index = r.s33();
    if (index < 0) this.fail("malformed block type", pos);
    if (index >= this.m.types.length) this.fail(`unknown type ${index}`, pos);
    return this.m.types[index]!;
  }

  private readMemArg(info: OpInfo): void {
    const r = this.r;
    const pos = r.pos;
    const align = r.u32();
    // Wasm 2.0 has one memory: a flags value with bit 5 or up set is no alignment at all.
    if (align >= 32) this.fail(`malformed memop flags 0x${align.toString(16)}`, pos);
    this.imm.align = align;
    this.imm.offset = r.u32();
    this.imm.index = 0;
    this.requireMemory();
    if (align > info.align) {
      this.fail(
        `alignment must not be larger than natural: 2^${align} bytes, natural is 2^${info.align}`,
        pos,
      );
    }
  }

  private readLane(lanes: number): void {
    const pos = this.r.pos;
    const lane = this.r.u8();
    if (lane >= lanes) this.fail(`invalid lane index ${lane} (must be below ${lanes})`, pos);
    this.imm.lane = lane;
  }

  private read16Bytes(): void {
    const r = this.r;
    if (r.end - r.pos < 16) r.fail(`unexpected end of section or function: expected 16 bytes`);
    const v = this.imm.v128;
    const b = r.bytes;
    const p = r.pos;
    for (let i = 0; i < 16; i++) v[i] = b[p + i]!;
    r.pos = p + 16;
  }

  private readZeroByte(): void {
    const pos = this.r.pos;
    if (this.r.u8() !== 0) this.fail("zero byte expected", pos);
  }

  private requireMemory(): void {
    if (this.m.memories.length === 0) this.fail("unknown memory 0");
  }

  private checkDataIndex(index: number, pos: number): void {
    const count = this.m.dataCount;
    if (count === null) this.fail("data count section required", pos);
    if (index >= count) this.fail(`unknown data segment ${index}`, pos);
  }

  private checkRefTypes(dst: ValType, src: ValType, dstName: string, srcName: string): void {
    if (dst !== src) {
      this.fail(`type mismatch: ${dstName} holds ${valTypeName(dst)}, ${srcName} holds ${valTypeName(src)}`);
    }
  }

  // ---- Instructions with their own typing rules ------------------------------------------------

  private validateSpecial(op: number): void {
    const imm = this.imm;
    const m = this.m;
    switch (op) {
      case Op.Unreachable:
        this.setUnreachable();
        return;
      case Op.Block:
      case Op.Loop: {
        const bt = imm.blockType;
        const live = this.ctlState[this.depth - 1] === LIVE;
        this.popVals(bt.params);
        this.pushCtl(op, bt, live);
        this.pushVals(bt.params);
        return;
      }
      case Op.If: {
        const bt = imm.blockType;
        const live = this.ctlState[this.depth - 1] === LIVE;
        this.popExpect(ValType.I32);
        this.popVals(bt.params);
        this.pushCtl(op, bt, live);
        this.pushVals(bt.params);
        return;
      }
      case Op.Else: {
        const d = this.depth - 1;
        if (this.ctlKind[d] !== Op.If) this.fail("misplaced ELSE opcode: else without a matching if");
        const bt = this.closeFrame();
        this.ctlKind[d] = Op.Else;
        this.ctlState[d] = this.ctlState[d]! & DEAD;
        this.pushVals(bt.params);
        return;
      }
      case Op.End: {
        const d = this.depth - 1;
        const bt = this.closeFrame();
        if (this.ctlKind[d] === Op.If && !sameTypes(bt.params, bt.results)) {
          this.fail("type mismatch: if without else must have the same parameter and result types");
        }
        this.depth = d;
        this.pushVals(bt.results);
        if (d === 0 && this.r.pos !== this.r.end) {
          this.fail(
            `section size mismatch: ${this.r.end - this.r.pos} bytes after the function's final end`,
            this.r.pos,
          );
        }
        return;
      }
      case Op.Br:
        this.popVals(this.labelTypes(imm.index));
        this.setUnreachable();
        return;
      case Op.BrIf: {
        const types = this.labelTypes(imm.index);
        this.popExpect(ValType.I32);
        this.popVals(types);
        this.pushVals(types);
        return;
      }
      case Op.BrTable:
        this.validateBrTable();
        return;
      case Op.Return:
        this.popVals(this.type.results);
        this.setUnreachable();
        return;
      case Op.Call: {
        const ft = m.types[m.funcs[imm.index]!]!;
        this.popVals(ft.params);
        this.pushVals(ft.results);
        return;
      }
      case Op.CallIndirect: {
        const ft = m.types[imm.index]!;
        this.popExpect(ValType.I32);
        this.popVals(ft.params);
        this.pushVals(ft.results);
        return;
      }
      case Op.Drop:
        imm.valType = this.popAny();
        return;
      case Op.Select:
        this.validateSelect();
        return;
      case Op.SelectT: {
        const t = imm.valType as ValType;
        this.popExpect(ValType.I32);
        this.popExpect(t);
        this.popExpect(t);
        this.push(t);
        return;
      }
      case Op.LocalGet:
        this.push(this.localType(imm.index));
        return;
      case Op.LocalSet:
        this.popExpect(this.localType(imm.index));
        return;
      case Op.LocalTee: {
        const t = this.localType(imm.index);
        this.popExpect(t);
        this.push(t);
        return;
      }
      case Op.GlobalGet:
        this.push(m.globalTypes[imm.index]!.type);
        return;
      case Op.GlobalSet: {
        const g = m.globalTypes[imm.index]!;
        if (!g.mutable) this.fail(`global is immutable: global ${imm.index}`);
        this.popExpect(g.type);
        return;
      }
      case Op.TableGet:
        this.popExpect(ValType.I32);
        this.push(m.tables[imm.index]!.elem);
        return;
      case Op.TableSet:
        this.popExpect(m.tables[imm.index]!.elem);
        this.popExpect(ValType.I32);
        return;
      case Op.TableGrow:
        this.popExpect(ValType.I32);
        this.popExpect(m.tables[imm.index]!.elem);
        this.push(ValType.I32);
        return;
      case Op.TableFill:
        this.popExpect(ValType.I32);
        this.popExpect(m.tables[imm.index]!.elem);
        this.popExpect(ValType.I32);
        return;
      case Op.RefNull:
        this.push(imm.valType);
        return;
      case Op.RefIsNull: {
        const t = this.popAny();
        if (t !== UNKNOWN_TYPE && !isRefType(t)) {
          this.fail(`type mismatch: expected a reference, got ${typeName(t)}`);
        }
        imm.valType = t;
        this.push(ValType.I32);
        return;
      }
      case Op.RefFunc:
        if (!this.refs.has(imm.index)) {
          this.fail(
            `undeclared function reference: function ${imm.index} is not in an element segment, export or global`,
          );
        }
        this.push(ValType.FuncRef);
        return;
      default:
        throw new Error(`validator: no typing rule for special opcode ${opcodeHex(op)}`);
    }
  }

  private localType(index: number): ValType {
    const params = this.type.params;
    return index < params.length ? params[index]! : this.locals[index - params.length]!;
  }

  private validateBrTable(): void {
    const imm = this.imm;
    this.popExpect(ValType.I32);
    const defaultTypes = this.labelTypes(imm.index);
    const arity = defaultTypes.length;
    const targets = imm.targets;
    for (let i = 0; i < imm.targetCount; i++) {
      const types = this.labelTypes(targets[i]!);
      if (types.length !== arity) {
        this.fail(
          `type mismatch: br_table target ${targets[i]} carries ${types.length} values, the default ${arity}`,
        );
      }
      this.peekVals(types, `br_table target ${targets[i]}`);
    }
    this.popVals(defaultTypes);
    this.setUnreachable();
  }

  private validateSelect(): void {
    this.popExpect(ValType.I32);
    const t1 = this.popAny();
    const t2 = this.popAny();
    if (!isNumOrVec(t1) || !isNumOrVec(t2)) {
      this.fail(
        `type mismatch: select without a type needs numeric or vector operands, got ${typeName(t2)} and ${typeName(t1)}`,
      );
    }
    if (t1 !== t2 && t1 !== UNKNOWN_TYPE && t2 !== UNKNOWN_TYPE) {
      this.fail(`type mismatch: select operands differ: ${typeName(t2)} and ${typeName(t1)}`);
    }
    const t = t1 === UNKNOWN_TYPE ? t2 : t1;
    this.imm.valType = t;
    this.push(t);
  }
}

/**
 * Decodes and validates one function body (the instructions from `body.codeStart` through the
 * final `end` at `body.codeEnd`), throwing a `CompileError` that names the function, the
 * instruction and its byte offset when the body is malformed or invalid. When `visitor` is
 * given it is called after each instruction validates (see `FuncVisitor`).
 */
export function validateFunction(
  ctx: ModuleContext,
  funcIndex: number,
  body: FunctionBody,
  visitor?: FuncVisitor,
): void {
  const scratch = spare ?? new Scratch();
  spare = null;
  let v: FunctionValidator | undefined;
  try {
    v = new FunctionValidator(ctx, funcIndex, body, scratch);
    v.run(visitor);
  } finally {
    v?.release();
    spare = scratch;
  }
}
