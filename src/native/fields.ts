/**
 * Typed access to a context block's fields (layout in `abi.ts`). Addresses are returned as numbers:
 * user-space addresses on x86-64 and arm64 Linux stay below 2^48.
 */
import { CONTEXT_SIZE, ContextOffset, EXIT_ARG_COUNT } from "./abi.js";

const TWO_32 = 2 ** 32;

/** Reads and writes the fields of one context block through a DataView over its buffer. */
export class ContextFields {
  private readonly view: DataView;

  /** Wraps `buffer`, which must be a context's `buffer` ({@link CONTEXT_SIZE} bytes). */
  constructor(buffer: ArrayBuffer) {
    if (!(buffer instanceof ArrayBuffer) || buffer.byteLength !== CONTEXT_SIZE) {
      throw new TypeError(`ContextFields: expected a ${CONTEXT_SIZE}-byte context buffer`);
    }
    this.view = new DataView(buffer);
  }

  private checkOffset(offset: number, width: number): void {
    if (!Number.isInteger(offset) || offset < 0 || offset > CONTEXT_SIZE - width || offset % width !== 0) {
      throw new RangeError(
        `ContextFields: offset ${offset} is not an aligned ${width}-byte field of the context`,
      );
    }
  }

  /** Reads the u32 at `offset`. */
  readU32(offset: number): number {
    this.checkOffset(offset, 4);
    return this.view.getUint32(offset, true);
  }

  /** Writes the u32 `value` at `offset`. */
  writeU32(offset: number, value: number): void {
    this.checkOffset(offset, 4);
    if (!Number.isInteger(value) || value < 0 || value >= TWO_32) {
      throw new RangeError(`ContextFields: ${value} is not a u32`);
    }
    this.view.setUint32(offset, value, true);
  }

  /** Reads the u64 at `offset`. */
  readU64(offset: number): bigint {
    this.checkOffset(offset, 8);
    return this.view.getBigUint64(offset, true);
  }

  /** Writes the u64 `value` (taken modulo 2^64) at `offset`. */
  writeU64(offset: number, value: bigint): void {
    this.checkOffset(offset, 8);
    this.view.setBigUint64(offset, BigInt.asUintN(64, value), true);
  }

  /** Reads the u64 at `offset` as a number; throws RangeError above 2^53 - 1. */
  readAddress(offset: number): number {
    this.checkOffset(offset, 8);
    const value = this.view.getUint32(offset + 4, true) * TWO_32 + this.view.getUint32(offset, true);
    if (!Number.isSafeInteger(value))
      throw new RangeError(`ContextFields: the u64 at ${offset} exceeds 2^53`);
    return value;
  }

  /** Writes the non-negative safe integer `value` as a u64 at `offset`. */
  writeAddress(offset: number, value: number): void {
    this.checkOffset(offset, 8);
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`ContextFields: ${value} is not a non-negative safe integer`);
    }
    this.view.setUint32(offset, value % TWO_32, true);
    this.view.setUint32(offset + 4, Math.floor(value / TWO_32), true);
  }

  /** The exit code of the last exit. */
  get exitCode(): number {
    return this.readU32(ContextOffset.exitCode);
  }

  /** Exit argument `index` (0 to {@link EXIT_ARG_COUNT} - 1). */
  exitArg(index: number): bigint {
    return this.readU64(this.exitArgOffset(index));
  }

  /** Sets exit argument `index`. */
  setExitArg(index: number, value: bigint): void {
    this.writeU64(this.exitArgOffset(index), value);
  }

  private exitArgOffset(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= EXIT_ARG_COUNT) {
      throw new RangeError(
        `ContextFields: exit argument index ${index} is not in [0, ${EXIT_ARG_COUNT - 1}]`,
      );
    }
    return ContextOffset.exitArgs + 8 * index;
  }

  /** Where the innermost suspended activation resumes (0 when none is suspended). */
  get resumeAddress(): number {
    return this.readAddress(ContextOffset.resumeAddress);
  }

  /** The stack pointer of the innermost suspended activation (0 when none is suspended). */
  get savedSp(): number {
    return this.readAddress(ContextOffset.savedSp);
  }

  /** The lowest stack pointer generated code may move below. */
  get stackLimit(): number {
    return this.readAddress(ContextOffset.stackLimit);
  }

  /** Highest address (exclusive) of the execution stack. */
  get stackTop(): number {
    return this.readAddress(ContextOffset.stackTop);
  }

  /** Lowest usable address of the execution stack. */
  get stackBottom(): number {
    return this.readAddress(ContextOffset.stackBottom);
  }

  /** Linear memory base address, as generated code reads it. */
  get memoryBase(): number {
    return this.readAddress(ContextOffset.memoryBase);
  }

  set memoryBase(value: number) {
    this.writeAddress(ContextOffset.memoryBase, value);
  }

  /** Linear memory size in bytes, as generated code reads it. */
  get memorySize(): number {
    return this.readAddress(ContextOffset.memorySize);
  }

  set memorySize(value: number) {
    this.writeAddress(ContextOffset.memorySize, value);
  }

  /** The interrupt flag (non-zero asks generated code to exit). */
  get interrupt(): number {
    return this.readU32(ContextOffset.interrupt);
  }

  set interrupt(value: number) {
    this.writeU32(ContextOffset.interrupt, value);
  }
}
