// Writes the latest results (bench/results/*.json) into the README: every row with a target or
// marked headline in the root README.md (between <!-- bench:start --> and <!-- bench:end -->), and every
// benchmark's full table in bench/README.md (between <!-- results:start --> and <!-- results:end -->).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type BenchResult, type ResultRow, markdownTable, readResults } from './support/results.ts';

const ORDER = ['ingest', 'pickup', 'first-signs', 'dashboard', 'footprint', 'scale-out'];
const root = path.resolve(import.meta.dirname, '..');

function replaceBetween(file: string, start: string, end: string, content: string): void {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} section`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`);
}

function when(results: readonly BenchResult[]): string {
  const first = results[0];
  if (!first) return '';
  const dates = results.map((result) => result.ran_at.slice(0, 10)).sort();
  const span = dates[0] === dates.at(-1) ? dates[0] : `${dates[0]} to ${dates.at(-1)}`;
  const { machine } = first;
  const busiest = Math.max(...results.map((result) => result.background.cpu_busy_before));
  const load = Math.max(...results.map((result) => result.background.load_average[0] ?? 0));
  const busy =
    busiest > 0.5
      ? ` Other work kept the machine busy during the run (CPU up to ${Math.round(busiest * 100)} % busy before a benchmark started, load average up to ${load}): latencies are inflated, CPU time per task much less so.`
      : '';
  return `Latest run: ${span}, ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, Node ${machine.node}, loopback only.${busy}`;
}

const results = readResults().sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
const headline: Array<{ bench: string; row: ResultRow }> = results.flatMap((result) =>
  result.rows.filter((row) => row.target || row.headline).map((row) => ({ bench: result.name, row })),
);

replaceBetween(
  path.join(root, 'README.md'),
  '<!-- bench:start -->',
  '<!-- bench:end -->',
  [
    '`make bench` runs the benchmarks in [`bench/`](bench/README.md) (real processes on loopback; about 10 minutes on a quiet 2-core machine, more on a busy one) and writes this table; what each figure means, and what limits it, is in [`bench/README.md`](bench/README.md).',
    '',
    when(results),
    '',
    markdownTable(
      headline.map((entry) => entry.row),
      { benchmarks: headline.map((entry) => entry.bench), notes: false },
    ),
  ].join('\n'),
);

replaceBetween(
  path.join(root, 'bench/README.md'),
  '<!-- results:start -->',
  '<!-- results:end -->',
  [
    when(results),
    ...results.flatMap((result) => [
      '',
      `### ${result.title}`,
      '',
      `\`bench/results/${result.name}.json\`, ${result.ran_at.slice(0, 16).replace('T', ' ')} UTC, ${result.duration_s} s; CPU ${Math.round(result.background.cpu_busy_before * 100)} % busy just before (load average ${result.background.load_average.join(', ')}).`,
      '',
      markdownTable(result.rows),
      '',
      ...result.notes.map((note) => `- ${note}`),
    ]),
  ].join('\n'),
);
console.log(`README.md and bench/README.md updated from ${results.length} result files`);
