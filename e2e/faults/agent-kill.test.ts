// Fault 2: agent-container processes are killed with SIGKILL in the middle of runs, several times,
// while tasks are queued behind them; each killed process is replaced. BullMQ's stalled-job check
// hands the killed runs to the surviving workers: every task must finish once, and every thread
// must get exactly one answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { type AgentPlatform, answerFor, startAgentPlatform } from './support/agent-platform.js';
import { sleep } from './support/bounded-pool.js';
import { publishReport } from './support/fault-report.js';
import { faultScale } from './support/fault-scale.js';
import type { ServiceProcess } from './support/service-process.js';

describe('fault: agent workers killed mid-run, several times', () => {
  const scale = faultScale();
  let platform: AgentPlatform;

  beforeAll(async () => {
    platform = await startAgentPlatform({
      agents: 2,
      // Short locks so a killed run is handed on in seconds, not the production minutes.
      agentEnv: { AGENT_CONCURRENCY: '2', AGENT_LOCK_DURATION_MS: '4000', AGENT_STALLED_INTERVAL_MS: '1000', AGENT_MAX_STALLED_COUNT: '10' },
      // Each model turn streams for about a second, so a kill lands inside a run.
      chunkDelayMs: 150,
    });
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('finishes every task once, with exactly one answer per thread', async () => {
    const count = scale.agentTasks;
    const sent = await Promise.all(Array.from({ length: count }, (_, index) => platform.sendTask(index)));
    const killed: Array<{ pid: number | undefined; tasks: string[] }> = [];
    for (let round = 0; round < scale.agentKills; round++) {
      const victim = await waitFor(
        'an agent in the middle of a run',
        async () => {
          for (const agent of platform.agents.filter((candidate) => candidate.running)) {
            const tasks = await platform.runningOn(agent);
            if (tasks.length > 0) return { agent, tasks };
          }
          return undefined;
        },
        90_000,
      );
      // Let the run get going (a model turn in flight) before the kill.
      await sleep(700);
      killed.push({ pid: victim.agent.pid, tasks: victim.tasks });
      await (victim.agent as ServiceProcess).stop('SIGKILL');
      await platform.addAgent();
    }

    const answersOf = async (index: number) => (await platform.thread(index)).filter((comment) => comment.body.includes(answerFor(platform.question(index))));
    await waitFor(
      'every task answered and finished',
      async () => {
        const answered = (await Promise.all(sent.map((_, index) => answersOf(index)))).every((answers) => answers.length > 0);
        const finished = sent.every((task) => task.taskId && platform.finalResult(task.taskId)?.success === true);
        return answered && finished ? true : undefined;
      },
      240_000,
    );
    await sleep(3_000);
    const answers = await Promise.all(sent.map((_, index) => answersOf(index)));
    const results = sent.map((task) => (task.taskId ? platform.finalResult(task.taskId) : undefined));
    const finalTurns = platform.model.requests.filter((request) => (request.body.messages ?? []).some((message) => message.role === 'tool')).length;
    const duplicated = answers.reduce((sum, list) => sum + Math.max(0, list.length - 1), 0);
    const lost = answers.filter((list) => list.length === 0).length;
    const interrupted = new Set(killed.flatMap((kill) => kill.tasks));
    publishReport({
      fault: 'agent-kill',
      scale: scale.name,
      sent: count,
      acknowledged: sent.filter((task) => task.status === 202).length,
      completed: results.filter((result) => result?.success === true).length,
      lost,
      duplicated,
      details: {
        kills: killed.length,
        runs_interrupted: killed.reduce((sum, kill) => sum + kill.tasks.length, 0),
        tasks_interrupted: interrupted.size,
        model_final_turns: finalTurns,
        agent_processes_started: platform.agents.length,
      },
    });

    expect(killed).toHaveLength(scale.agentKills);
    expect(interrupted.size).toBeGreaterThan(0);
    expect(sent.map((task) => task.status)).toEqual(Array.from({ length: count }, () => 202));
    expect(answers.map((list) => list.length)).toEqual(Array.from({ length: count }, () => 1));
    expect(results.map((result) => result?.success)).toEqual(Array.from({ length: count }, () => true));
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 420_000);
});
