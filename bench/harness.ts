/**
 * The benchmark harness: named sections run in order on one shared context, each adding rows to one
 * report. A later issue adds its own sections (a module exporting `Section`s, listed in run.ts).
 */
import type { CorpusSummary } from './corpus.js';

export interface Row {
  section: string;
  measure: string;
  value: string;
  /** The target, as text, and whether the value meets it (undefined when there is no target). */
  target?: string;
  met?: boolean;
}

export interface BenchContext {
  scale: number;
  /** A temporary folder for this run (removed at the end unless --keep). */
  root: string;
  corpus?: CorpusSummary;
  /** Values sections share (a running server's port, measured latencies …). */
  shared: Map<string, unknown>;
  report(row: Row): void;
  log(message: string): void;
}

export interface Section {
  name: string;
  description: string;
  /** Sections whose results this one reads (a running server): chosen with it, in their order. */
  needs?: string[];
  run(context: BenchContext): Promise<void>;
  /** Frees what the section started (servers); runs even when a later section fails. */
  cleanup?(context: BenchContext): Promise<void>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

export function ms(value: number): string {
  return value >= 100
    ? `${value.toFixed(0)} ms`
    : value >= 10
      ? `${value.toFixed(1)} ms`
      : `${value.toFixed(2)} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function printReport(rows: Row[], scale: number): void {
  const header = ['Seksjon', 'Måling', 'Verdi', 'Mål', ''];
  const lines = rows.map((row) => [
    row.section,
    row.measure,
    row.value,
    row.target ?? '',
    row.met === undefined ? '' : row.met ? 'OK' : 'BOM',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] as string).length)),
  );
  const format = (line: string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] as number))
      .join('  ')
      .trimEnd();
  console.log(`\nGjerde benchmark, skala ${scale}`);
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}
