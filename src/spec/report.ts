/**
 * Formatting of spec-run results: human-readable lines (one per script, then the totals) or JSON.
 */
import type { FileResult, Note, SpecReport, Tally } from "./runner.js";

function counts(t: Tally, mismatches: number, alwaysSkipped: boolean): string {
  const parts = [`${t.passed} passed`, `${t.failed} failed`];
  if (alwaysSkipped || t.skipped > 0) parts.push(`${t.skipped} skipped`);
  if (t.text > 0) parts.push(`${t.text} decided by the text parser`);
  if (mismatches > 0) parts.push(`${mismatches} message mismatches`);
  return parts.join(", ");
}

function noteLine(n: Note, prefix: string): string {
  return `  line ${n.line}: ${prefix}${n.command}: ${n.message}`;
}

/**
 * The text report: `file: N passed, N failed, N skipped` per script with its failures
 * (and, when `verbose`, the commands decided by the text parser and the message mismatches),
 * then the totals line.
 */
export function formatText(report: SpecReport, verbose: boolean): string {
  const lines: string[] = [];
  for (const f of report.files) {
    lines.push(`${f.file}: ${counts(f, f.messageMismatches.length, true)}`);
    for (const n of f.failures) lines.push(noteLine(n, ""));
    if (verbose) {
      for (const n of f.textDecided) lines.push(noteLine(n, "[text parser] "));
      for (const n of f.messageMismatches) lines.push(noteLine(n, "[message] "));
    }
  }
  lines.push(counts(report, report.messageMismatches, false));
  return lines.join("\n");
}

function fileJson(f: FileResult, verbose: boolean): object {
  const base = {
    file: f.file,
    passed: f.passed,
    failed: f.failed,
    skipped: f.skipped,
    text: f.text,
    messageMismatches: f.messageMismatches.length,
    failures: f.failures,
  };
  return verbose ? { ...base, textDecided: f.textDecided, messageMismatchNotes: f.messageMismatches } : base;
}

/**
 * The JSON report: `{files: [{file, passed, failed, skipped, text, messageMismatches, failures}],
 * passed, failed, skipped, text, messageMismatches, byCommand}` (`text` counts commands decided
 * by the text parser; message mismatches are informational).
 */
export function formatJson(report: SpecReport, verbose: boolean): string {
  return JSON.stringify(
    {
      files: report.files.map((f) => fileJson(f, verbose)),
      passed: report.passed,
      failed: report.failed,
      skipped: report.skipped,
      text: report.text,
      messageMismatches: report.messageMismatches,
      byCommand: report.byCommand,
    },
    null,
    2,
  );
}
