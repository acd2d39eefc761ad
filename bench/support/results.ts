import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { waitForQuietMachine } from './machine-load.ts';
import { round } from './stats.ts';

export const resultsDir = path.resolve(import.meta.dirname, '../results');

/** A target of the issue, checked against one figure. */
export const TargetSchema = z.object({
  /** `below`: the figure must be under `value`; `at_least`: at or above it. */
  kind: z.enum(['below', 'at_least']),
  value: z.number(),
  met: z.boolean(),
});
export type Target = z.infer<typeof TargetSchema>;

export const ResultRowSchema = z.object({
  /** What was measured, and under which load: "ack latency p99 @ 500/s". */
  measure: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  target: TargetSchema.optional(),
  /** The figure as a ratio to the lower bound measured in the same run (ours / bound). */
  ratio: z.object({ to: z.string(), value: z.number() }).optional(),
  note: z.string().optional(),
  /** Shown in the root README's table too (rows with a target always are). */
  headline: z.boolean().optional(),
});
export type ResultRow = z.infer<typeof ResultRowSchema>;

export const BenchResultSchema = z.object({
  name: z.string(),
  title: z.string(),
  ran_at: z.string(),
  machine: z.object({ cpus: z.number(), cpu_model: z.string(), memory_gb: z.number(), node: z.string(), platform: z.string() }),
  duration_s: z.number(),
  /** How busy the machine was just before the run (other people's work shares these 2 cores); load average at the start. */
  background: z.object({ cpu_busy_before: z.number(), waited_s: z.number(), load_average: z.array(z.number()) }),
  parameters: z.record(z.string(), z.unknown()),
  rows: z.array(ResultRowSchema),
  notes: z.array(z.string()),
  /** Full distributions and per-run details behind the rows. */
  details: z.record(z.string(), z.unknown()),
});
export type BenchResult = z.infer<typeof BenchResultSchema>;

export function machine(): BenchResult['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    memory_gb: round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** A row with a target checked: `below` means the figure must stay under `value`. */
export function checked(row: Omit<ResultRow, 'target'>, kind: Target['kind'], value: number): ResultRow {
  const figure = row.value;
  const met = figure !== null && Number.isFinite(figure) && (kind === 'below' ? figure < value : figure >= value);
  return { ...row, target: { kind, value, met } };
}

export function targetText(target: Target, unit: string): string {
  const sign = target.kind === 'below' ? '<' : '≥';
  return `${sign} ${target.value}${unit === '×' ? '×' : ` ${unit}`}`;
}

function cells(row: ResultRow, withNote: boolean): string[] {
  const value = row.value === null ? 'n/a' : String(round(row.value));
  const target = row.target ? `${targetText(row.target, row.unit)} ${row.target.met ? '✅' : '❌'}` : '';
  const ratio = row.ratio ? `${round(row.ratio.value)}× ${row.ratio.to}` : '';
  return [row.measure, `${value} ${row.unit}`, ratio, target, ...(withNote ? [row.note ?? ''] : [])];
}

/** The rows as a Markdown table (printed by each benchmark, and pasted into the READMEs). */
export function markdownTable(rows: readonly ResultRow[], options: { benchmarks?: string[]; notes?: boolean } = {}): string {
  const withNote = options.notes ?? true;
  const header = [...(options.benchmarks ? ['benchmark'] : []), 'measure', 'figure', 'ratio to bound', 'target', ...(withNote ? ['note'] : [])];
  const lines = rows.map((row, index) => [...(options.benchmarks ? [options.benchmarks[index] ?? ''] : []), ...cells(row, withNote)]);
  const all = [header, ...lines];
  const widths = header.map((_, column) => Math.max(...all.map((line) => (line[column] ?? '').length)));
  const format = (line: string[]) => `| ${line.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [format(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

export function writeResult(result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify(BenchResultSchema.parse(result), null, 2)}\n`);
  return file;
}

export function readResults(): BenchResult[] {
  return readdirSync(resultsDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = BenchResultSchema.safeParse(JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8')));
      if (!parsed.success) throw new Error(`bench/results/${file} is not a result file: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** Prints the table and notes, writes the result file. */
export function report(result: BenchResult): void {
  console.log(`\n## ${result.title}\n`);
  console.log(markdownTable(result.rows));
  for (const note of result.notes) console.log(`- ${note}`);
  console.log(`\nwrote ${path.relative(process.cwd(), writeResult(result))} (${result.duration_s} s)`);
}

export type BenchReport = Pick<BenchResult, 'name' | 'title' | 'parameters' | 'rows' | 'notes' | 'details'>;

/**
 * Starts a benchmark: waits for a quiet machine and notes how busy it was. `finish` prints the
 * table and writes the result file.
 */
export async function beginBenchmark(name: string): Promise<{ finish(report: Omit<BenchReport, 'name'>): void }> {
  console.log(`${name}: waiting for a quiet machine`);
  const quiet = await waitForQuietMachine();
  const started = performance.now();
  const ranAt = new Date().toISOString();
  const loadAverage = os.loadavg().map(round);
  return {
    finish(partial) {
      report({
        ...partial,
        name,
        ran_at: ranAt,
        machine: machine(),
        duration_s: round((performance.now() - started) / 1000),
        background: { cpu_busy_before: round(quiet.busy), waited_s: round(quiet.waitedS), load_average: loadAverage },
      });
    },
  };
}
