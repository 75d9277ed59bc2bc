/** Types of the native addon's exports (`native/addon.cc`), as seen from TypeScript. */

/** The ABI numbers the addon was compiled with (compared against `abi.ts` at load time). */
export interface NativeAbi {
  readonly version: number;
  readonly offsets: Readonly<Record<string, number>>;
  readonly contextSize: number;
  readonly exitArgCount: number;
  readonly exitCodes: Readonly<Record<string, number>>;
  readonly stackReserve: number;
  readonly nestedEntryGap: number;
}

/** x86-64 instruction set extensions detected with cpuid (AVX only when the OS saves YMM state). */
export interface CpuFeaturesX64 {
  readonly arch: "x64";
  readonly sse41: boolean;
  readonly sse42: boolean;
  readonly popcnt: boolean;
  readonly lzcnt: boolean;
  readonly bmi1: boolean;
  readonly bmi2: boolean;
  readonly avx: boolean;
  readonly avx2: boolean;
}

/** On arm64 (and anything else) only the architecture is reported. */
export interface CpuFeaturesOther {
  readonly arch: "arm64" | "unknown";
}

/** What `cpuFeatures()` returns. */
export type CpuFeatures = CpuFeaturesX64 | CpuFeaturesOther;

/** Machine code mapped read-execute. Unmapped by `free()` or when garbage-collected. */
export interface NativeCodeRegion {
  /** Address of the first code byte. Throws once freed. */
  readonly address: number;
  /** Number of code bytes. */
  readonly size: number;
  /** Whether `free()` was called. */
  readonly freed: boolean;
  /** Unmaps the code now; throws while a suspended activation was entered in this region. */
  free(): void;
}

/**
 * An execution context: the context block, an execution stack with guard pages, and the stack of
 * suspended activations. Unmapped by `close()` or when garbage-collected.
 */
export interface NativeContext {
  /** The context block (layout in `abi.ts`). The same buffer until `close()` detaches it. */
  readonly buffer: ArrayBuffer;
  /** Address of the context block. */
  readonly address: number;
  /** Number of suspended activations. */
  readonly depth: number;
  /** Whether `close()` was called. */
  readonly closed: boolean;
  /**
   * Runs the code at `code.address + offset` until it exits or returns; returns the exit code. With
   * activations suspended, the new one runs on the same stack below the innermost of them.
   */
  enter(code: NativeCodeRegion, offset: number): number;
  /**
   * Binds `code` to the context (kept alive by it until it is closed or another region is bound;
   * throws while an activation is suspended) and returns its fast entry points.
   */
  bind(code: NativeCodeRegion): NativeEntries;
  /**
   * The innermost suspended activation's code addresses, at most `maxFrames`: its resume address,
   * then the return address of every frame record on the frame-pointer chain from the saved frame
   * pointer (only records inside the suspended part of the execution stack, each above the last).
   * Empty when nothing is suspended.
   */
  backtrace(maxFrames: number): Float64Array;
  /**
   * Sets the address stored at `interruptWord` to element 0 of `flag` (an `Int32Array` over a
   * `SharedArrayBuffer`, kept alive by the context), or back to the context's own interrupt field
   * for null.
   */
  setInterruptWord(flag: Int32Array | null): void;
  /** Continues the innermost suspended activation; returns its next exit code. */
  resume(): number;
  /** Discards the innermost suspended activation without running it. */
  abandon(): void;
  /** Sets the interrupt flag from a helper thread after `milliseconds`, unless cleared first. */
  setInterruptTimer(milliseconds: number): void;
  /** Cancels a pending interrupt timer (the flag keeps its value). */
  clearInterruptTimer(): void;
  /** Releases the context block and stack now and detaches `buffer`. */
  close(): void;
}

/**
 * The fast entry points of a context (`bind`): plain functions that need no receiver and carry
 * their context, at about a third of the cost of the methods.
 */
export interface NativeEntries {
  /** Like `enter(region, offset)` on the region bound at the time of the call. */
  readonly call: (offset: number) => number;
  /** Like `resume()`. */
  readonly resume: () => number;
}

/** Linear memory whose base never moves; unmapped by `free()` or when garbage-collected. */
export interface NativeLinearMemory {
  /** The committed bytes, without copies. Detached and replaced after every growth. */
  readonly buffer: ArrayBuffer;
  /** Base address. Throws once freed. */
  readonly address: number;
  /** Current size in pages. */
  readonly pages: number;
  /** Maximum size in pages. */
  readonly maxPages: number;
  /** Page size in bytes. */
  readonly pageSize: number;
  /** Current size in bytes. */
  readonly byteLength: number;
  /** Bytes of address space reserved at creation. */
  readonly reservedBytes: number;
  /** Whether `free()` was called. */
  readonly freed: boolean;
  /** Adds `deltaPages` pages; returns the previous size in pages, or -1 past the maximum. */
  grow(deltaPages: number): number;
  /** Unmaps the memory now and detaches `buffer`. */
  free(): void;
}

/** The addon's exports. */
export interface NativeAddon {
  /** The ABI numbers the addon was compiled with. */
  readonly abi: NativeAbi;
  /** Detects the CPU's instruction set extensions. */
  cpuFeatures(): CpuFeatures;
  /** Maps `bytes` as executable code. */
  readonly CodeRegion: new (
    bytes: Uint8Array,
  ) => NativeCodeRegion;
  /** Creates a context with an execution stack of `stackSize` bytes (default 8 MiB). */
  readonly Context: new (
    stackSize?: number,
  ) => NativeContext;
  /**
   * Creates a linear memory of `initialPages` pages of `pageSize` bytes (default 65536), growable
   * to `maxPages`, inside a reservation of `reserveBytes` (default 8 GiB + 64 KiB).
   */
  readonly LinearMemory: new (
    initialPages: number,
    maxPages: number,
    pageSize?: number,
    reserveBytes?: number,
  ) => NativeLinearMemory;
}
