import { describe, expect, it } from "vitest";
import { loadWatToBinary } from "../../src/spec/wat.js";

describe("loadWatToBinary", () => {
  it("reads only the bytes of a view that shares its buffer with other data", async () => {
    const wat = await loadWatToBinary();
    const text = '(module (func (export "f") (result i32) i32.const 7))';
    const pool = new TextEncoder().encode(`${text} garbage (((`);
    const view = Buffer.from(pool.buffer, 0, text.length);
    expect(wat(view)).toEqual(wat(new TextEncoder().encode(text)));
  });
});
