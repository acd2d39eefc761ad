import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import type { GithubServiceClient } from '../services/github-service-client.js';
import type { CallContext } from '../services/service-caller.js';
import { git } from './git-command.js';
import type { WorkspaceCheckout } from './prepare-workspace.js';
import type { RepoMirrors } from './repo-mirrors.js';

export interface PublishInput {
  task: AgentTaskJob;
  agentName: string;
  workdir: string;
  checkout: WorkspaceCheckout;
}

export interface Published {
  branch: string;
  commit: string;
  pullRequestUrl: string;
}

const branchFor = (taskId: string) => `agent/${taskId}`;

function summary(task: AgentTaskJob): string {
  const line = task.text.split('\n').map((part) => part.trim()).find((part) => part !== '') ?? '';
  const text = line || `changes for ${task.task_id}`;
  return text.length > 72 ? `${text.slice(0, 71)}…` : text;
}

function where(task: AgentTaskJob): string {
  const source = task.source;
  switch (source.provider) {
    case 'github':
      return `${source.owner}/${source.repo}#${source.issue_number}`;
    case 'slack':
      return `a Slack thread (channel ${source.channel})`;
    case 'jira':
      return `Jira issue ${source.issue_key}`;
    case 'sentry':
      return source.web_url ?? `Sentry issue ${source.issue_id}`;
    case 'custom':
      return `${source.slug} ${source.thread}`;
  }
}

/**
 * Publishes what the agent changed: everything in the workspace is committed on `agent/<task id>`
 * (hooks off), pushed with a fresh token, and opened as a draft pull request. Title and body come
 * from the task alone, so a retried attempt (the agent run again, the branch force-pushed) gets
 * the same pull request back under its Idempotency-Key. Returns null when nothing changed.
 */
export async function publishChanges(
  deps: { github: GithubServiceClient; mirrors: RepoMirrors; gitTimeoutMs: number; author: { name: string; email: string } },
  call: Omit<CallContext, 'idempotencyKey'>,
  input: PublishInput,
  signal?: AbortSignal,
): Promise<Published | null> {
  const { task, checkout, workdir } = input;
  const run = (args: string[], okExitCodes?: number[]) => git(args, { cwd: workdir, signal, timeoutMs: deps.gitTimeoutMs, okExitCodes });
  const title = `${input.agentName}: ${summary(task)}`;
  await run(['add', '--all']);
  const staged = await run(['diff', '--cached', '--quiet'], [1]);
  if (staged.exitCode === 1) {
    const message = `${title}\n\nRequested by @${task.author.login} in ${where(task)}.\nTask: ${task.task_id}`;
    await run(['-c', `user.name=${deps.author.name}`, '-c', `user.email=${deps.author.email}`, 'commit', '--quiet', '--no-verify', '--message', message]);
  }
  const commit = (await run(['rev-parse', 'HEAD'])).stdout.trim();
  if (commit === checkout.baseSha) return null;

  const branch = branchFor(task.task_id);
  const { owner, repo } = checkout;
  const credentials = await deps.github.createCloneCredentials({ ...call }, { owner, repo });
  await deps.mirrors.push({ owner, repo, url: credentials.url, token: credentials.token }, workdir, branch, signal);
  const quoted = task.text
    .slice(0, 2_000)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const body = [
    `Draft opened by SWE AI Fleet's \`${input.agentName}\` agent for ${where(task)}, requested by @${task.author.login}:`,
    '',
    quoted,
    '',
    `The agent explains its changes in the thread. Task: \`${task.task_id}\`.`,
  ].join('\n');
  const pull = await deps.github.createDraftPullRequest({ ...call, idempotencyKey: `${task.task_id}:pull-request` }, { owner, repo }, { head: branch, base: checkout.pullRequestBase, title, body });
  return { branch, commit, pullRequestUrl: pull.html_url };
}
