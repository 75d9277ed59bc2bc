/**
 * The binary interface between the trampoline, generated machine code and TypeScript, mirroring
 * `native/abi.h` number for number. The loader refuses an addon whose own `abi` export disagrees.
 * `native/README.md` describes the calling convention these numbers belong to.
 */

/** Bumped whenever a number here changes meaning; must equal the addon's `abi.version`. */
export const ABI_VERSION = 2;

/** Byte offsets of the context fields. */
export const ContextOffset = {
  /** u32: the exit code, written by generated code before it exits (see {@link ExitCode}). */
  exitCode: 0x00,
  /** u64[{@link EXIT_ARG_COUNT}]: exit-specific operands. */
  exitArgs: 0x08,
  /** u64: where a resume continues; written by the exit stub. */
  resumeAddress: 0x28,
  /** u64: the stack pointer a resume restores; written by the exit stub. */
  savedSp: 0x30,
  /** u64: the lowest stack pointer generated code may move below (checked in prologues). */
  stackLimit: 0x38,
  /** u64: linear memory base address, written by TypeScript. */
  memoryBase: 0x40,
  /** u64: linear memory size in bytes, written by TypeScript. */
  memorySize: 0x48,
  /** u32: non-zero asks generated code to exit with {@link ExitCode.interrupted}. */
  interrupt: 0x50,
  /** u64: private to the trampoline (the native stack pointer). */
  hostSp: 0x58,
  /** u64: address of the exit stub; generated code leaves with `call [ctx + exitStub]`. */
  exitStub: 0x60,
  /** u64: highest address (exclusive) of the execution stack. */
  stackTop: 0x68,
  /** u64: lowest usable address of the execution stack (guard pages lie below). */
  stackBottom: 0x70,
  /** u64: the frame pointer (rbp / x29) at the last exit; written by the exit stub. */
  savedFp: 0x78,
  /**
   * u64: address of a second u32 interrupt word that generated code may poll besides
   * {@link ContextOffset.interrupt} (by default the address of that field itself); set with
   * `Context.setInterruptWord`.
   */
  interruptWord: 0x80,
  /** Start of the bytes that belong to the runtime; the native layer never touches them. */
  runtimeArea: 0x100,
} as const;

/** Total size of a context in bytes. */
export const CONTEXT_SIZE = 0x1000;

/** Number of u64 exit argument slots. */
export const EXIT_ARG_COUNT = 4;

/**
 * Exit codes. Only `return` means something to the native layer (the activation finished); every
 * other code leaves the activation suspended until it is resumed or abandoned.
 */
export const ExitCode = {
  /** Never a valid exit: generated code left without writing a code. */
  none: 0,
  /** The entry function returned (written by the trampoline). */
  return: 1,
  /** A trap; exit argument 0 holds the trap kind (defined by the runtime). */
  trap: 2,
  /** A call to a host function; exit arguments defined by the runtime. */
  hostCall: 3,
  /** A memory growth request; exit arguments defined by the runtime. */
  memoryGrow: 4,
  /** A prologue found the stack pointer below the stack limit. */
  stackExhausted: 5,
  /** Generated code saw a non-zero interrupt flag. */
  interrupted: 6,
} as const;

/** One of the {@link ExitCode} values (or any other u32 a runtime defines for itself). */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Bytes kept free between the stack limit and the guard pages. */
export const STACK_RESERVE = 32 * 1024;

/** Bytes skipped below a suspended activation's saved stack pointer before a nested entry. */
export const NESTED_ENTRY_GAP = 128;
