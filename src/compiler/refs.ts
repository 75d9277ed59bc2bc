/**
 * Reference handles: compiled code holds a reference (funcref or externref) as a u64 handle,
 * 0 for null and otherwise 1 + an index into the store's `RefTable`, which maps handles to the
 * runtime's reference values and back. A table lives as long as its store (references are not
 * collected while the store lives).
 */

/** The two-way map between references and their handles, one per store. */
export class RefTable {
  private readonly ids = new Map<unknown, number>();
  private readonly refs: unknown[] = [];

  /** The handle of `ref` (0 for null), allocating one on first sight. */
  handle(ref: unknown): number {
    if (ref === null) return 0;
    let id = this.ids.get(ref);
    if (id === undefined) {
      id = this.refs.length + 1;
      this.refs.push(ref);
      this.ids.set(ref, id);
    }
    return id;
  }

  /** The reference of `handle` (null for 0). */
  ref(handle: number): unknown {
    if (handle === 0) return null;
    const r = this.refs[handle - 1];
    if (r === undefined) throw new Error(`compiled code produced an unknown reference handle ${handle}`);
    return r;
  }
}
