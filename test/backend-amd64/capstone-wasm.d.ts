/**
 * Types for the parts of capstone-wasm the assembler tests use. The package ships
 * `dist/index.d.ts` but its `exports` map has no `types` condition, so TypeScript's NodeNext
 * resolution cannot find it; these declarations copy the relevant signatures from that file.
 */
declare module "capstone-wasm" {
  /** One decoded instruction. */
  export interface Insn {
    id: number;
    address: number | bigint;
    size: number;
    bytes: Uint8Array;
    mnemonic: string;
    opStr: string;
  }

  /** A capstone disassembler handle. */
  export class Capstone {
    constructor(arch: number, mode: number);
    disasm(data: number[] | Uint8Array, options?: { address?: number | bigint; count?: number }): Insn[];
    close(): void;
  }

  /** Capstone's constants (only those used here). */
  export const Const: {
    readonly CS_ARCH_X86: number;
    readonly CS_MODE_64: number;
    readonly CS_ARCH_ARM64: number;
    readonly CS_MODE_ARM: number;
  };

  /** Instantiates the wasm module; must be awaited before creating a `Capstone`. */
  export function loadCapstone(args?: Record<string, unknown>): Promise<void>;
}
