// `make bench`: every benchmark in its own Node process, one after another (so one that fails
// leaves the others' results), then the README tables. Names on the command line run a subset:
// `node bench/run-all.ts ingest dashboard`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BENCHMARKS = ['ingest', 'pickup', 'first-signs', 'dashboard', 'footprint', 'scale-out'];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !BENCHMARKS.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  process.exit(2);
}
const started = performance.now();
const failed: string[] = [];
for (const name of asked.length > 0 ? asked : BENCHMARKS) {
  console.log(`\n=== bench/${name}.ts`);
  const run = spawnSync(process.execPath, [path.join(import.meta.dirname, `${name}.ts`)], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench/${name}.ts failed (${run.signal ?? `exit ${run.status}`})`);
    failed.push(name);
  }
}
const readme = spawnSync(process.execPath, [path.join(import.meta.dirname, 'update-readme.ts')], { stdio: 'inherit' });
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(`\nbenchmarks done in ${minutes} min${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length > 0 || readme.status !== 0 ? 1 : 0);
