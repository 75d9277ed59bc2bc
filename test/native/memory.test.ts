import { describe, expect, it } from "vitest";
import { addon, mappingPermissions } from "./helpers.js";

const PAGE = 65536;

describe("linear memory", () => {
  it("starts zeroed and read-write, with the rest of the reservation inaccessible", () => {
    const mem = new (addon().LinearMemory)(2, 10);
    try {
      expect(mem.pages).toBe(2);
      expect(mem.maxPages).toBe(10);
      expect(mem.pageSize).toBe(PAGE);
      expect(mem.byteLength).toBe(2 * PAGE);
      expect(mem.reservedBytes).toBeGreaterThanOrEqual(8 * 2 ** 30);
      const bytes = new Uint8Array(mem.buffer);
      expect(bytes.length).toBe(2 * PAGE);
      expect(bytes.every((b) => b === 0)).toBe(true);
      expect(mappingPermissions(mem.address)).toBe("rw-p");
      expect(mappingPermissions(mem.address + 2 * PAGE - 1)).toBe("rw-p");
      expect(mappingPermissions(mem.address + 2 * PAGE)).toBe("---p");
      expect(mappingPermissions(mem.address + 8 * 2 ** 30)).toBe("---p");
      // The buffer is stable until the memory grows.
      expect(mem.buffer).toBe(mem.buffer);
    } finally {
      mem.free();
    }
  });

  it("grows in place: contents preserved, base unchanged, old buffer detached, new one renewed", () => {
    const mem = new (addon().LinearMemory)(1, 4);
    try {
      const base = mem.address;
      const old = mem.buffer;
      const oldView = new Uint8Array(old);
      oldView[0] = 0x11;
      oldView[PAGE - 1] = 0x22;
      expect(mem.grow(2)).toBe(1);
      expect(old.byteLength).toBe(0);
      expect(oldView.length).toBe(0);
      expect(oldView[0]).toBeUndefined();
      expect(() => new Uint8Array(old)).toThrow(TypeError);
      expect(mem.address).toBe(base);
      expect(mem.pages).toBe(3);
      const now = new Uint8Array(mem.buffer);
      expect(now.length).toBe(3 * PAGE);
      expect(now[0]).toBe(0x11);
      expect(now[PAGE - 1]).toBe(0x22);
      expect(now[3 * PAGE - 1]).toBe(0);
      now[3 * PAGE - 1] = 0x33;
      expect(mappingPermissions(base + 3 * PAGE - 1)).toBe("rw-p");
      expect(mappingPermissions(base + 3 * PAGE)).toBe("---p");
      expect(mem.grow(0)).toBe(3);
      expect(mem.buffer.byteLength).toBe(3 * PAGE);
    } finally {
      mem.free();
    }
  });

  it("enforces the maximum without changing anything", () => {
    const mem = new (addon().LinearMemory)(1, 2);
    try {
      const buffer = mem.buffer;
      expect(mem.grow(2)).toBe(-1);
      expect(mem.pages).toBe(1);
      expect(buffer.byteLength).toBe(PAGE);
      expect(mem.grow(1)).toBe(1);
      expect(mem.grow(1)).toBe(-1);
      expect(mem.pages).toBe(2);
    } finally {
      mem.free();
    }
  });

  it("supports empty memories, custom page sizes and reservations", () => {
    const mem = new (addon().LinearMemory)(0, 3, 4096, 3 * 4096);
    try {
      expect(mem.buffer.byteLength).toBe(0);
      expect(mem.reservedBytes).toBe(3 * 4096);
      expect(mem.grow(3)).toBe(0);
      new Uint8Array(mem.buffer).fill(7);
      expect(mem.grow(1)).toBe(-1);
    } finally {
      mem.free();
    }
  });

  it("grows to 65536 pages (4 GiB) and exposes every byte without copying", () => {
    const mem = new (addon().LinearMemory)(0, 65536);
    try {
      expect(mem.grow(65536)).toBe(0);
      const bytes = new Uint8Array(mem.buffer);
      expect(bytes.length).toBe(2 ** 32);
      bytes[2 ** 32 - 1] = 9;
      expect(new DataView(mem.buffer).getUint8(2 ** 32 - 1)).toBe(9);
      expect(mem.grow(1)).toBe(-1);
    } finally {
      mem.free();
    }
  });

  it("free() unmaps the reservation and detaches the live buffer", () => {
    const mem = new (addon().LinearMemory)(1, 1);
    const buffer = mem.buffer;
    const address = mem.address;
    mem.free();
    expect(mem.freed).toBe(true);
    expect(buffer.byteLength).toBe(0);
    expect(mappingPermissions(address)).toBeNull();
    expect(() => mem.buffer).toThrow(/freed/);
    expect(() => mem.grow(1)).toThrow(/freed/);
    mem.free();
  });
});
