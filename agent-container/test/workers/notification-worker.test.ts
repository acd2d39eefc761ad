import type { NotificationJob } from '@swe-ai-fleet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentHarness, SERVICE_TOKEN, githubTask, newTaskId, startAgentHarness } from '../support/agent-harness.js';

function acknowledge(source: NotificationJob['source'], command = 'ask'): NotificationJob {
  return { task_id: newTaskId(), kind: 'acknowledge', provider: source.provider, command, source, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
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

  it('adds 👀 to the comment that mentioned the agent and posts the status comment with the task link, each once', async () => {
    const job = acknowledge(githubTask().source, 'fix');
    const { state, job: done } = await send(job);
    expect(state).toBe('completed');
    expect(done?.returnvalue).toEqual({ sent: ['comment_reaction', 'status_message'] });
    const [reaction, status] = h.githubService.forTask(job.task_id);
    expect(reaction).toMatchObject({ method: 'POST', path: '/api/v1/repos/Codertocat/Hello-World/issues/comments/492700400/reactions', body: { content: 'eyes' } });
    expect(reaction?.headers).toMatchObject({ authorization: `Bearer ${SERVICE_TOKEN}`, 'idempotency-key': `${job.task_id}:ack-reaction` });
    // The same trace as the job, with the call's own span as the parent (test/observability/task-tracing.test.ts).
    expect(reaction?.headers.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$/);
    expect(status).toMatchObject({ method: 'POST', path: '/api/v1/repos/Codertocat/Hello-World/issues/1/comments' });
    expect(status?.headers['idempotency-key']).toBe(`${job.task_id}:status`);
    expect(status?.body.body).toBe(
      `👀 On it: working on this \`fix\` request.\n\n[Follow the task](http://dashboard.example.test/#/tasks/${job.task_id})\n\n<!-- swe-ai-fleet:task=${job.task_id} -->`,
    );
    const flow = await h.lines(job.task_id, '05-microservices-flow.jsonl');
    expect(flow.filter((record) => record.type === 'service_response').map((record) => [record.operation, record.status_code])).toEqual([
      ['reactions.createForIssueComment', 201],
      ['issues.createComment', 201],
    ]);
  });

  it('reacts to the issue itself when the mention was in its body, and to a review comment on its own route', async () => {
    const issue = acknowledge({ provider: 'github', owner: 'octo', repo: 'hello', issue_number: 7, is_pull_request: true });
    expect((await send(issue)).state).toBe('completed');
    expect(h.githubService.forTask(issue.task_id)[0]).toMatchObject({ path: '/api/v1/repos/octo/hello/issues/7/reactions', body: { content: 'eyes' } });
    const review = acknowledge({ provider: 'github', owner: 'octo', repo: 'hello', issue_number: 7, is_pull_request: true, review_comment_id: 88 });
    expect((await send(review)).state).toBe('completed');
    expect(h.githubService.forTask(review.task_id)[0]).toMatchObject({ path: '/api/v1/repos/octo/hello/pulls/comments/88/reactions', body: { content: 'eyes' } });
  });

  it('retries a 502 from github-service; a reaction refused for good still leaves the status comment', async () => {
    const retried = acknowledge(githubTask().source);
    h.githubService.failNext({ status: 502, body: { code: 'github_unavailable', message: 'GitHub: Bad Gateway' } });
    const first = await send(retried);
    expect(first.state).toBe('completed');
    expect(first.job?.attemptsMade).toBe(2);
    expect(h.githubService.forTask(retried.task_id).map((request) => request.headers['idempotency-key'])).toEqual([
      `${retried.task_id}:ack-reaction`,
      `${retried.task_id}:ack-reaction`,
      `${retried.task_id}:status`,
    ]);

    const deleted = acknowledge(githubTask().source);
    h.githubService.failNext({ status: 404, body: { code: 'github_not_found', message: 'GitHub: Not Found' } });
    const second = await send(deleted);
    expect(second.state).toBe('completed');
    expect(second.job?.returnvalue).toEqual({ sent: ['status_message'] });

    const refused = acknowledge(githubTask().source);
    h.githubService.failNext({ status: 201, body: { id: 1, content: 'eyes' } }, { status: 403, body: { code: 'github_forbidden', message: 'GitHub: Resource not accessible by integration' } });
    const third = await send(refused);
    expect(third.state).toBe('failed');
    expect(third.job?.attemptsMade).toBe(1);
    expect(third.job?.failedReason).toContain('HTTP 403 github_forbidden');
  });

  it('acknowledges in Slack with 👀 and a status reply in the thread, and in Jira with a status comment', async () => {
    const slack = acknowledge({ provider: 'slack', team_id: 'T1', channel: 'C0123', thread_ts: '1700000000.000100', message_ts: '1700000001.000200' });
    expect((await send(slack)).job?.returnvalue).toEqual({ sent: ['message_reaction', 'status_message'] });
    const [reaction, status] = h.slackService.forTask(slack.task_id);
    expect(reaction).toMatchObject({ method: 'POST', path: '/api/v1/channels/C0123/messages/1700000001.000200/reactions', body: { name: 'eyes' } });
    expect(status).toMatchObject({ method: 'POST', path: '/api/v1/channels/C0123/messages', body: { thread_ts: '1700000000.000100' } });
    expect(String(status?.body.text)).toBe(`👀 On it: working on this \`ask\` request.\n\n<http://dashboard.example.test/#/tasks/${slack.task_id}|Follow the task>`);

    const jira = acknowledge({ provider: 'jira', site: 'https://acme.atlassian.net', issue_key: 'ED-24', project_key: 'ED' });
    expect((await send(jira)).job?.returnvalue).toEqual({ sent: ['status_message'] });
    expect(h.jiraService.forTask(jira.task_id)).toMatchObject([{ method: 'POST', path: '/api/v1/issues/ED-24/comments', headers: { 'idempotency-key': `${jira.task_id}:status` } }]);
  });

  it('acknowledges in Sentry with a status comment, and writes nothing for a custom webhook', async () => {
    const sentry = acknowledge({ provider: 'sentry', organization: 'acme', project: 'pump-station', issue_id: '1' });
    expect((await send(sentry)).job?.returnvalue).toEqual({ sent: ['status_message'] });
    const [status, ...rest] = h.sentryService.forTask(sentry.task_id);
    expect(rest).toHaveLength(0);
    expect(status).toMatchObject({ method: 'POST', path: '/api/v1/issues/1/comments', headers: { 'idempotency-key': `${sentry.task_id}:status` } });
    expect(String(status?.body.text)).toContain(`/#/tasks/${sentry.task_id}`);
    const custom = acknowledge({ provider: 'custom', slug: 'deploys', thread: 'd-1' });
    expect((await send(custom)).job?.returnvalue).toEqual({ skipped: 'custom has no thread to acknowledge in' });
  });
});
