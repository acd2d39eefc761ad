// Benchmark 5, footprint: resident memory (VmRSS) of every component at rest and under load.
// Load: signed mentions offered at 500/s to the gateway for a while, with the agent answering
// them (one CLI process per run) and every other service up.
import { residentMb, sampleMemory } from './support/memory.ts';
import { runLoad } from './support/load.ts';
import { mentionStream } from './support/mention-stream.ts';
import { startPlatform } from './support/platform.ts';
import { type ResultRow, beginBenchmark, checked } from './support/results.ts';
import { round } from './support/stats.ts';
import { postMention, waitForFinish } from './support/task-runs.ts';

const WARMUP_TASKS = 5;
const REST_S = 5;
const LOAD_RATE = 500;
const LOAD_S = 15;
const DRAIN_S = 5;
const CONNECTIONS = 10;

const bench = await beginBenchmark('footprint');
const platform = await startPlatform({ gateways: 1, agents: 1, others: ['jira-service', 'slack-service', 'sentry-service', 'dashboard-api'] });
const components = [...platform.gateways, ...platform.agents, ...(platform.githubService ? [platform.githubService] : []), ...platform.others];
const pids = Object.fromEntries(components.map((component) => [component.name, component.process.pid ?? 0]));
let rest: Record<string, number> = {};
let peaks: ReturnType<ReturnType<typeof sampleMemory>['peaks']> = {};
let offered = { succeeded: 0, durationS: 0, unexpected: {} as Record<string, number>, errors: 0 };
try {
  for (let serial = 1; serial <= WARMUP_TASKS; serial++) await waitForFinish(platform, await postMention(platform, serial));
  await new Promise((resolve) => setTimeout(resolve, REST_S * 1000));
  rest = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, residentMb(pid) ?? Number.NaN]));

  const gateway = platform.gateways[0];
  if (!gateway) throw new Error('no gateway');
  const sampler = sampleMemory(pids, 200);
  const load = await runLoad({
    origin: gateway.url,
    connections: CONNECTIONS,
    rate: LOAD_RATE,
    amount: LOAD_RATE * LOAD_S,
    durationS: LOAD_S + 5,
    next: mentionStream(platform.deliveries, { next: 10_000 }),
    expect: [202],
  });
  await new Promise((resolve) => setTimeout(resolve, DRAIN_S * 1000));
  sampler.stop();
  peaks = sampler.peaks();
  offered = { succeeded: load.succeeded, durationS: load.durationS, unexpected: load.unexpected, errors: load.errors };
} finally {
  await platform.stop();
}

const rows: ResultRow[] = components.flatMap((component) => {
  const name = component.name;
  const peak = peaks[name];
  const under: ResultRow = {
    measure: `${name} under load (peak)`,
    value: peak?.self ?? null,
    unit: 'MB',
    ...(peak && peak.descendants > 0 ? { note: `+ ${round(peak.descendants)} MB in agent CLI processes at their peak` } : {}),
  };
  const headline = name === 'api-gateway' || name === 'agent-container';
  return [{ measure: `${name} at rest`, value: rest[name] ?? null, unit: 'MB', headline }, name === 'api-gateway' ? checked(under, 'below', 200) : { ...under, headline }];
});

bench.finish({
  title: 'Footprint: resident memory of each component',
  parameters: { warmup_tasks: WARMUP_TASKS, rest_s: REST_S, load_rate: LOAD_RATE, load_s: LOAD_S, drain_s: DRAIN_S, connections: CONNECTIONS },
  rows,
  notes: [
    `At rest: ${REST_S} s after ${WARMUP_TASKS} tasks ran end to end. Under load: mentions offered at ${LOAD_RATE}/s for ${LOAD_S} s (${offered.succeeded} accepted with 202 in ${round(offered.durationS)} s), peak VmRSS sampled every 200 ms until ${DRAIN_S} s after.`,
    'The agent runs its CLI as child processes; their memory is shown beside agent-container, not in it.',
  ],
  details: { rest, peaks, offered },
});
