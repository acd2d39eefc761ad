// Fault 4: a provider service (github-service) crashes while tasks arrive and comes back a few
// seconds later on the same port: every answer is delivered after it returns, none twice. The
// agent's retries and the provider services' Idempotency-Key records carry the work across.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { type AgentPlatform, answerFor, startAgentPlatform } from './support/agent-platform.js';
import { sleep } from './support/bounded-pool.js';
import { publishReport } from './support/fault-report.js';
import { faultScale } from './support/fault-scale.js';

const DOWN_MS = 6_000;

describe('fault: a provider service down, then back', () => {
  const scale = faultScale();
  let platform: AgentPlatform;

  beforeAll(async () => {
    platform = await startAgentPlatform({ agents: 1, agentEnv: { AGENT_CONCURRENCY: '4' } });
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('delivers every answer once github-service is back, and none twice', async () => {
    const count = scale.providerTasks;
    await platform.githubService.stop('SIGKILL');
    const requestsBefore = platform.github.requests.length;
    const sent = await Promise.all(Array.from({ length: count }, (_, index) => platform.sendTask(index)));
    await sleep(DOWN_MS);
    const requestsWhileDown = platform.github.requests.length - requestsBefore;
    await platform.githubService.start();
    const backAt = Date.now();

    const answersOf = async (index: number) => (await platform.thread(index)).filter((comment) => comment.body.includes(answerFor(platform.question(index))));
    await waitFor(
      'every answer in its thread',
      async () => ((await Promise.all(sent.map((_, index) => answersOf(index)))).every((answers) => answers.length > 0) ? true : undefined),
      150_000,
    );
    const answeredAfterMs = Date.now() - backAt;
    // Late retries would show up now as second answers.
    await sleep(3_000);
    const answers = await Promise.all(sent.map((_, index) => answersOf(index)));
    const failures = await Promise.all(sent.map(async (_, index) => (await platform.thread(index)).filter((comment) => comment.body.includes('could not complete')).length));
    const results = sent.map((task) => (task.taskId ? platform.finalResult(task.taskId) : undefined));
    const duplicated = answers.reduce((sum, list) => sum + Math.max(0, list.length - 1), 0);
    const lost = answers.filter((list) => list.length === 0).length;
    publishReport({
      fault: 'provider-outage',
      scale: scale.name,
      sent: count,
      acknowledged: sent.filter((task) => task.status === 202).length,
      completed: answers.filter((list) => list.length === 1).length,
      lost,
      duplicated,
      details: {
        provider: 'github-service',
        down_ms: DOWN_MS,
        github_requests_while_down: requestsWhileDown,
        all_answered_ms_after_return: answeredAfterMs,
        failure_comments: failures.reduce((sum, value) => sum + value, 0),
        final_results_succeeded: results.filter((result) => result?.success === true).length,
      },
    });

    expect(sent.map((task) => task.status)).toEqual(Array.from({ length: count }, () => 202));
    expect(requestsWhileDown).toBe(0);
    expect(answers.map((list) => list.length)).toEqual(Array.from({ length: count }, () => 1));
    expect(failures).toEqual(Array.from({ length: count }, () => 0));
    expect(results.map((result) => result?.success)).toEqual(Array.from({ length: count }, () => true));
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 300_000);
});
