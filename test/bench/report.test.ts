/** The benchmark report's geometric means: over the rows where both columns have a time. */
import { describe, expect, it } from "vitest";
import { geomeanLines, geomeanRatio, type Row } from "../../bench/report.js";

const rows: Row[] = [
  { name: "a", what: "", ms: [2, 1, null] },
  { name: "b", what: "", ms: [1, 4, 3] },
  { name: "c", what: "", ms: [null, 2, 1] },
];

describe("geomeanRatio", () => {
  it("multiplies the ratios and takes the root, skipping missing times", () => {
    const g = geomeanRatio(rows, 0, 1);
    expect(g?.count).toBe(2);
    expect(g?.ratio).toBeCloseTo(Math.sqrt(2 * 0.25), 12);
    expect(geomeanRatio(rows, 1, 2)?.ratio).toBeCloseTo(Math.sqrt((4 / 3) * 2), 12);
  });

  it("is null without a row that has both times", () => {
    expect(geomeanRatio([rows[0]], 1, 2)).toBeNull();
  });

  it("states each pair as a Markdown line", () => {
    expect(geomeanLines(["x", "y", "z"], rows, [[0, 1]])).toEqual([
      "- x / y: **0.707x** over 2 workloads (faster)",
    ]);
    expect(geomeanLines(["x", "y", "z"], [rows[0]], [[1, 2]])).toEqual(["- y / z: n/a"]);
  });
});
