/**
 * Call-site tables: for every return address a backend's code can leave on the stack (calls
 * between functions, calls to the interrupt handler, exits), the wasm function and the byte
 * offset of the wasm instruction it belongs to. The runtime maps the addresses of a frame-pointer
 * walk (`Context.backtrace`) through it to wasm stack frames.
 */

/** A module's call sites, sorted by return offset. */
export interface CallSites {
  /** Code offset of each site's return address (just after its call instruction), ascending. */
  readonly returnOffsets: Int32Array;
  /** Function index (in the module's index space) of each site. */
  readonly funcIndices: Int32Array;
  /** Wasm byte offset of the instruction each site belongs to. */
  readonly wasmOffsets: Int32Array;
}

/** Collects call sites in code order while a module is assembled. */
export class CallSiteTable {
  private readonly returns: number[] = [];
  private readonly funcs: number[] = [];
  private readonly offsets: number[] = [];

  /** Records a site whose return address is at code offset `returnOffset` (not below the last one). */
  add(returnOffset: number, funcIndex: number, wasmOffset: number): void {
    const n = this.returns.length;
    if (n > 0 && returnOffset < this.returns[n - 1]) {
      throw new Error(
        `call sites must be recorded in code order (${returnOffset} after ${this.returns[n - 1]})`,
      );
    }
    this.returns.push(returnOffset);
    this.funcs.push(funcIndex);
    this.offsets.push(wasmOffset);
  }

  /** The finished table. */
  finish(): CallSites {
    return {
      returnOffsets: Int32Array.from(this.returns),
      funcIndices: Int32Array.from(this.funcs),
      wasmOffsets: Int32Array.from(this.offsets),
    };
  }
}

/** Index of the site whose return address is at code offset `offset`, or -1. */
export function findCallSite(sites: CallSites, offset: number): number {
  const r = sites.returnOffsets;
  let lo = 0;
  let hi = r.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (r[mid] === offset) return mid;
    if (r[mid] < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
