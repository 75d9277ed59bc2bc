/** Runs the examples in `examples/` (which import the built package as "kiln") against the sources. */
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("kiln", () => import("../../src/index.js"));

async function output(file: string): Promise<string[]> {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((s: unknown) => void lines.push(String(s)));
  const example = (await import(`../../examples/${file}`)) as { main: () => void };
  example.main();
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("examples", () => {
  it("call-export.mjs", async () => {
    expect(await output("call-export.mjs")).toEqual([
      'export add: {"params":["i32","i32"],"results":["i32"]}',
      'export fact: {"params":["i64"],"results":["i64"]}',
      "add(2, 40) = 42",
      "fact(20) = 2432902008176640000",
    ]);
  });

  it("host-function.mjs", async () => {
    expect(await output("host-function.mjs")).toEqual([
      "guest says: hello from wasm",
      "run() = 1700000000001",
    ]);
  });

  it("c-string.mjs", async () => {
    expect(await output("c-string.mjs")).toEqual([
      "greeting at 64: Grüße aus Kiln",
      "round trip: written by JS",
    ]);
  });
});
