// Benchmark 1, webhook ingest: signed GitHub issue_comment deliveries with a mention, at fixed
// rates and at full speed, against one api-gateway process; side by side with a bare Fastify
// route and a raw BullMQ Queue.add loop on the same Redis, in the same run.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { runQueueAddLoop } from './baselines/queue-add-loop.ts';
import { GithubDeliveries } from './support/github-delivery.ts';
import { type LoadResult, runLoad } from './support/load.ts';
import { mentionStream } from './support/mention-stream.ts';
import { REDIS_URL, WEBHOOK_SECRET, startPlatform } from './support/platform.ts';
import { deleteQueueKeys } from './support/redis-keys.ts';
import { type ResultRow, beginBenchmark, checked } from './support/results.ts';
import { cpuMs } from './support/process-cpu.ts';
import { startScript } from './support/script-process.ts';
import { round } from './support/stats.ts';

const CONNECTIONS = 10;
const RATES = [100, 250, 500];
const STEP_S = 5;
const MAX_S = 10;
const WARMUP = 300;
const SINGLE = 200;

const bench = await beginBenchmark('ingest');
const deliveries = new GithubDeliveries(WEBHOOK_SECRET);
/** Every request is a fresh delivery (its own id, issue and comment), signed over its own bytes. */
const nextDelivery = mentionStream(deliveries, { next: 1 });

/** Warm-up, one at a time, the fixed rates, then full speed; `pid` is the server's, for its CPU time per request. */
async function loadSeries(origin: string, pid: number, expect: number[]) {
  await runLoad({ origin, connections: CONNECTIONS, amount: WARMUP, durationS: 30, next: nextDelivery, expect });
  const single = await runLoad({ origin, connections: 1, amount: SINGLE, durationS: 10, next: nextDelivery, expect });
  const fixed: LoadResult[] = [];
  for (const rate of RATES) {
    fixed.push(await runLoad({ origin, connections: CONNECTIONS, rate, amount: rate * STEP_S, durationS: STEP_S + 5, next: nextDelivery, expect }));
  }
  const cpuBefore = cpuMs(pid);
  const max = await runLoad({ origin, connections: CONNECTIONS, durationS: MAX_S, next: nextDelivery, expect });
  return { single, fixed, max, cpuMsPerRequest: (cpuMs(pid) - cpuBefore) / Math.max(1, max.succeeded) };
}

function failures(run: LoadResult): string {
  const unexpected = Object.entries(run.unexpected).map(([status, count]) => `${count}×${status}`);
  return [...unexpected, ...(run.errors > 0 ? [`${run.errors} errors`] : [])].join(', ');
}

console.log('ingest: bare Fastify route');
const hello = await startScript(path.join(import.meta.dirname, 'baselines/hello-fastify.ts'));
const bare = await loadSeries(hello.url, hello.process.pid ?? 0, [202]).finally(() => hello.stop());

console.log('ingest: raw BullMQ Queue.add loop');
const rawPrefix = `bench-raw-${randomBytes(4).toString('hex')}`;
const raw = await runQueueAddLoop({ redisUrl: REDIS_URL, prefix: rawPrefix, concurrency: CONNECTIONS, durationS: MAX_S, amount: 1_000_000 }).finally(() =>
  deleteQueueKeys(REDIS_URL, rawPrefix),
);

console.log('ingest: api-gateway');
const platform = await startPlatform({ gateways: 1 });
const gateway = platform.gateways[0];
if (!gateway) throw new Error('the gateway did not start');
const ours = await loadSeries(gateway.url, gateway.process.pid ?? 0, [202]).finally(() => platform.stop());

const ratioTo = (to: string, ours: number, bound: number) => ({ ratio: { to, value: ours / bound } });
const rows: ResultRow[] = [
  { measure: 'ack latency p50, one at a time', value: ours.single.latency.p50, unit: 'ms', ...ratioTo('bare Fastify', ours.single.latency.p50, bare.single.latency.p50) },
  { measure: 'ack latency p99, one at a time', value: ours.single.latency.p99, unit: 'ms', ...ratioTo('bare Fastify', ours.single.latency.p99, bare.single.latency.p99) },
];
for (const [index, run] of ours.fixed.entries()) {
  const bareRun = bare.fixed[index];
  const note = [`${run.succeeded} × 202 in ${round(run.durationS)} s`, failures(run)].filter(Boolean).join('; ');
  const p99: ResultRow = { measure: `ack latency p99 @ ${run.rate}/s`, value: run.latency.p99, unit: 'ms', note, ...(bareRun ? ratioTo('bare Fastify', run.latency.p99, bareRun.latency.p99) : {}) };
  rows.push({ measure: `ack latency p50 @ ${run.rate}/s`, value: run.latency.p50, unit: 'ms', ...(bareRun ? ratioTo('bare Fastify', run.latency.p50, bareRun.latency.p50) : {}), headline: run.rate === 500 });
  rows.push(run.rate === 500 ? checked(p99, 'below', 25) : p99);
}
rows.push(
  checked(
    {
      measure: `sustained ingest (${CONNECTIONS} connections)`,
      value: ours.max.throughput,
      unit: 'tasks/s',
      ...ratioTo('Queue.add', ours.max.throughput, raw.throughput),
      note: [`p50 ${round(ours.max.latency.p50)} ms, p99 ${round(ours.max.latency.p99)} ms`, failures(ours.max)].filter(Boolean).join('; '),
    },
    'at_least',
    round(raw.throughput / 2),
  ),
  { measure: `raw Queue.add loop (${CONNECTIONS} in flight)`, value: raw.throughput, unit: 'adds/s', note: `p50 ${round(raw.latency.p50)} ms, p99 ${round(raw.latency.p99)} ms; ${round(raw.cpuMsPerAdd)} ms CPU per add in the loop's process` },
  { measure: 'bare Fastify route, full speed', value: bare.max.throughput, unit: 'req/s', ...ratioTo('ingest', bare.max.throughput, ours.max.throughput), note: `p50 ${round(bare.max.latency.p50)} ms, p99 ${round(bare.max.latency.p99)} ms` },
  { measure: 'gateway CPU time per task', headline: true, value: ours.cpuMsPerRequest, unit: 'ms', ...ratioTo('bare Fastify', ours.cpuMsPerRequest, bare.cpuMsPerRequest), note: `bare Fastify: ${round(bare.cpuMsPerRequest)} ms per request; user + system, all threads, at full speed` },
);

bench.finish({
  title: 'Webhook ingest: one api-gateway process',
  parameters: { connections: CONNECTIONS, rates: RATES, step_s: STEP_S, max_s: MAX_S, warmup: WARMUP, single: SINGLE, payload_bytes: nextDelivery().body?.length ?? 0 },
  rows,
  notes: [
    'Each delivery is a fresh signed issue_comment.created (12 kB, its own delivery id, issue and comment) that becomes a task: 202 only after the task row and outbox row are committed (deliveries arriving together share one statement) and the three jobs are in Redis; the task log is written after the answer by the gateway task-log thread.',
    `autocannon, ${CONNECTIONS} keep-alive connections, on the same 2 cores as the server, Postgres and Redis; a fixed rate arrives as bursts at the start of each second (autocannon caps each connection per one-second window).`,
    'The Fastify baseline answers the same POST (body read and parsed) with a constant; the Queue.add baseline adds one agent-tasks job per call, while a task takes three adds (agent-tasks, notifications, task-events).',
    'CPU time per task (from /proc, all threads of the server process) is the figure other load on the machine disturbs least; latency and throughput move with it.',
  ],
  details: { gateway: ours, bare_fastify: bare, queue_add: raw },
});
