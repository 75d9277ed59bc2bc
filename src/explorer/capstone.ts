/**
 * The optional capstone cross-check: `capstone-wasm` is a development dependency only, so it is
 * loaded with a dynamic `import()` and its absence is not an error.
 */
import type { Arch, Disassembler } from "./explore.js";

interface CsInsn {
  readonly mnemonic: string;
  readonly opStr: string;
}

interface CsHandle {
  disasm(data: Uint8Array, options: { address: number; count: number }): CsInsn[];
}

interface CapstoneModule {
  readonly Capstone: new (arch: number, mode: number) => CsHandle;
  readonly Const: {
    readonly CS_ARCH_X86: number;
    readonly CS_MODE_64: number;
    readonly CS_ARCH_ARM64: number;
    readonly CS_MODE_LITTLE_ENDIAN: number;
  };
  loadCapstone(): Promise<void>;
}

/**
 * Loads capstone-wasm for `arch` (x86-64 or AArch64) and returns a one-instruction disassembler,
 * or null if it is not installed.
 */
export async function loadCapstoneDisassembler(arch: Arch = "x64"): Promise<Disassembler | null> {
  const specifier = "capstone-wasm";
  let cs: CapstoneModule;
  try {
    cs = (await import(specifier)) as CapstoneModule;
    await cs.loadCapstone();
  } catch {
    return null;
  }
  const handle =
    arch === "x64"
      ? new cs.Capstone(cs.Const.CS_ARCH_X86, cs.Const.CS_MODE_64)
      : new cs.Capstone(cs.Const.CS_ARCH_ARM64, cs.Const.CS_MODE_LITTLE_ENDIAN);
  return (bytes, address) => {
    try {
      const [insn] = handle.disasm(bytes, { address, count: 1 });
      return insn === undefined ? null : `${insn.mnemonic} ${insn.opStr}`.trim();
    } catch {
      return null;
    }
  };
}
