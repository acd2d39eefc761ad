// Benchmark 2, pickup: with idle workers, the time from the gateway's 202 to the agent worker
// taking the task (`worker_assigned` in 03-queue-flow.jsonl) and to the runner starting
// (`task_started` in 04-agent-output.jsonl). One task at a time, each on its own issue.
import { type ResultRow, beginBenchmark, checked } from './support/results.ts';
import { startPlatform } from './support/platform.ts';
import { round, summarize } from './support/stats.ts';
import { postMention, waitForFinish } from './support/task-runs.ts';

const TASKS = 30;
const WARMUP = 3;
const TIME_LIMIT_S = 120;
/** Pause after a task ends, so that every worker is idle again (blocked on Redis) when the next arrives. */
const IDLE_GAP_MS = 150;

const bench = await beginBenchmark('pickup');
const platform = await startPlatform({ gateways: 1, agents: 1 });
const samples: Array<{ toAssigned: number; toStarted: number; ackMs: number; webhookToStarted: number }> = [];
try {
  const deadline = performance.now() + TIME_LIMIT_S * 1000;
  for (let serial = 1; serial <= WARMUP + TASKS && performance.now() < deadline; serial++) {
    const run = await postMention(platform, serial);
    const times = await waitForFinish(platform, run);
    if (times.workerAssigned === undefined || times.taskStarted === undefined) throw new Error(`task ${run.ack.taskId} has no worker_assigned or task_started line`);
    if (serial > WARMUP) {
      const ackMs = run.ack.ackAt - run.ack.sentAt;
      const toStarted = times.taskStarted - run.ack.ackEpochMs;
      samples.push({ toAssigned: times.workerAssigned - run.ack.ackEpochMs, toStarted, ackMs, webhookToStarted: toStarted + ackMs });
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_GAP_MS));
  }
} finally {
  await platform.stop();
}

const assigned = summarize(samples.map((sample) => sample.toAssigned));
const started = summarize(samples.map((sample) => sample.toStarted));
const ack = summarize(samples.map((sample) => sample.ackMs));
const fromWebhook = summarize(samples.map((sample) => sample.webhookToStarted));
const rows: ResultRow[] = [
  { measure: '202 → worker_assigned p50', value: assigned.p50, unit: 'ms' },
  { measure: '202 → worker_assigned p99', value: assigned.p99, unit: 'ms' },
  { measure: '202 → runner start (task_started) p50', value: started.p50, unit: 'ms' },
  checked({ measure: '202 → runner start (task_started) p99', value: started.p99, unit: 'ms', note: `${samples.length} tasks, idle workers` }, 'below', 100),
  { measure: 'webhook sent → runner start p50', headline: true, value: fromWebhook.p50, unit: 'ms', note: `p99 ${round(fromWebhook.p99)} ms` },
  { measure: 'webhook sent → 202 p50 (one at a time)', value: ack.p50, unit: 'ms', note: `p99 ${round(ack.p99)} ms` },
];

bench.finish({
  title: 'Pickup with idle workers: one gateway, one agent-container (concurrency 2)',
  parameters: { tasks: samples.length, warmup: WARMUP, idle_gap_ms: IDLE_GAP_MS },
  rows,
  notes: [
    'Times are the wall clock of the 202 arriving at the sender against the millisecond timestamps the worker writes in the task log (same machine clock, ±1 ms).',
    'A negative pickup means the worker had the job before the 202 reached the sender: the gateway pushes the jobs, then writes its task-log lines and marks the outbox row before it answers.',
    'task_started is written when the processor hands the task to the runner, before the workspace is made and the agent CLI is spawned.',
  ],
  details: { worker_assigned: assigned, task_started: started, webhook_to_202: ack, webhook_to_task_started: fromWebhook, samples },
});
