// Benchmark 3, first signs of life: from the webhook leaving the sender to the 👀 reaction and
// the status comment reaching the GitHub stand-in, and to the agent's first request reaching the
// model stand-in. One task at a time, idle workers.
import { MODEL_ANSWER, type StandInHit, modelAnswer, startPlatform } from './support/platform.ts';
import { type ResultRow, beginBenchmark, checked } from './support/results.ts';
import { round, summarize } from './support/stats.ts';
import { postMention, waitForFinish } from './support/task-runs.ts';

const TASKS = 30;
const WARMUP = 3;
const TIME_LIMIT_S = 120;
const SETTLE_MS = 200;
const REPO = '/repos/Codertocat/Hello-World';

const mentionsAnswer = (hit: StandInHit, text = MODEL_ANSWER) => JSON.stringify(hit.body).includes(text);

const bench = await beginBenchmark('first-signs');
const platform = await startPlatform({ gateways: 1, agents: 1 });
const samples: Array<{ eyes: number | null; status: number | null; answer: number | null; model: number | null }> = [];
let gitRequestsBefore = 0;
try {
  const deadline = performance.now() + TIME_LIMIT_S * 1000;
  for (let serial = 1; serial <= WARMUP + TASKS && performance.now() < deadline; serial++) {
    const run = await postMention(platform, serial);
    await waitForFinish(platform, run);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (serial <= WARMUP) {
      gitRequestsBefore = platform.github.gitRequests.length;
      continue;
    }
    const after = (hit: { at: number } | undefined) => (hit ? hit.at - run.ack.sentAt : null);
    const posts = platform.githubHits.filter((hit) => hit.method === 'POST');
    const comments = posts.filter((hit) => hit.path === `${REPO}/issues/${run.issueNumber}/comments`);
    // The answer is a new comment or an edit (PATCH) of the status comment: its text names the task.
    const answerText = modelAnswer(`bench-${serial}`);
    samples.push({
      eyes: after(posts.find((hit) => hit.path === `${REPO}/issues/comments/${run.commentId}/reactions`)),
      status: after(comments.find((hit) => !mentionsAnswer(hit))),
      answer: after(platform.githubHits.find((hit) => (hit.method === 'POST' || hit.method === 'PATCH') && mentionsAnswer(hit, answerText))),
      model: after(platform.modelHits.find((hit) => hit.token === `bench-${serial}`)),
    });
  }
} finally {
  await platform.stop();
}
const gitPerTask = round((platform.github.gitRequests.length - gitRequestsBefore) / Math.max(1, samples.length));

const of = (key: keyof (typeof samples)[number]) => {
  const values = samples.map((sample) => sample[key]).filter((value): value is number => value !== null);
  return { ...summarize(values), missing: samples.length - values.length };
};
const eyes = of('eyes');
const status = of('status');
const answer = of('answer');
const model = of('model');
const noStatus = status.count === 0;
const rows: ResultRow[] = [
  { measure: 'webhook → 👀 reaction p50', headline: true, value: eyes.p50, unit: 'ms', note: `p99 ${round(eyes.p99)} ms${eyes.missing ? `; ${eyes.missing} missing` : ''}` },
  checked(
    {
      measure: 'webhook → status comment p99',
      value: noStatus ? null : status.p99,
      unit: 'ms',
      note: noStatus ? 'no status comment is posted; the first comment in the thread is the answer' : `p50 ${round(status.p50)} ms`,
    },
    'below',
    1000,
  ),
  { measure: 'webhook → first model request p50', headline: true, value: model.p50, unit: 'ms', note: `p99 ${round(model.p99)} ms` },
  { measure: 'webhook → answer comment p50', value: answer.p50, unit: 'ms', note: `p99 ${round(answer.p99)} ms (the stand-in model answers at once)` },
];

bench.finish({
  title: 'First signs of life: one gateway, one agent-container, idle workers',
  parameters: { tasks: samples.length, warmup: WARMUP },
  rows,
  notes: [
    'Measured in one process clock: the sender and both stand-ins run in the benchmark process, the platform in its own processes.',
    `Warm repository cache: the ${WARMUP} warm-up tasks create the agent's mirror of Codertocat/Hello-World (REPO_CACHE_DIR); each measured task still fetches the branch into the mirror over git smart HTTP from the GitHub stand-in (${gitPerTask} git requests a task) and clones its workspace from the mirror before the model is called.`,
  ],
  details: { eyes, status, answer, model, samples },
});
