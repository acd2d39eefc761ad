import { FinalResultSchema } from '@swe-ai-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BareRepository } from '../support/bare-repository.js';
import { type AgentHarness, githubTask, startAgentHarness } from '../support/agent-harness.js';

const BUGGY = 'def add(a, b):\n    return a - b\n';
const FIXED = 'def add(a, b):\n    return a + b\n';

describe('fix and implement: the agent’s changes become a draft pull request', () => {
  let h: AgentHarness;
  let origin: BareRepository;

  beforeAll(async () => {
    h = await startAgentHarness({ turns: [] });
    origin = await h.seedRepository('octo', 'calc', { 'calc.py': BUGGY, 'README.md': '# calc\n' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const editScript = () => [
    { toolCalls: [{ name: 'read_file', arguments: { path: 'calc.py' } }] },
    { toolCalls: [{ name: 'edit_file', arguments: { path: 'calc.py', old_string: 'return a - b', new_string: 'return a + b' } }] },
    { content: 'The cause: `add` subtracted (calc.py:2). I made it add.' },
  ];
  const issueTask = (command: string) =>
    githubTask({
      command,
      text: 'add() returns the wrong result\nIt subtracts.',
      repository: { owner: 'octo', name: 'calc' },
      source: { provider: 'github', owner: 'octo', repo: 'calc', issue_number: 3, is_pull_request: false, comment_id: 77 },
      conversation_key: `github:octo/calc#3:${command}`,
    });
  const statusBody = (taskId: string) => [...h.githubService.comments.values()].find((comment) => comment.body.includes(`task=${taskId}`))?.body ?? '';

  it('commits on agent/<task id>, pushes to the repository, opens a draft PR against the default branch, and links it', async () => {
    const task = issueTask('fix');
    h.model.setTurns(editScript());
    await h.enqueueTask(task, { attempts: 2 });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');

    const branch = `agent/${task.task_id}`;
    expect(await origin.show(branch, 'calc.py')).toBe(FIXED);
    expect(await origin.show('main', 'calc.py')).toBe(BUGGY);
    const [commit] = await origin.log(branch);
    expect(commit).toBe('fix: add() returns the wrong result|SWE AI Fleet|fleet@example.test');

    const pull = h.githubService.created.find((created) => created.head === branch);
    expect(pull).toMatchObject({ repo: 'octo/calc', base: 'main', draft: true, title: 'fix: add() returns the wrong result' });
    expect(pull?.body).toContain('octo/calc#3');
    expect(pull?.body).toContain('> add() returns the wrong result\n> It subtracts.');
    const opened = h.githubService.forTask(task.task_id).find((request) => request.path === '/api/v1/repos/octo/calc/pulls');
    expect(opened?.headers['idempotency-key']).toBe(`${task.task_id}:pull-request`);

    const prUrl = `https://github.com/octo/calc/pull/${pull?.number}`;
    expect(statusBody(task.task_id)).toContain(`The cause: \`add\` subtracted (calc.py:2). I made it add.\n\n---\n🔀 I pushed my changes and opened a draft pull request: ${prUrl}`);
    const final = FinalResultSchema.parse(await h.json(task.task_id, '06-final-result.json'));
    expect(final.links).toEqual([
      { kind: 'answer', url: expect.stringContaining('https://github.com/octo/calc/issues/3#issuecomment-') },
      { kind: 'pull_request', url: prUrl },
    ]);
    expect((await h.runs.forTask(task.task_id))[0]).toMatchObject({ status: 'succeeded', pullRequestUrl: prUrl });
  });

  it('works on the branch of a pull request in the same repository, and proposes its changes into that branch', async () => {
    h.githubService.seedPullRequest('octo', 'calc', 9, { head: 'feature', base: 'main', diff: 'diff --git a/feature.txt b/feature.txt\n+wip\n' });
    await origin.commit({ 'feature.txt': 'wip\n' }, 'feature work', 'feature');
    const task = githubTask({
      command: 'fix',
      text: 'fix add before we merge',
      repository: { owner: 'octo', name: 'calc' },
      source: { provider: 'github', owner: 'octo', repo: 'calc', issue_number: 9, is_pull_request: true, comment_id: 78 },
      conversation_key: 'github:octo/calc#9',
    });
    h.model.setTurns(editScript());
    const before = h.model.requests.length;
    await h.enqueueTask(task, { attempts: 1 });
    expect(await h.finished(h.queues.agentTasks, task.task_id)).toBe('completed');
    expect(h.githubService.created.find((created) => created.head === `agent/${task.task_id}`)).toMatchObject({ base: 'feature' });
    const prompt = JSON.stringify(h.model.requests[before]?.body.messages);
    expect(prompt).toContain('checked out on branch feature');
    expect(prompt).toContain('## Diff\\ndiff --git a/feature.txt b/feature.txt');
  });

  it('opens nothing when the agent changed nothing, or when its command may not change the repository', async () => {
    const untouched = issueTask('fix');
    h.model.setTurns([{ content: 'I could not find the cause; nothing changed.' }]);
    await h.enqueueTask(untouched, { attempts: 1 });
    expect(await h.finished(h.queues.agentTasks, untouched.task_id)).toBe('completed');

    const asked = issueTask('ask');
    h.model.setTurns(editScript());
    await h.enqueueTask(asked, { attempts: 1 });
    expect(await h.finished(h.queues.agentTasks, asked.task_id)).toBe('completed');

    for (const task of [untouched, asked]) {
      expect(h.githubService.created.filter((created) => created.head === `agent/${task.task_id}`)).toHaveLength(0);
      expect(statusBody(task.task_id)).not.toContain('draft pull request');
    }
    expect(await origin.branches()).not.toContain(`agent/${asked.task_id}`);
  });
});
