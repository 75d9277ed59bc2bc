import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { addon, mappingPermissions } from "./helpers.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("garbage collection", () => {
  it("unmaps code regions, contexts and memories whose owners were collected", async () => {
    const { CodeRegion, Context, LinearMemory } = addon();
    const addresses: number[] = [];
    (() => {
      for (let i = 0; i < 8; i++) {
        addresses.push(new CodeRegion(Uint8Array.of(0xc3)).address);
        addresses.push(new Context(65536).address);
        addresses.push(new LinearMemory(1, 1).address);
      }
    })();
    for (const a of addresses) expect(mappingPermissions(a)).not.toBeNull();
    await collect();
    const stillMapped = addresses.filter((a) => mappingPermissions(a) !== null);
    expect(stillMapped).toEqual([]);
  });

  it("keeps a memory mapped while its buffer is alive, even after the owner is collected", async () => {
    const { LinearMemory } = addon();
    let address = 0;
    const bytes = (() => {
      const mem = new LinearMemory(1, 1);
      address = mem.address;
      return new Uint8Array(mem.buffer);
    })();
    await collect();
    bytes[100] = 5;
    expect(bytes[100]).toBe(5);
    expect(mappingPermissions(address)).toBe("rw-p");
  });

  it("can create far more 8 GiB reservations than the address space holds, when they are dropped", async () => {
    const { LinearMemory } = addon();
    // 128 TiB of user address space / 8 GiB = 16384 live reservations at most.
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 4000; i++) new LinearMemory(0, 1);
      await collect();
    }
  });
  it("a bound call function outliving its context throws instead of entering freed memory", async () => {
    const { CodeRegion, Context } = addon();
    const { call, resume } = (() => new Context(65536).bind(new CodeRegion(Uint8Array.of(0xc3))))();
    await collect();
    expect(() => call(0)).toThrow(/garbage-collected/);
    expect(() => resume()).toThrow(/garbage-collected/);
  });
});
