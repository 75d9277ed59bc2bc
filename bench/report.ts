/** The benchmark report: a Markdown table and an SVG bar chart of time ratios against V8. */

/** One row of results: a task's ms per run for each engine column (null: not available). */
export interface Row {
  readonly name: string;
  readonly what: string;
  readonly ms: readonly (number | null)[];
}

/** Ratio text of `x` against the baseline `base`. */
function ratio(x: number | null, base: number | null): string {
  return x === null || base === null ? "n/a" : `${(x / base).toFixed(2)}x`;
}

function ms(x: number | null): string {
  if (x === null) return "n/a";
  return x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

/** A Markdown table of `rows`: ms per column, then each column's ratio against column `base`. */
export function timeTable(columns: readonly string[], rows: readonly Row[], base: number): string {
  const head = [
    "workload",
    "exercises",
    ...columns.map((c) => `${c} ms`),
    ...columns.map((c) => `${c} / ${columns[base]}`),
  ];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) {
    const cells = [r.name, r.what, ...r.ms.map(ms), ...r.ms.map((x) => ratio(x, r.ms[base]))];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/**
 * The geometric mean of column `a`'s time over column `b`'s across the rows where both have a
 * time (null when none does), with the number of rows it covers.
 */
export function geomeanRatio(
  rows: readonly Row[],
  a: number,
  b: number,
): { readonly ratio: number; readonly count: number } | null {
  const logs = rows.flatMap((r) => {
    const x = r.ms[a];
    const y = r.ms[b];
    return x === null || y === null ? [] : [Math.log(x / y)];
  });
  if (logs.length === 0) return null;
  return { ratio: Math.exp(logs.reduce((s, l) => s + l, 0) / logs.length), count: logs.length };
}

/** Markdown lines stating the geometric mean of each pair `[a, b]` of columns (`a` / `b`). */
export function geomeanLines(
  columns: readonly string[],
  rows: readonly Row[],
  pairs: readonly (readonly [number, number])[],
): string[] {
  return pairs.map(([a, b]) => {
    const g = geomeanRatio(rows, a, b);
    const text =
      g === null
        ? "n/a"
        : `**${g.ratio.toFixed(3)}x** over ${g.count} workloads (${g.ratio < 1 ? "faster" : "slower"})`;
    return `- ${columns[a]} / ${columns[b]}: ${text}`;
  });
}

const COLORS = ["#d62728", "#ff7f0e", "#2ca02c", "#1f77b4", "#9467bd", "#8c564b"];

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A horizontal bar chart of each column's time ratio against column `base`, on a log scale
 * (one group of bars per task; the base column is the 1x line).
 */
export function ratioChart(columns: readonly string[], rows: readonly Row[], base: number): string {
  const shown = columns.map((_, i) => i).filter((i) => i !== base);
  const ratios = rows.flatMap((r) =>
    shown.flatMap((i) => (r.ms[i] === null || r.ms[base] === null ? [] : [r.ms[i]! / r.ms[base]!])),
  );
  const lo = Math.floor(Math.log10(Math.min(0.5, ...ratios)));
  const hi = Math.ceil(Math.log10(Math.max(2, ...ratios)));
  const left = 230;
  const width = 560;
  const bar = 9;
  const groupH = shown.length * bar + 10;
  const top = 40;
  const height = top + rows.length * groupH + 30 + shown.length * 16;
  const x = (r: number): number => left + ((Math.log10(r) - lo) / (hi - lo)) * width;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 30}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<title>Kiln benchmark: time relative to ${escapeXml(columns[base])}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="16" font-size="13">Time relative to ${escapeXml(columns[base])} (log scale; lower is faster)</text>`,
  ];
  for (let p = lo; p <= hi; p++) {
    const gx = x(10 ** p);
    out.push(
      `<line x1="${gx}" y1="${top - 8}" x2="${gx}" y2="${top + rows.length * groupH}" stroke="#ccc"/>`,
    );
    out.push(
      `<text x="${gx}" y="${top - 12}" text-anchor="middle">${10 ** p >= 1 ? 10 ** p : (10 ** p).toFixed(-p)}x</text>`,
    );
  }
  rows.forEach((r, gi) => {
    const gy = top + gi * groupH;
    out.push(`<text x="${left - 6}" y="${gy + groupH / 2}" text-anchor="end">${escapeXml(r.name)}</text>`);
    shown.forEach((ci, k) => {
      const v = r.ms[ci];
      const b = r.ms[base];
      if (v === null || b === null) return;
      const x1 = x(1);
      const x2 = x(v / b);
      out.push(
        `<rect x="${Math.min(x1, x2)}" y="${gy + k * bar}" width="${Math.max(1, Math.abs(x2 - x1))}" height="${bar - 1}" fill="${COLORS[k % COLORS.length]}"/>`,
      );
    });
  });
  const ly = top + rows.length * groupH + 20;
  shown.forEach((ci, k) => {
    out.push(
      `<rect x="${left}" y="${ly + k * 16 - 9}" width="10" height="10" fill="${COLORS[k % COLORS.length]}"/>`,
    );
    out.push(`<text x="${left + 16}" y="${ly + k * 16}">${escapeXml(columns[ci])}</text>`);
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
