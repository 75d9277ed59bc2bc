/**
 * The amd64 backend: compiles a module's IR to one block of machine code holding every defined
 * function, a call stub for every imported function (a HOST_CALL exit) and an entry thunk for
 * every defined function (see `src/backend/README.md` for the ABI).
 */
import { SLOT_BYTES } from "../backend/abi.js";
import type { Backend, CompileEnv, ModuleCode } from "../backend/backend.js";
import { CallSiteTable } from "../backend/call-sites.js";
import type { Module } from "../frontend/types.js";
import { type FuncSig, moduleEnv } from "../ir/ops.js";
import type { Func } from "../ir/types.js";
import { ContextOffset, ExitCode } from "../native/abi.js";
import { Assembler } from "./assembler.js";
import { type EmitMark, FuncCodegen, type ModuleInfo, unsupported } from "./codegen.js";
import { selectInst } from "./isel.js";
import type { Label } from "./labels.js";
import { type Mem, mem } from "./operands.js";
import type { ListingLine } from "./printer.js";
import { r15, rax, rbp, rsp, S32, S64, xmm0 } from "./registers.js";
import { emitInterruptHandler, valueSlot } from "./runtime-exits.js";

/** Target options. */
export interface Amd64Options {
  /** Whether the CPU has `popcnt` (otherwise `popcnt` operations are not compiled). */
  readonly popcnt: boolean;
  /** Whether the CPU has AVX (VEX three-operand forms instead of a copy and a two-operand SSE op). */
  readonly avx: boolean;
}

/** Copies one 16-byte value slot. */
function copySlot(a: Assembler, from: Mem, to: Mem): void {
  a.movups(xmm0, from);
  a.movups(to, xmm0);
}

function emitImportStub(a: Assembler, label: Label, index: number, sig: FuncSig): void {
  a.bind(label);
  // The caller's frame pointer does not survive the resume: keep it on the stack, in a frame
  // record that stack walks follow to the caller.
  a.push(rbp);
  a.mov(S64, rbp, rsp);
  sig.params.forEach((_, i) => {
    copySlot(a, mem(rsp, 16 + SLOT_BYTES * i), valueSlot(a, i, rax));
  });
  a.mov(S32, mem(r15, ContextOffset.exitCode), ExitCode.hostCall);
  a.mov(S64, mem(r15, ContextOffset.exitArgs), index);
  a.call(mem(r15, ContextOffset.exitStub));
  sig.results.forEach((_, i) => {
    copySlot(a, valueSlot(a, i, rax), mem(rsp, 16 + SLOT_BYTES * i));
  });
  a.pop(rbp);
  a.ret();
}

function emitEntryThunk(a: Assembler, target: Label, sig: FuncSig): void {
  const area = SLOT_BYTES * Math.max(sig.params.length, sig.results.length);
  a.push(rbp);
  a.mov(S64, rbp, rsp);
  if (area > 0) a.sub(S64, rsp, area);
  sig.params.forEach((_, i) => {
    copySlot(a, valueSlot(a, i, rax), mem(rsp, SLOT_BYTES * i));
  });
  a.call(target);
  sig.results.forEach((_, i) => {
    copySlot(a, mem(rsp, SLOT_BYTES * i), valueSlot(a, i, rax));
  });
  a.mov(S64, rsp, rbp);
  a.pop(rbp);
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

/** A module's code with its Intel-syntax listing and where each function's parts begin. */
export interface ModuleListing extends ModuleCode {
  /** Every instruction and data directive of the module's code. */
  readonly listing: readonly ListingLine[];
  /** Parts of each defined function's code in order (index = function index - imported count). */
  readonly marks: readonly (readonly CodeMark[])[];
}

/** Compiles whole modules to x86-64 code. */
export class Amd64Backend implements Backend {
  readonly arch = "x64";

  constructor(private readonly options: Amd64Options) {}

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
    return { ...code, listing: a.listing(), marks };
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
      memoryMinBytes: (module.memories[0]?.limits.min ?? 0) * 65536,
      popcnt: this.options.popcnt,
      avx: this.options.avx,
      sites: new CallSiteTable(),
      interruptHandler: a.newLabel(),
      externalInterrupt: compileEnv.externalInterrupt === true,
    };
    const gens = funcs.map((f) => new FuncCodegen(a, f, info));
    for (let i = 0; i < module.numImportedFuncs; i++) emitImportStub(a, labels[i], i, env.funcs[i]);
    const bodyOffsets = env.funcs.map(() => -1);
    gens.forEach((g, i) => {
      a.align(16);
      bodyOffsets[module.numImportedFuncs + i] = a.offset;
      g.emit(labels[module.numImportedFuncs + i], selectInst, markFor?.(i));
    });
    if (gens.length > 0) emitInterruptHandler(a, info.interruptHandler);
    const entryOffsets = env.funcs.map((sig, i) => {
      if (i < module.numImportedFuncs) return -1;
      a.align(16);
      const offset = a.offset;
      emitEntryThunk(a, labels[i], sig);
      return offset;
    });
    // Code regions are never empty, even for a module without functions.
    if (a.offset === 0) a.int3();
    return { code: a.finish(), entryOffsets, bodyOffsets, callSites: info.sites.finish() };
  }
}
