import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GithubOperations } from '../github/github-operations.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { IdempotencyHeadersSchema, RepoParamsSchema, githubErrors } from './schemas.js';

const ReactionBodySchema = z.object({
  content: z.enum(['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']),
});
const ReactionSchema = z
  .object({ id: z.number().int(), content: z.string() })
  .meta({ id: 'Reaction', description: 'The reaction GitHub recorded', example: { id: 1, content: 'eyes' } });

export interface ReactionRoutesDeps {
  github: GithubOperations;
  idempotency: IdempotencyStore;
}

export const reactionRoutes: FastifyPluginAsyncZod<ReactionRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/repos/:owner/:repo/issues/comments/:comment_id/reactions',
    {
      schema: {
        tags: ['reactions'],
        summary: 'React to an issue or pull request comment',
        security: [{ serviceToken: [] }],
        params: RepoParamsSchema.extend({ comment_id: z.coerce.number().int().positive() }),
        headers: IdempotencyHeadersSchema,
        body: ReactionBodySchema,
        response: { 200: ReactionSchema.describe('Already there, or replayed for a repeated Idempotency-Key'), 201: ReactionSchema.describe('Created'), ...githubErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo, comment_id } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'reactions.createForIssueComment',
        { ...request.params, ...request.body },
        201,
        () => deps.github.addIssueCommentReaction({ owner, repo }, comment_id, request.body.content),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(result.statusCode as 201).send(result.body);
    },
  );

  app.post(
    '/api/v1/repos/:owner/:repo/issues/:issue_number/reactions',
    {
      schema: {
        tags: ['reactions'],
        summary: 'React to an issue or pull request',
        security: [{ serviceToken: [] }],
        params: RepoParamsSchema.extend({ issue_number: z.coerce.number().int().positive() }),
        headers: IdempotencyHeadersSchema,
        body: ReactionBodySchema,
        response: { 200: ReactionSchema.describe('Already there, or replayed for a repeated Idempotency-Key'), 201: ReactionSchema.describe('Created'), ...githubErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo, issue_number } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'reactions.createForIssue',
        { ...request.params, ...request.body },
        201,
        () => deps.github.addIssueReaction({ owner, repo }, issue_number, request.body.content),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(result.statusCode as 201).send(result.body);
    },
  );

  app.post(
    '/api/v1/repos/:owner/:repo/pulls/comments/:comment_id/reactions',
    {
      schema: {
        tags: ['reactions'],
        summary: 'React to a pull request review comment (a comment on a line of the diff)',
        security: [{ serviceToken: [] }],
        params: RepoParamsSchema.extend({ comment_id: z.coerce.number().int().positive() }),
        headers: IdempotencyHeadersSchema,
        body: ReactionBodySchema,
        response: { 200: ReactionSchema.describe('Already there, or replayed for a repeated Idempotency-Key'), 201: ReactionSchema.describe('Created'), ...githubErrors },
      },
    },
    async (request, reply) => {
      const { owner, repo, comment_id } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'reactions.createForPullRequestReviewComment',
        { ...request.params, ...request.body },
        201,
        () => deps.github.addReviewCommentReaction({ owner, repo }, comment_id, request.body.content),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(result.statusCode as 201).send(result.body);
    },
  );
};
