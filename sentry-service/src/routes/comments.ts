import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { CommentSchema, CreateCommentBodySchema } from '../schemas/comment.js';
import { IdempotencyHeadersSchema, IssueParamsSchema, respond, writeErrors } from '../schemas/common.js';
import type { SentryOperations } from '../sentry/sentry-operations.js';

export interface CommentRoutesDeps {
  sentry: SentryOperations;
  idempotency: IdempotencyStore;
}

export const commentRoutes: FastifyPluginAsyncZod<CommentRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/issues/:issue_id/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Comment on an issue',
        description: "Adds a note to the issue's activity, written by the integration's user.",
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CreateCommentBodySchema,
        response: { 201: respond('The comment Sentry stored (or the stored result of an earlier request with the same Idempotency-Key)', CommentSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { issue_id } = request.params;
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'issues.addComment', { issue_id, ...request.body }, 201, () =>
        deps.sentry.addComment(issue_id, request.body.text),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.body);
    },
  );
};
