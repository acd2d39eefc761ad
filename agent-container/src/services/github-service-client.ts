import type { Tracer } from '@opentelemetry/api';
import createClient from 'openapi-fetch';
import { z } from 'zod';
import type { paths } from '../generated/github-service.js';
import { type CallContext, ServiceCaller } from './service-caller.js';

const CommentSchema = z.object({ id: z.number().int(), html_url: z.string(), body: z.string() });
const ReactionSchema = z.object({ id: z.number().int(), content: z.string() });
const UserSchema = z.object({ login: z.string(), type: z.string() }).nullable();
const IssueSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable(),
  state: z.string(),
  html_url: z.string(),
  user: UserSchema,
  labels: z.array(z.string()),
  is_pull_request: z.boolean(),
});
const ThreadCommentsSchema = z.object({
  comments: z.array(z.object({ id: z.number().int(), body: z.string(), user: UserSchema, author_association: z.string(), created_at: z.string() })),
  truncated: z.boolean(),
});
const BranchSchema = z.object({ ref: z.string(), sha: z.string(), repo: z.object({ full_name: z.string(), clone_url: z.string() }).nullable() });
const PullRequestSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable(),
  state: z.string(),
  draft: z.boolean(),
  html_url: z.string(),
  head: BranchSchema,
  base: BranchSchema,
});
const DiffSchema = z.object({ diff: z.string() });
const FilesSchema = z.object({
  files: z.array(z.object({ filename: z.string(), status: z.string(), additions: z.number(), deletions: z.number(), patch: z.string().optional() })),
  truncated: z.boolean(),
});
const RepositorySchema = z.object({ full_name: z.string(), default_branch: z.string(), archived: z.boolean(), clone_url: z.string(), html_url: z.string() });
const CloneCredentialsSchema = z.object({ url: z.string(), username: z.string(), token: z.string(), expires_at: z.string().nullable() });

export type Comment = z.infer<typeof CommentSchema>;
export type Issue = z.infer<typeof IssueSchema>;
export type ThreadComments = z.infer<typeof ThreadCommentsSchema>;
export type PullRequest = z.infer<typeof PullRequestSchema>;
export type PullRequestFiles = z.infer<typeof FilesSchema>;
export type Repository = z.infer<typeof RepositorySchema>;
/** A secret: used for one git command's environment, never logged or stored. */
export type CloneCredentials = z.infer<typeof CloneCredentialsSchema>;
export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';
export type { CallContext };

interface Repo {
  owner: string;
  repo: string;
}

export interface GithubServiceClientOptions {
  baseUrl: string;
  serviceToken: string;
  /** Per-call time limit. @defaultValue 30000 */
  timeoutMs?: number;
  /** Makes the CLIENT span of every call. */
  tracer?: Tracer;
}

/** github-service over HTTP, through the client generated from its committed openapi.json. */
export class GithubServiceClient {
  private readonly client;
  private readonly caller;

  constructor(options: GithubServiceClientOptions) {
    this.client = createClient<paths>({ baseUrl: options.baseUrl });
    this.caller = new ServiceCaller({ service: 'github-service', serviceToken: options.serviceToken, timeoutMs: options.timeoutMs, tracer: options.tracer });
  }

  private repoPath({ owner, repo }: Repo, rest = ''): string {
    return `/api/v1/repos/${owner}/${repo}${rest}`;
  }

  createIssueComment(context: CallContext, target: Repo & { issueNumber: number }, body: string): Promise<Comment> {
    const path = this.repoPath(target, `/issues/${target.issueNumber}/comments`);
    return this.caller.call(context, { operation: 'issues.createComment', method: 'POST', path }, CommentSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/issues/{issue_number}/comments', {
        params: { path: { owner: target.owner, repo: target.repo, issue_number: target.issueNumber } },
        body: { body },
        headers,
        signal,
      }),
    );
  }

  updateIssueComment(context: CallContext, target: Repo & { commentId: number }, body: string): Promise<Comment> {
    const path = this.repoPath(target, `/issues/comments/${target.commentId}`);
    return this.caller.call(context, { operation: 'issues.updateComment', method: 'PATCH', path }, CommentSchema, (headers, signal) =>
      this.client.PATCH('/api/v1/repos/{owner}/{repo}/issues/comments/{comment_id}', {
        params: { path: { owner: target.owner, repo: target.repo, comment_id: target.commentId } },
        body: { body },
        headers,
        signal,
      }),
    );
  }

  addCommentReaction(context: CallContext, target: Repo & { commentId: number }, content: ReactionContent) {
    const path = this.repoPath(target, `/issues/comments/${target.commentId}/reactions`);
    return this.caller.call(context, { operation: 'reactions.createForIssueComment', method: 'POST', path }, ReactionSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
        params: { path: { owner: target.owner, repo: target.repo, comment_id: target.commentId } },
        body: { content },
        headers,
        signal,
      }),
    );
  }

  addReviewCommentReaction(context: CallContext, target: Repo & { commentId: number }, content: ReactionContent) {
    const path = this.repoPath(target, `/pulls/comments/${target.commentId}/reactions`);
    return this.caller.call(context, { operation: 'reactions.createForPullRequestReviewComment', method: 'POST', path }, ReactionSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions', {
        params: { path: { owner: target.owner, repo: target.repo, comment_id: target.commentId } },
        body: { content },
        headers,
        signal,
      }),
    );
  }

  addIssueReaction(context: CallContext, target: Repo & { issueNumber: number }, content: ReactionContent) {
    const path = this.repoPath(target, `/issues/${target.issueNumber}/reactions`);
    return this.caller.call(context, { operation: 'reactions.createForIssue', method: 'POST', path }, ReactionSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/issues/{issue_number}/reactions', {
        params: { path: { owner: target.owner, repo: target.repo, issue_number: target.issueNumber } },
        body: { content },
        headers,
        signal,
      }),
    );
  }

  getIssue(context: CallContext, target: Repo & { issueNumber: number }): Promise<Issue> {
    const path = this.repoPath(target, `/issues/${target.issueNumber}`);
    return this.caller.call(context, { operation: 'issues.get', method: 'GET', path }, IssueSchema, (headers, signal) =>
      this.client.GET('/api/v1/repos/{owner}/{repo}/issues/{issue_number}', {
        params: { path: { owner: target.owner, repo: target.repo, issue_number: target.issueNumber } },
        headers,
        signal,
      }),
    );
  }

  listIssueComments(context: CallContext, target: Repo & { issueNumber: number }, limit: number): Promise<ThreadComments> {
    const path = this.repoPath(target, `/issues/${target.issueNumber}/comments`);
    return this.caller.call(context, { operation: 'issues.listComments', method: 'GET', path }, ThreadCommentsSchema, (headers, signal) =>
      this.client.GET('/api/v1/repos/{owner}/{repo}/issues/{issue_number}/comments', {
        params: { path: { owner: target.owner, repo: target.repo, issue_number: target.issueNumber }, query: { limit } },
        headers,
        signal,
      }),
    );
  }

  getPullRequest(context: CallContext, target: Repo & { pullNumber: number }): Promise<PullRequest> {
    const path = this.repoPath(target, `/pulls/${target.pullNumber}`);
    return this.caller.call(context, { operation: 'pulls.get', method: 'GET', path }, PullRequestSchema, (headers, signal) =>
      this.client.GET('/api/v1/repos/{owner}/{repo}/pulls/{pull_number}', {
        params: { path: { owner: target.owner, repo: target.repo, pull_number: target.pullNumber } },
        headers,
        signal,
      }),
    );
  }

  async getPullRequestDiff(context: CallContext, target: Repo & { pullNumber: number }): Promise<string> {
    const path = this.repoPath(target, `/pulls/${target.pullNumber}/diff`);
    const { diff } = await this.caller.call(context, { operation: 'pulls.getDiff', method: 'GET', path }, DiffSchema, (headers, signal) =>
      this.client.GET('/api/v1/repos/{owner}/{repo}/pulls/{pull_number}/diff', {
        params: { path: { owner: target.owner, repo: target.repo, pull_number: target.pullNumber } },
        headers,
        signal,
      }),
    );
    return diff;
  }

  listPullRequestFiles(context: CallContext, target: Repo & { pullNumber: number }, limit: number): Promise<PullRequestFiles> {
    const path = this.repoPath(target, `/pulls/${target.pullNumber}/files`);
    return this.caller.call(context, { operation: 'pulls.listFiles', method: 'GET', path }, FilesSchema, (headers, signal) =>
      this.client.GET('/api/v1/repos/{owner}/{repo}/pulls/{pull_number}/files', {
        params: { path: { owner: target.owner, repo: target.repo, pull_number: target.pullNumber }, query: { limit } },
        headers,
        signal,
      }),
    );
  }

  getRepository(context: CallContext, target: Repo): Promise<Repository> {
    return this.caller.call(context, { operation: 'repos.get', method: 'GET', path: this.repoPath(target) }, RepositorySchema, (headers, signal) =>
      this.client.GET('/api/v1/repos/{owner}/{repo}', { params: { path: { owner: target.owner, repo: target.repo } }, headers, signal }),
    );
  }

  createCloneCredentials(context: CallContext, target: Repo): Promise<CloneCredentials> {
    const path = this.repoPath(target, '/clone-credentials');
    return this.caller.call(context, { operation: 'cloneCredentials', method: 'POST', path }, CloneCredentialsSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/clone-credentials', { params: { path: { owner: target.owner, repo: target.repo } }, headers, signal }),
    );
  }

  createDraftPullRequest(context: CallContext, target: Repo, pull: { head: string; base: string; title: string; body: string }): Promise<PullRequest> {
    const path = this.repoPath(target, '/pulls');
    return this.caller.call(context, { operation: 'pulls.create', method: 'POST', path }, PullRequestSchema, (headers, signal) =>
      this.client.POST('/api/v1/repos/{owner}/{repo}/pulls', { params: { path: { owner: target.owner, repo: target.repo } }, body: pull, headers, signal }),
    );
  }
}
