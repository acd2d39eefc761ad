// Benchmark 6, scale-out: ingest with 1, 2 and 4 api-gateway processes, and pickup under a burst
// with 1, 2 and 4 agent-container processes, all on one Redis and one Postgres.
import { waitFor } from '../e2e/support/processes.ts';
import { type LoadResult, runLoad } from './support/load.ts';
import { mentionStream } from './support/mention-stream.ts';
import { startPlatform } from './support/platform.ts';
import { type ResultRow, beginBenchmark } from './support/results.ts';
import { type Summary, round, summarize } from './support/stats.ts';
import { type TaskRun, postMention, waitForFinish } from './support/task-runs.ts';
import { taskLogTimes } from './support/task-log-times.ts';
import { cpuMs } from './support/process-cpu.ts';

const PROCESSES = [1, 2, 4];
const CONNECTIONS = 12;
const INGEST_S = 8;
const WARMUP = 100;
const BURST = 16;
const BURST_CONCURRENCY = 4;

interface IngestFigures {
  processes: number;
  throughput: number;
  latency: Summary;
  failures: Record<string, number>;
}

interface PickupFigures {
  processes: number;
  pickup: Summary;
  drainS: number;
  tasksPerS: number;
  /** CPU time per task of the agent processes with their CLI and git children, and of the GitHub stand-in's git server. */
  agentCpuMsPerTask: number;
  gitServerCpuMsPerTask: number;
}

async function ingestWith(processes: number): Promise<IngestFigures> {
  const platform = await startPlatform({ gateways: processes });
  try {
    const serials = { next: 1 };
    const next = mentionStream(platform.deliveries, serials);
    const share = Math.max(1, Math.floor(CONNECTIONS / processes));
    await Promise.all(platform.gateways.map((gateway) => runLoad({ origin: gateway.url, connections: share, amount: WARMUP, durationS: 20, next, expect: [202] })));
    const samples: number[] = [];
    const started = performance.now();
    const runs: LoadResult[] = await Promise.all(
      platform.gateways.map((gateway) => runLoad({ origin: gateway.url, connections: share, durationS: INGEST_S, next, expect: [202], collect: samples })),
    );
    const seconds = (performance.now() - started) / 1000;
    const failures: Record<string, number> = {};
    for (const run of runs) {
      for (const [status, count] of Object.entries(run.unexpected)) failures[status] = (failures[status] ?? 0) + count;
      if (run.errors > 0) failures.errors = (failures.errors ?? 0) + run.errors;
    }
    return { processes, throughput: samples.length / seconds, latency: summarize(samples), failures };
  } finally {
    await platform.stop();
  }
}

async function pickupWith(processes: number): Promise<PickupFigures> {
  const platform = await startPlatform({ gateways: 1, agents: processes });
  try {
    // Warm-up: the repository mirror, the JIT; every worker idle again before the burst.
    for (let serial = 1; serial <= 2; serial++) await waitForFinish(platform, await postMention(platform, serial));
    const agentPids = platform.agents.map((agent) => agent.process.pid ?? 0);
    const agentCpu = () => agentPids.reduce((sum, pid) => sum + cpuMs(pid, { withChildren: true }), 0);
    const cpuBefore = { agents: agentCpu(), self: cpuMs('self', { withChildren: true }), ownThreads: cpuMs('self') };
    const started = Date.now();
    const runs: TaskRun[] = [];
    let issued = 0;
    // A burst from a few senders at once: the queue fills faster than the workers drain it.
    await Promise.all(
      Array.from({ length: BURST_CONCURRENCY }, async () => {
        while (issued < BURST) runs.push(await postMention(platform, 100 + issued++));
      }),
    );
    const finished = await waitFor(
      `${runs.length} tasks to finish`,
      () => {
        const all = runs.map((run) => ({ run, times: taskLogTimes(platform.taskLogsDir, run.ack.taskId) }));
        return all.every((entry) => entry.times.finished) ? all : undefined;
      },
      180_000,
    );
    // The benchmark process's ended children are the stand-in's `git http-backend` processes.
    const gitServerMs = cpuMs('self', { withChildren: true }) - cpuMs('self') - (cpuBefore.self - cpuBefore.ownThreads);
    const agentMs = agentCpu() - cpuBefore.agents;
    const failed = finished.filter((entry) => !entry.times.success);
    if (failed.length > 0) throw new Error(`${failed.length} burst tasks failed: ${failed[0]?.times.error ?? ''}`);
    const lastEnd = Math.max(...finished.map((entry) => entry.times.finishedAt ?? 0));
    const drainS = (lastEnd - started) / 1000;
    const pickup = summarize(finished.map((entry) => (entry.times.workerAssigned ?? Number.NaN) - entry.run.ack.ackEpochMs));
    return { processes, pickup, drainS, tasksPerS: runs.length / drainS, agentCpuMsPerTask: agentMs / runs.length, gitServerCpuMsPerTask: gitServerMs / runs.length };
  } finally {
    await platform.stop();
  }
}

const bench = await beginBenchmark('scale-out');
const ingest: IngestFigures[] = [];
const pickup: PickupFigures[] = [];
for (const processes of PROCESSES) {
  console.log(`scale-out: ingest with ${processes} gateway process(es)`);
  ingest.push(await ingestWith(processes));
}
for (const processes of PROCESSES) {
  console.log(`scale-out: pickup with ${processes} agent-container process(es)`);
  pickup.push(await pickupWith(processes));
}

const single = ingest[0]?.throughput ?? Number.NaN;
const singleDrain = pickup[0]?.tasksPerS ?? Number.NaN;
const failuresText = (failures: Record<string, number>) => Object.entries(failures).map(([status, count]) => `${count}×${status}`).join(', ');
const rows: ResultRow[] = [
  ...ingest.map(
    (figures): ResultRow => ({
      measure: `ingest, ${figures.processes} gateway${figures.processes > 1 ? 's' : ''}`,
      headline: true,
      value: figures.throughput,
      unit: 'tasks/s',
      ratio: { to: '1 gateway', value: figures.throughput / single },
      note: [`p50 ${round(figures.latency.p50)} ms, p99 ${round(figures.latency.p99)} ms`, failuresText(figures.failures)].filter(Boolean).join('; '),
    }),
  ),
  ...pickup.flatMap((figures): ResultRow[] => [
    {
      measure: `burst of ${BURST}, ${figures.processes} agent process${figures.processes > 1 ? 'es' : ''}: 202 → worker_assigned p99`,
      value: figures.pickup.p99,
      unit: 'ms',
      note: `p50 ${round(figures.pickup.p50)} ms`,
    },
    {
      measure: `burst of ${BURST}, ${figures.processes} agent process${figures.processes > 1 ? 'es' : ''}: tasks answered`,
      headline: true,
      value: figures.tasksPerS,
      unit: 'tasks/s',
      ratio: { to: '1 agent process', value: figures.tasksPerS / singleDrain },
      note: `drained in ${round(figures.drainS)} s; CPU per task: ${round(figures.agentCpuMsPerTask)} ms in agent-container with its CLI and git processes, ${round(figures.gitServerCpuMsPerTask)} ms in the stand-in's git server`,
    },
  ]),
];

bench.finish({
  title: 'Scale-out on one Redis and one Postgres (2 cores)',
  parameters: { processes: PROCESSES, connections: CONNECTIONS, ingest_s: INGEST_S, burst: BURST, burst_concurrency: BURST_CONCURRENCY, agent_concurrency: 2 },
  rows,
  notes: [
    `Ingest: ${CONNECTIONS} connections in all, split evenly over the gateways (one autocannon per gateway, side by side), for ${INGEST_S} s; no agent running.`,
    `Pickup: ${BURST} mentions posted by ${BURST_CONCURRENCY} senders at once to one gateway; each agent-container runs 2 tasks at a time (AGENT_CONCURRENCY), each task one CLI process and one model turn against the stand-in.`,
    'Every process shares the same 2 cores with Postgres, Redis and the load generator, so more processes add queues, not CPU.',
  ],
  details: { ingest, pickup },
});
