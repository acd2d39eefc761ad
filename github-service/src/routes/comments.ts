import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GithubOperations } from '../github/github-operations.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { ActorSchema } from './actor.js';
import { CommentIdSchema, IdempotencyHeadersSchema, IssueNumberSchema, RepoParamsSchema, githubErrors } from './schemas.js';

const CommentBodySchema = z.object({
  body: z.string().min(1).max(65_536).describe('Markdown; GitHub limits a comment to 65,536 characters'),
});

export const CommentSchema = z
  .object({ id: z.number().int(), html_url: z.string(), body: z.string() })
  .meta({ id: 'Comment', description: 'A comment as GitHub stored it', example: { id: 1, html_url: 'https://github.com/octo/repo/issues/1#issuecomment-1', body: 'Done.' } });

const ThreadCommentSchema = z
  .object({
    id: z.number().int(),
    html_url: z.string(),
    body: z.string(),
    user: ActorSchema.nullable(),
    author_association: z.string().describe('OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, ...'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'ThreadComment', description: 'A comment of the conversation, with its author' });

const CommentListSchema = z
  .object({
    comments: z.array(ThreadCommentSchema).describe('Oldest first, as GitHub lists them'),
    truncated: z.boolean().describe('True when the thread has more than `limit` comments'),
  })
  .meta({
    id: 'CommentList',
    description: 'The conversation of an issue or pull request',
    example: {
      comments: [
        {
          id: 1,
          html_url: 'https://github.com/octocat/Hello-World/issues/1347#issuecomment-1',
          body: '@agent why is the login test flaky?',
          user: { login: 'octocat', type: 'User' },
          author_association: 'OWNER',
          created_at: '2011-04-14T16:00:49Z',
          updated_at: '2011-04-14T16:00:49Z',
        },
      ],
      truncated: false,
    },
  });

const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(3000).default(300).describe('Most comments returned'),
  since: z.iso.datetime({ offset: true }).optional().describe('Only comments updated at or after this time (ISO 8601)'),
});

const IssueParamsSchema = RepoParamsSchema.extend({ issue_number: IssueNumberSchema });
const CommentParamsSchema = RepoParamsSchema.extend({ comment_id: CommentIdSchema });

export interface CommentRoutesDeps {
  github: GithubOperations;
  idempotency: IdempotencyStore;
}

export const commentRoutes: FastifyPluginAsyncZod<CommentRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/repos/:owner/:repo/issues/:issue_number/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Create a comment on an issue or pull request',
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CommentBodySchema,
        response: { 200: CommentSchema.describe('Replayed for a repeated Idempotency-Key'), 201: CommentSchema.describe('Created'), ...githubErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo, issue_number } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'issues.createComment',
        { ...request.params, ...request.body },
        201,
        () => deps.github.createIssueComment({ owner, repo }, issue_number, request.body.body),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(result.statusCode as 201).send(result.body);
    },
  );

  app.get(
    '/api/v1/repos/:owner/:repo/issues/:issue_number/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'List the comments of an issue or pull request (the conversation), every page',
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: CommentListSchema.describe('The conversation, oldest first'), ...githubErrors },
      },
    },
    async (request) => {
      const { owner, repo, issue_number } = request.params;
      const page = await deps.github.listIssueComments({ owner, repo }, issue_number, request.query.limit, request.query.since);
      return { comments: page.items, truncated: page.truncated };
    },
  );

  app.patch(
    '/api/v1/repos/:owner/:repo/issues/comments/:comment_id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Update a comment on an issue or pull request',
        security: [{ serviceToken: [] }],
        params: CommentParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CommentBodySchema,
        response: { 200: CommentSchema.describe('Updated'), ...githubErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo, comment_id } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'issues.updateComment',
        { ...request.params, ...request.body },
        200,
        () => deps.github.updateIssueComment({ owner, repo }, comment_id, request.body.body),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );

  app.delete(
    '/api/v1/repos/:owner/:repo/issues/comments/:comment_id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Delete a comment on an issue or pull request',
        security: [{ serviceToken: [] }],
        params: CommentParamsSchema,
        headers: IdempotencyHeadersSchema,
        response: { 204: z.undefined().describe('Deleted'), ...githubErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo, comment_id } = request.params;
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'issues.deleteComment', request.params, 204, () =>
        deps.github.deleteIssueComment({ owner, repo }, comment_id),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(204).send();
    },
  );
};
