import { ROOT_CONTEXT, SpanKind, type Tracer } from '@opentelemetry/api';
import type { AgentTaskJob } from '@swe-ai-fleet/contracts';
import { inSpan } from '../observability/trace-context.js';
import { createTracing } from '../observability/tracing.js';
import type { GithubServiceClient } from '../services/github-service-client.js';
import type { CallContext } from '../services/service-caller.js';
import { TaskFailure } from '../workers/task-failure.js';
import { diskUsage } from './disk-usage.js';
import type { CheckoutTarget, RepoMirrors } from './repo-mirrors.js';
import { readRepositoryInstructions } from './repository-instructions.js';
import { type TaskWorkspace, createTaskWorkspace } from './task-workspace.js';

export interface WorkspaceCheckout {
  owner: string;
  repo: string;
  /** The branch the workspace is on, and the commit the agent started from. */
  branch: string;
  baseSha: string;
  /** Where a pull request with the agent's changes goes: the pull request's branch, or the default branch. */
  pullRequestBase: string;
}

export interface PreparedWorkspace extends TaskWorkspace {
  checkout: WorkspaceCheckout | null;
  /** The repository's AGENTS.md. */
  instructions: string | null;
}

export interface WorkspacePreparerOptions {
  github: GithubServiceClient;
  mirrors: RepoMirrors;
  workspacesDir: string;
  /** A checkout larger than this fails the task rather than filling the volume. */
  maxBytes: number;
  gitTimeoutMs: number;
  /** The identity of commits made in the workspace (by the agent or by the platform). */
  author: { name: string; email: string };
  /** Makes the checkout's span; by default a tracer that exports nothing. */
  tracer?: Tracer;
}

/**
 * Makes a task's workspace: fresh directories, and when the task names a repository, a shallow
 * checkout of the right branch through the mirror cache with a short-lived token from
 * github-service. For a pull request in the same repository that is its head branch (the agent's
 * changes then go into it); for a fork's, its `refs/pull/<n>/head`; otherwise the default branch.
 */
export class WorkspacePreparer {
  private readonly tracer: Tracer;

  constructor(private readonly options: WorkspacePreparerOptions) {
    this.tracer = options.tracer ?? createTracing({ service: 'agent-container' }).tracer;
  }

  async prepare(task: AgentTaskJob, call: CallContext, signal?: AbortSignal): Promise<PreparedWorkspace> {
    const workspace = await createTaskWorkspace(this.options.workspacesDir, task.task_id);
    try {
      const repository = task.repository;
      if (!repository) return { ...workspace, checkout: null, instructions: null };
      // One span for the checkout: the github-service calls it makes and the git commands.
      const checkout = await inSpan(
        this.tracer,
        'workspace checkout',
        { kind: SpanKind.INTERNAL, attributes: { 'vcs.repository.name': `${repository.owner}/${repository.name}`, 'swe_ai_fleet.task_id': task.task_id } },
        call.trace ?? ROOT_CONTEXT,
        async (trace, span) => {
          const done = await this.checkOut(task, { ...call, trace }, workspace.workdir, signal);
          span.setAttributes({ 'vcs.ref.head.name': done.branch, 'vcs.ref.head.revision': done.baseSha });
          return done;
        },
      );
      const bytes = await diskUsage(workspace.workdir);
      if (bytes > this.options.maxBytes) {
        throw new TaskFailure(`the checkout of ${checkout.owner}/${checkout.repo} takes ${bytes} bytes, more than the workspace limit of ${this.options.maxBytes}`, false);
      }
      return { ...workspace, checkout, instructions: await readRepositoryInstructions(workspace.workdir) };
    } catch (error) {
      await workspace.remove();
      throw error;
    }
  }

  private async target(task: AgentTaskJob, owner: string, repo: string, call: CallContext): Promise<{ target: CheckoutTarget; base: string }> {
    const source = task.source;
    const sameRepository = source.provider === 'github' && source.owner.toLowerCase() === owner.toLowerCase() && source.repo.toLowerCase() === repo.toLowerCase();
    if (source.provider === 'github' && source.is_pull_request && sameRepository) {
      const pull = await this.options.github.getPullRequest(call, { owner, repo, pullNumber: source.issue_number });
      const fromHere = pull.head.repo?.full_name.toLowerCase() === `${owner}/${repo}`.toLowerCase();
      return fromHere ? { target: { branch: pull.head.ref }, base: pull.head.ref } : { target: { pullRequest: pull.number }, base: pull.base.ref };
    }
    const repository = await this.options.github.getRepository(call, { owner, repo });
    return { target: { branch: repository.default_branch }, base: repository.default_branch };
  }

  private async checkOut(task: AgentTaskJob, call: CallContext, workdir: string, signal?: AbortSignal): Promise<WorkspaceCheckout> {
    const { owner, name: repo } = task.repository ?? { owner: '', name: '' };
    const [{ target, base }, credentials] = await Promise.all([this.target(task, owner, repo, call), this.options.github.createCloneCredentials(call, { owner, repo })]);
    // The agent's own `git commit` needs an identity; HOME is the task's, without a global config.
    const identity = { 'user.name': this.options.author.name, 'user.email': this.options.author.email };
    const { branch, baseSha } = await this.options.mirrors.checkout({ owner, repo, url: credentials.url, token: credentials.token }, target, workdir, signal, identity);
    return { owner, repo, branch, baseSha, pullRequestBase: base };
  }
}
