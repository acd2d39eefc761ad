import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GithubOperations } from '../github/github-operations.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { IdempotencyHeadersSchema, RepoParamsSchema, commonErrors } from './schemas.js';

const CommentBodySchema = z.object({
  body: z.string().min(1).max(65_536).describe('Markdown; GitHub limits a comment to 65,536 characters'),
});

const CommentSchema = z
  .object({ id: z.number().int(), html_url: z.string(), body: z.string() })
  .meta({ id: 'Comment', example: { id: 1, html_url: 'https://github.com/octo/repo/issues/1#issuecomment-1', body: 'Done.' } });

export interface CommentRoutesDeps {
  github: () => GithubOperations;
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
        params: RepoParamsSchema.extend({ issue_number: z.coerce.number().int().positive() }),
        headers: IdempotencyHeadersSchema,
        body: CommentBodySchema,
        response: { 200: CommentSchema, 201: CommentSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo, issue_number } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'issues.createComment',
        { ...request.params, ...request.body },
        201,
        () => deps.github().createIssueComment(owner, repo, issue_number, request.body.body),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(result.statusCode as 201).send(result.body);
    },
  );

  app.patch(
    '/api/v1/repos/:owner/:repo/issues/comments/:comment_id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Update a comment on an issue or pull request',
        security: [{ serviceToken: [] }],
        params: RepoParamsSchema.extend({ comment_id: z.coerce.number().int().positive() }),
        headers: IdempotencyHeadersSchema,
        body: CommentBodySchema,
        response: { 200: CommentSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo, comment_id } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'issues.updateComment',
        { ...request.params, ...request.body },
        200,
        () => deps.github().updateIssueComment(owner, repo, comment_id, request.body.body),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );
};
