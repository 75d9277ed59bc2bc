/**
 * The arm64 backend: compiles a module's IR to one block of A64 machine code holding every
 * defined function, a call stub for every imported function (a HOST_CALL exit) and an entry thunk
 * for every defined function (see `src/backend/README.md`, section "arm64", for the ABI).
 */
import { SLOT_BYTES } from "../backend/abi.js";
import type { Backend, CompileEnv, ModuleCode } from "../backend/backend.js";
import { CallSiteTable } from "../backend/call-sites.js";
import type { Module } from "../frontend/types.js";
import { type FuncSig, moduleEnv } from "../ir/ops.js";
import type { Func } from "../ir/types.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import { CTX, V0 } from "./abi.js";
import { Assembler, type Mem, mem, postIndex, preIndex } from "./assembler.js";
import { type EmitMark, FuncCodegen, type ModuleInfo, unsupported } from "./codegen.js";
import { selectInst } from "./isel.js";
import type { Label } from "./labels.js";
import { q, sp, W, x16, x29, x30 } from "./registers.js";
import { emitInterruptHandler, valueSlot } from "./runtime-exits.js";

/** `sp -= bytes` (a multiple of 16; two instructions beyond 4095). */
function subSp(a: Assembler, bytes: number): void {
  if (bytes >= 4096) a.subImm(sp, sp, bytes - (bytes % 4096));
  if (bytes % 4096 !== 0) a.subImm(sp, sp, bytes % 4096);
}

/** Copies one 16-byte value slot (through v31). */
function copySlot(a: Assembler, from: Mem, to: Mem): void {
  a.ldr(q(V0), from);
  a.str(q(V0), to);
}

function emitImportStub(a: Assembler, label: Label, index: number, sig: FuncSig): void {
  a.bind(label);
  // Neither the caller's x29 nor the return address survives the resume: keep them on the stack,
  // in a frame record that stack walks follow to the caller.
  a.stp(x29, x30, preIndex(sp, -16));
  a.mov(x29, sp);
  sig.params.forEach((_, i) => {
    copySlot(a, mem(sp, 16 + SLOT_BYTES * i), valueSlot(a, i, x16));
  });
  a.movImm(x16, index);
  a.str(x16, mem(CTX, ContextOffset.exitArgs));
  a.movImm(W[16], ExitCode.hostCall);
  a.str(W[16], mem(CTX, ContextOffset.exitCode));
  a.ldr(x16, mem(CTX, ContextOffset.exitStub));
  a.blr(x16);
  sig.results.forEach((_, i) => {
    copySlot(a, valueSlot(a, i, x16), mem(sp, 16 + SLOT_BYTES * i));
  });
  a.ldp(x29, x30, postIndex(sp, 16));
  a.ret();
}

function emitEntryThunk(a: Assembler, target: Label, sig: FuncSig): void {
  const area = SLOT_BYTES * Math.max(sig.params.length, sig.results.length);
  a.stp(x29, x30, preIndex(sp, -16));
  a.mov(x29, sp);
  if (area > 0) subSp(a, area);
  sig.params.forEach((_, i) => {
    copySlot(a, valueSlot(a, i, x16), mem(sp, SLOT_BYTES * i));
  });
  a.bl(target);
  sig.results.forEach((_, i) => {
    copySlot(a, mem(sp, SLOT_BYTES * i), valueSlot(a, i, x16));
  });
  a.mov(sp, x29);
  a.ldp(x29, x30, postIndex(sp, 16));
  a.ret();
}

/** Where one part of a function's code begins (see `EmitMark`). */
export interface CodeMark {
  /** Block index (-1: prologue; the block count: out-of-line code). */
  readonly block: number;
  /** Operation index in the block (-1: block start; the operation count: terminator). */
  readonly inst: number;
  /** Code offset in the module's code. */
  readonly offset: number;
}

/** One instruction word (or data word) of a listing. */
export interface ListingLine {
  /** Byte offset in the module's code. */
  readonly offset: number;
  /** The four bytes, little endian. */
  readonly bytes: Uint8Array;
  /** The instruction in capstone's syntax (`.word` for data). */
  readonly text: string;
}

/** A module's code with its listing and where each function's parts begin. */
export interface ModuleListing extends ModuleCode {
  /** Every instruction and data word of the module's code. */
  readonly listing: readonly ListingLine[];
  /** Parts of each defined function's code in order (index = function index - imported count). */
  readonly marks: readonly (readonly CodeMark[])[];
}

/** Compiles whole modules to A64 code. */
export class Arm64Backend implements Backend {
  readonly arch = "arm64";

  compileModule(module: Module, funcs: readonly Func[], compileEnv: CompileEnv): ModuleCode {
    return this.assemble(new Assembler(), module, funcs, compileEnv, null);
  }

  /** Compiles like `compileModule` and also returns the listing and code marks, for the explorer. */
  compileListing(module: Module, funcs: readonly Func[], compileEnv: CompileEnv): ModuleListing {
    const a = new Assembler({ listing: true });
    const marks: CodeMark[][] = funcs.map(() => []);
    const code = this.assemble(a, module, funcs, compileEnv, (i) => (block, inst) => {
      marks[i].push({ block, inst, offset: a.offset });
    });
    const listing = a.listing().map((l) => ({
      offset: l.offset,
      bytes: code.code.subarray(l.offset, l.offset + 4),
      text: l.text,
    }));
    return { ...code, listing, marks };
  }

  private assemble(
    a: Assembler,
    module: Module,
    funcs: readonly Func[],
    compileEnv: CompileEnv,
    markFor: ((defined: number) => EmitMark) | null,
  ): ModuleCode {
    const env = moduleEnv(module);
    if (module.memories.length > 1) throw unsupported("multiple memories");
    const labels = env.funcs.map(() => a.newLabel());
    const info: ModuleInfo = {
      funcSigs: env.funcs,
      typeSigs: env.types,
      typeIds: compileEnv.typeIds,
      instanceId: compileEnv.instanceId,
      funcLabels: labels,
      hasMemory: module.memories.length > 0,
      sites: new CallSiteTable(),
      interruptHandler: a.newLabel(),
      externalInterrupt: compileEnv.externalInterrupt === true,
    };
    const gens = funcs.map((f) => new FuncCodegen(a, f, info));
    for (let i = 0; i < module.numImportedFuncs; i++) emitImportStub(a, labels[i], i, env.funcs[i]);
    const bodyOffsets = env.funcs.map(() => -1);
    gens.forEach((g, i) => {
      a.maybeEmitIsland();
      a.align(16);
      // Bind the function's label right here, so no island can come between its offset and its code.
      bodyOffsets[module.numImportedFuncs + i] = a.offset;
      g.emit(labels[module.numImportedFuncs + i], selectInst, markFor?.(i));
    });
    if (gens.length > 0) emitInterruptHandler(a, info.interruptHandler);
    const entryOffsets = env.funcs.map((sig, i) => {
      if (i < module.numImportedFuncs) return -1;
      a.maybeEmitIsland();
      a.align(16);
      const offset = a.offset;
      emitEntryThunk(a, labels[i], sig);
      return offset;
    });
    // Code regions are never empty, even for a module without functions.
    if (a.offset === 0) a.brk(0);
    return { code: a.finish(), entryOffsets, bodyOffsets, callSites: info.sites.finish() };
  }
}
