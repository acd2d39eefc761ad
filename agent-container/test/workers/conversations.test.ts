import type { ChatRequestBody } from '../../../e2e/stand-ins/model-server.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentHarness, githubTask, startAgentHarness } from '../support/agent-harness.js';

/** Every request first runs a slow command, then answers "answer to <its request>". */
function slowScript(request: ChatRequestBody) {
  const messages = request.messages ?? [];
  const asked = /<user_request>\n([\s\S]*?)\n<\/user_request>/.exec(String(messages[1]?.content))?.[1] ?? '?';
  if (messages.at(-1)?.role === 'tool') return { content: `answer to ${asked}` };
  return { toolCalls: [{ name: 'run_command', arguments: { command: `sleep 1 # ${asked}` } }] };
}

describe('conversations', () => {
  let h: AgentHarness;
  beforeAll(async () => {
    h = await startAgentHarness({ turns: slowScript }, { agentConcurrency: 3 });
  });
  afterAll(async () => {
    await h?.close();
  });

  const asked = (index: number) => /<user_request>\n([\s\S]*?)\n<\/user_request>/.exec(String(h.model.requests[index]?.body.messages?.[1]?.content))?.[1];

  it('runs the tasks of one conversation one at a time, in order, each seeing the earlier questions and answers', async () => {
    const conversation = 'github:Codertocat/Hello-World#41';
    const source = { provider: 'github' as const, owner: 'Codertocat', repo: 'Hello-World', issue_number: 41, is_pull_request: false };
    const t0 = Date.now();
    const tasks = ['first question', 'second question', 'third question'].map((text, index) =>
      githubTask({ text, repository: null, source, conversation_key: conversation, received_at: new Date(t0 + index).toISOString() }),
    );
    const before = h.model.requests.length;
    for (const task of tasks) await h.enqueueTask(task, { attempts: 1 });
    for (const task of tasks) expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');

    // Each task's two model calls come before the next task's: never interleaved.
    const order = h.model.requests.slice(before).map((_request, index) => asked(before + index));
    expect(order).toEqual(['first question', 'first question', 'second question', 'second question', 'third question', 'third question']);

    // The third task saw both earlier turns, oldest first, as data.
    const third = String(h.model.requests.at(-1)?.body.messages?.[1]?.content);
    expect(third).toMatch(/<conversation_history>\n### 1\. @Codertocat \(ask, .*\)\nQuestion: first question\nYour answer: answer to first question\n\n### 2\. @Codertocat \(ask, .*\)\nQuestion: second question\nYour answer: answer to second question\n<\/conversation_history>/);
    const first = String(h.model.requests[before]?.body.messages?.[1]?.content);
    expect(first).not.toContain('<conversation_history>');

    // A task that had to wait says so once in its queue flow.
    const waited = (await h.lines(tasks[2]?.task_id ?? '', '03-queue-flow.jsonl')).filter((record) => record.stage === 'requeued');
    expect(waited.length).toBeGreaterThanOrEqual(1);
    expect(waited[0]?.details).toMatchObject({ reason: 'conversation_busy' });
    expect(waited.length).toBeLessThanOrEqual(2);
  });

  it('runs tasks of different conversations at the same time', async () => {
    const tasks = [51, 52].map((issue) =>
      githubTask({ text: `parallel ${issue}`, repository: null, source: { provider: 'github', owner: 'Codertocat', repo: 'Hello-World', issue_number: issue, is_pull_request: false }, conversation_key: `github:Codertocat/Hello-World#${issue}` }),
    );
    const before = h.model.requests.length;
    for (const task of tasks) await h.enqueueTask(task, { attempts: 1 });
    for (const task of tasks) expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');
    const order = h.model.requests.slice(before).map((_request, index) => asked(before + index));
    // Both started (their slow first call) before either finished.
    expect(order.slice(0, 2).sort()).toEqual(['parallel 51', 'parallel 52']);
  });
});
