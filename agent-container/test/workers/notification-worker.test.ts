import type { NotificationJob } from '@swe-ai-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentHarness, SERVICE_TOKEN, githubTask, newTaskId, startAgentHarness } from '../support/agent-harness.js';

function acknowledge(source: NotificationJob['source']): NotificationJob {
  return { task_id: newTaskId(), kind: 'acknowledge', provider: source.provider, command: 'ask', source, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
}

describe('notifications worker', () => {
  let h: AgentHarness;
  beforeAll(async () => {
    h = await startAgentHarness({ turns: [] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const send = async (job: NotificationJob, attempts = 3) => {
    await h.queues.notifications.add('acknowledge', job, { jobId: `${job.task_id}-ack`, attempts, backoff: { type: 'fixed', delay: 10 } });
    const state = await h.finished(h.queues.notifications, `${job.task_id}-ack`);
    return { state, job: await h.queues.notifications.getJob(`${job.task_id}-ack`) };
  };
  const forTask = (taskId: string) => h.githubService.requests.filter((request) => request.headers['x-task-id'] === taskId);

  it('adds 👀 to the comment that mentioned the agent, once, and logs the call', async () => {
    const source = githubTask().source;
    const job = acknowledge(source);
    const { state } = await send(job);
    expect(state).toBe('completed');
    const [reaction] = forTask(job.task_id);
    expect(reaction).toMatchObject({ method: 'POST', path: '/api/v1/repos/Codertocat/Hello-World/issues/comments/492700400/reactions', body: { content: 'eyes' } });
    expect(reaction?.headers).toMatchObject({
      authorization: `Bearer ${SERVICE_TOKEN}`,
      'idempotency-key': `${job.task_id}:ack-reaction`,
      traceparent: job.traceparent,
    });
    const flow = await h.lines(job.task_id, '05-microservices-flow.jsonl');
    expect(flow.map((record) => [record.type, record.operation, record.status_code])).toEqual([
      ['service_call', 'reactions.createForIssueComment', undefined],
      ['service_request', 'reactions.createForIssueComment', undefined],
      ['service_response', 'reactions.createForIssueComment', 201],
    ]);
  });

  it('reacts to the issue itself when the mention was in its body', async () => {
    const job = acknowledge({ provider: 'github', owner: 'octo', repo: 'hello', issue_number: 7, is_pull_request: true });
    expect((await send(job)).state).toBe('completed');
    expect(forTask(job.task_id)[0]).toMatchObject({ path: '/api/v1/repos/octo/hello/issues/7/reactions', body: { content: 'eyes' } });
  });

  it('reacts to a pull-request review comment on its own route', async () => {
    const job = acknowledge({ provider: 'github', owner: 'octo', repo: 'hello', issue_number: 7, is_pull_request: true, review_comment_id: 88 });
    expect((await send(job)).state).toBe('completed');
    expect(forTask(job.task_id)[0]).toMatchObject({ path: '/api/v1/repos/octo/hello/pulls/comments/88/reactions', body: { content: 'eyes' } });
  });

  it('retries a 502 from github-service and gives up at once on a 404', async () => {
    const retried = acknowledge(githubTask().source);
    h.githubService.failNext({ status: 502, body: { code: 'github_unavailable', message: 'GitHub: Bad Gateway' } });
    const first = await send(retried);
    expect(first.state).toBe('completed');
    expect(first.job?.attemptsMade).toBe(2);
    expect(forTask(retried.task_id)).toHaveLength(2);

    const refused = acknowledge(githubTask().source);
    h.githubService.failNext({ status: 404, body: { code: 'github_not_found', message: 'GitHub: Not Found' } });
    const second = await send(refused);
    expect(second.state).toBe('failed');
    expect(second.job?.attemptsMade).toBe(1);
    expect(second.job?.failedReason).toContain('HTTP 404 github_not_found');
  });

  it('skips providers it cannot acknowledge yet, calling nothing', async () => {
    const job = acknowledge({ provider: 'slack', team_id: 'T1', channel: 'C1', thread_ts: '1.0', message_ts: '1.0' });
    const { state, job: done } = await send(job);
    expect(state).toBe('completed');
    expect(done?.returnvalue).toEqual({ skipped: 'acknowledgements in slack are not supported yet' });
    expect(forTask(job.task_id)).toHaveLength(0);
  });
});
