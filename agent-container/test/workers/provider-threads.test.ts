import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentHarness, newTaskId, startAgentHarness } from '../support/agent-harness.js';

function task(source: AgentTaskJob['source'], text: string, conversation: string): AgentTaskJob {
  return {
    task_id: newTaskId(),
    provider: source.provider,
    delivery_id: randomBytes(8).toString('hex'),
    command: 'ask',
    options: {},
    text,
    author: { id: 'U0ASKER', login: 'mia' },
    repository: null,
    source,
    conversation_key: conversation,
    received_at: new Date().toISOString(),
  };
}

describe('answers in Slack, Jira and Sentry threads', () => {
  let h: AgentHarness;
  beforeAll(async () => {
    h = await startAgentHarness({ turns: [] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const userMessage = (index: number) => String(h.model.requests[index]?.body.messages?.[1]?.content);

  it('Slack: reads the thread, and turns the status reply into the answer in mrkdwn', async () => {
    const threadTs = h.slackService.seedMessage('C0123', 'Deploys to staging hang since this morning.', 'U0OPS');
    h.slackService.seedMessage('C0123', 'Same here, stuck at "waiting for health check".', 'U0DEV', threadTs);
    const messageTs = h.slackService.seedMessage('C0123', '<@U0BOT> why do deploys hang?', 'U0ASKER', threadTs);
    const job = task({ provider: 'slack', team_id: 'T1', channel: 'C0123', thread_ts: threadTs, message_ts: messageTs }, 'why do deploys hang?', `slack:T1/C0123/${threadTs}`);
    h.model.setTurns([{ content: '**The health check** waits on port 8080; see [the runbook](https://wiki.example.test/deploy).' }]);
    const before = h.model.requests.length;
    await h.queues.notifications.add('acknowledge', { task_id: job.task_id, kind: 'acknowledge', provider: 'slack', command: 'ask', source: job.source }, { jobId: `${job.task_id}-ack` });
    await h.enqueueTask(job, { attempts: 2 });
    expect(await h.finished(h.queues.agentTasks, job.task_id)).toBe('completed');

    const prompt = userMessage(before);
    expect(prompt).toContain('<@U0OPS>');
    expect(prompt).toContain('Deploys to staging hang since this morning.');
    expect(prompt).toContain('stuck at "waiting for health check"');
    expect(prompt).not.toContain('<@U0BOT> why do deploys hang?\n</thread_context>');

    const posts = h.slackService.forTask(job.task_id).filter((request) => request.method === 'POST' && request.path === '/api/v1/channels/C0123/messages');
    expect(posts.map((request) => request.headers['idempotency-key'])).toEqual(expect.arrayContaining([`${job.task_id}:status`]));
    const status = [...h.slackService.messages.values()].find((message) => message.text.includes(job.task_id) || message.text.includes('health check** waits') || message.text.startsWith('*The health check*'));
    expect(status?.threadTs).toBe(threadTs);
    expect(status?.text).toBe(`*The health check* waits on port 8080; see <https://wiki.example.test/deploy|the runbook>.\n\n<http://dashboard.example.test/#/tasks/${job.task_id}|Task log>`);
    const answers = h.slackService.forTask(job.task_id).filter((request) => request.headers['idempotency-key'] === `${job.task_id}:answer`);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.method).toBe('PATCH');
  });

  it('Jira: reads the issue, and edits the status comment into the answer, notifying watchers only then', async () => {
    const job = task({ provider: 'jira', site: 'https://acme.atlassian.net', issue_key: 'ED-24', project_key: 'ED', comment_id: '10500' }, 'what breaks checkout?', 'jira:acme.atlassian.net/ED-24');
    h.model.setTurns([{ content: 'EUR carts round the tax twice.' }]);
    const before = h.model.requests.length;
    await h.enqueueTask(job, { attempts: 2 });
    expect(await h.finished(h.queues.agentTasks, job.task_id)).toBe('completed');
    expect(userMessage(before)).toMatch(/## Jira issue ED-24: Checkout fails for EUR carts\nStatus: To Do\nType: Bug\nPriority: High[\s\S]*Customers paying in EUR get a 500/);
    const calls = h.jiraService.forTask(job.task_id).filter((request) => request.method !== 'GET');
    expect(calls.map((request) => [request.method, request.headers['idempotency-key']])).toEqual([
      ['POST', `${job.task_id}:status`],
      ['PUT', `${job.task_id}:answer`],
    ]);
    expect(calls[1]?.body).toEqual({ body: `EUR carts round the tax twice.\n\n[Task log](http://dashboard.example.test/#/tasks/${job.task_id})`, notify_users: true });
  });

  it('Sentry: reads the issue and its stack trace, and edits the status comment into the answer', async () => {
    const job = task({ provider: 'sentry', organization: 'acme', project: 'pump-station', issue_id: '1', short_id: 'PUMP-STATION-1', trigger: 'event_alert' }, 'find the cause', 'sentry:acme/1');
    h.model.setTurns([{ content: '`rate()` divides by `seconds`, which is 0 for an empty window (pump/flow.py:12).' }]);
    const before = h.model.requests.length;
    await h.enqueueTask(job, { attempts: 2 });
    expect(await h.finished(h.queues.agentTasks, job.task_id)).toBe('completed');
    const prompt = userMessage(before);
    expect(prompt).toContain('## Sentry issue PUMP-STATION-1: ZeroDivisionError: division by zero');
    expect(prompt).toContain('Seen 42 times by 7 users');
    expect(prompt).toContain('ZeroDivisionError: division by zero\n  pump/flow.py:12 in rate\n      11 def rate(volume, seconds):\n    > 12     return volume / seconds');
    const writes = h.sentryService.forTask(job.task_id).filter((request) => request.method !== 'GET');
    expect(writes.map((request) => [request.method, request.path, request.headers['idempotency-key']])).toEqual([
      ['POST', '/api/v1/issues/1/comments', `${job.task_id}:status`],
      ['PUT', expect.stringMatching(/^\/api\/v1\/issues\/1\/comments\/\d+$/), `${job.task_id}:answer`],
    ]);
    const mine = h.sentryService.comments.filter((comment) => writes[1]?.path.endsWith(`/comments/${comment.id}`));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.text).toContain('which is 0 for an empty window');
    expect(mine[0]?.text).toContain(`/#/tasks/${job.task_id}`);
  });

  it('Sentry: a failure edits the status comment into the cause', async () => {
    const job = task({ provider: 'sentry', organization: 'acme', project: 'pump-station', issue_id: '1' }, 'find the cause', 'sentry:acme/1:b');
    h.model.setTurns(() => ({ error: { status: 400, message: 'This model maximum context length is 8192 tokens' } }));
    await h.enqueueTask(job, { attempts: 2 });
    expect(await h.finished(h.queues.agentTasks, job.task_id)).toBe('failed');
    const writes = h.sentryService.forTask(job.task_id).filter((request) => request.method !== 'GET');
    expect(writes.map((request) => [request.method, request.headers['idempotency-key']])).toEqual([
      ['POST', `${job.task_id}:status`],
      ['PUT', `${job.task_id}:failure`],
    ]);
    expect(String(writes[1]?.body.text)).toContain('maximum context length is 8192 tokens');
  });

  it('Sentry: when the status comment is gone, the answer is a new comment', async () => {
    const job = task({ provider: 'sentry', organization: 'acme', project: 'pump-station', issue_id: '1' }, 'find the cause', 'sentry:acme/1:c');
    h.model.setTurns([{ content: 'The window is empty at midnight.' }]);
    h.sentryService.failNextMatching('PUT', /\/comments\/\d+$/, { status: 404, body: { code: 'sentry_not_found', message: 'Sentry: The requested resource does not exist' } });
    await h.enqueueTask(job, { attempts: 2 });
    expect(await h.finished(h.queues.agentTasks, job.task_id)).toBe('completed');
    const writes = h.sentryService.forTask(job.task_id).filter((request) => request.method !== 'GET');
    expect(writes.map((request) => [request.method, request.headers['idempotency-key']])).toEqual([
      ['POST', `${job.task_id}:status`],
      ['PUT', `${job.task_id}:answer`],
      ['POST', `${job.task_id}:answer`],
    ]);
    expect(String(writes[2]?.body.text)).toContain('The window is empty at midnight.');
  });

  it('Slack slash command: a new message in the channel, or the response_url when the bot may not post there', async () => {
    const source = { provider: 'slack' as const, team_id: 'T1', channel: 'C0999', thread_ts: '', message_ts: '', trigger: 'slash_command' as const, response_url: 'https://hooks.slack.com/commands/T1/1/abc' };
    const job = task(source, 'what is our deploy freeze policy?', 'slack:T1/C0999/slash:1');
    h.model.setTurns([{ content: 'Fridays after 14:00.' }]);
    h.slackService.failNextMatching('POST', /\/channels\/C0999\/messages$/, { status: 403, body: { code: 'slack_not_in_channel', message: 'Slack: not_in_channel' } });
    await h.enqueueTask(job, { attempts: 1 });
    expect(await h.finished(h.queues.agentTasks, job.task_id)).toBe('completed');
    const calls = h.slackService.forTask(job.task_id);
    expect(calls.filter((request) => request.path.endsWith('/reactions'))).toHaveLength(0);
    const responses = calls.filter((request) => request.path === '/api/v1/command-responses');
    // The status, then the answer: two of the five answers a response_url allows, no progress in between.
    expect(responses.map((request) => request.headers['idempotency-key'])).toEqual([`${job.task_id}:status`, `${job.task_id}:answer`]);
    expect(responses[1]?.body).toMatchObject({ response_url: source.response_url, response_type: 'in_channel', text: expect.stringContaining('Fridays after 14:00.') });
  });
});
