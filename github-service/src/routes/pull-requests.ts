import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GithubOperations } from '../github/github-operations.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { ActorSchema } from './actor.js';
import { CommentSchema } from './comments.js';
import { CommentIdSchema, IdempotencyHeadersSchema, IssueNumberSchema, RepoParamsSchema, githubErrors } from './schemas.js';

const BranchSchema = z.object({
  ref: z.string(),
  sha: z.string(),
  repo: z.object({ full_name: z.string(), clone_url: z.string() }).nullable().describe('null when the fork was deleted'),
});

const PullRequestSchema = z
  .object({
    number: z.number().int(),
    title: z.string(),
    body: z.string().nullable(),
    state: z.string().describe('open or closed'),
    draft: z.boolean(),
    merged: z.boolean(),
    mergeable: z.boolean().nullable().describe('null while GitHub is still computing it'),
    html_url: z.string(),
    user: ActorSchema.nullable(),
    head: BranchSchema,
    base: BranchSchema,
    additions: z.number().int(),
    deletions: z.number().int(),
    changed_files: z.number().int(),
  })
  .meta({
    id: 'PullRequest',
    description: 'The pull request',
    example: {
      number: 1347,
      title: 'Amazing new feature',
      body: 'Please pull these awesome changes in!',
      state: 'open',
      draft: false,
      merged: false,
      mergeable: true,
      html_url: 'https://github.com/octocat/Hello-World/pull/1347',
      user: { login: 'octocat', type: 'User' },
      head: { ref: 'new-topic', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', repo: { full_name: 'octocat/Hello-World', clone_url: 'https://github.com/octocat/Hello-World.git' } },
      base: { ref: 'master', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', repo: { full_name: 'octocat/Hello-World', clone_url: 'https://github.com/octocat/Hello-World.git' } },
      additions: 100,
      deletions: 3,
      changed_files: 5,
    },
  });

const DiffSchema = z
  .object({ diff: z.string().describe('Unified diff, as GitHub renders it (`application/vnd.github.diff`)') })
  .meta({ id: 'PullRequestDiff', description: 'The unified diff of the pull request', example: { diff: 'diff --git a/file1.txt b/file1.txt\n--- a/file1.txt\n+++ b/file1.txt\n@@ -1 +1 @@\n-hello\n+hello world\n' } });

const ChangedFileSchema = z.object({
  filename: z.string(),
  status: z.string().describe('added, removed, modified, renamed, copied, changed, unchanged'),
  additions: z.number().int(),
  deletions: z.number().int(),
  changes: z.number().int(),
  patch: z.string().optional().describe('Absent for binary or very large files'),
  previous_filename: z.string().optional(),
});

const ChangedFilesSchema = z
  .object({ files: z.array(ChangedFileSchema), truncated: z.boolean().describe('True when the pull request changes more than `limit` files') })
  .meta({
    id: 'ChangedFiles',
    description: 'The files the pull request changes',
    example: { files: [{ filename: 'file1.txt', status: 'modified', additions: 103, deletions: 21, changes: 124, patch: '@@ -132,7 +132,7 @@ module Test' }], truncated: false },
  });

const CreatePullRequestBodySchema = z
  .object({
    head: z.string().min(1).max(255).describe('The pushed branch, e.g. `agent/task-01J...` (or `owner:branch` from a fork)'),
    base: z.string().min(1).max(255).optional().describe("Target branch; the repository's default branch when omitted"),
    title: z.string().min(1).max(256),
    body: z.string().max(65_536).optional(),
  })
  .meta({ example: { head: 'agent/task-01JBZ6W8Q4Y3K9N2M1V7T5R0PX', title: 'Fix the flaky login test', body: 'Awaits the redirect before reading the session cookie.' } });

const PullParamsSchema = RepoParamsSchema.extend({ pull_number: IssueNumberSchema.describe('Pull request number') });

export interface PullRequestRoutesDeps {
  github: GithubOperations;
  idempotency: IdempotencyStore;
}

export const pullRequestRoutes: FastifyPluginAsyncZod<PullRequestRoutesDeps> = async (app, deps) => {
  const auth = { tags: ['pull requests'], security: [{ serviceToken: [] }] };

  app.get(
    '/api/v1/repos/:owner/:repo/pulls/:pull_number',
    { schema: { ...auth, summary: 'Get a pull request (head and base branches, draft, mergeable)', params: PullParamsSchema, response: { 200: PullRequestSchema.describe('The pull request, with its branches'), ...githubErrors } } },
    async ({ params: { owner, repo, pull_number } }) => deps.github.getPullRequest({ owner, repo }, pull_number),
  );

  app.get(
    '/api/v1/repos/:owner/:repo/pulls/:pull_number/diff',
    { schema: { ...auth, summary: 'Get the diff of a pull request', params: PullParamsSchema, response: { 200: DiffSchema.describe('The diff'), ...githubErrors } } },
    async ({ params: { owner, repo, pull_number } }) => deps.github.getPullRequestDiff({ owner, repo }, pull_number),
  );

  app.get(
    '/api/v1/repos/:owner/:repo/pulls/:pull_number/files',
    {
      schema: {
        ...auth,
        summary: 'List the files a pull request changes, every page (GitHub lists at most 3,000)',
        params: PullParamsSchema,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(3000).default(300).describe('Most files returned') }),
        response: { 200: ChangedFilesSchema.describe('The changed files'), ...githubErrors },
      },
    },
    async (request) => {
      const { owner, repo, pull_number } = request.params;
      const page = await deps.github.listPullRequestFiles({ owner, repo }, pull_number, request.query.limit);
      return { files: page.items, truncated: page.truncated };
    },
  );

  app.post(
    '/api/v1/repos/:owner/:repo/pulls/:pull_number/comments/:comment_id/replies',
    {
      schema: {
        ...auth,
        summary: 'Reply to a review comment (a comment on a line of the diff)',
        params: PullParamsSchema.extend({ comment_id: CommentIdSchema.describe('The top-level review comment') }),
        headers: IdempotencyHeadersSchema,
        body: z.object({ body: z.string().min(1).max(65_536) }),
        response: { 200: CommentSchema.describe('Replayed for a repeated Idempotency-Key'), 201: CommentSchema.describe('Created'), ...githubErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo, pull_number, comment_id } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'pulls.createReplyForReviewComment',
        { ...request.params, ...request.body },
        201,
        () => deps.github.replyToReviewComment({ owner, repo }, pull_number, comment_id, request.body.body),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(result.statusCode as 201).send(result.body);
    },
  );

  app.post(
    '/api/v1/repos/:owner/:repo/pulls',
    {
      schema: {
        ...auth,
        summary: 'Open a draft pull request from a pushed branch',
        params: RepoParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CreatePullRequestBodySchema,
        response: { 200: PullRequestSchema.describe('Replayed for a repeated Idempotency-Key'), 201: PullRequestSchema.describe('Opened as a draft'), ...githubErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo } = request.params;
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'pulls.create', { ...request.params, ...request.body }, 201, () =>
        deps.github.createDraftPullRequest({ owner, repo }, request.body),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(result.statusCode as 201).send(result.body);
    },
  );
};
