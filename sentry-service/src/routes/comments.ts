import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { CommentParamsSchema, CommentSchema, CreateCommentBodySchema, UpdateCommentBodySchema } from '../schemas/comment.js';
import { ErrorSchema, IdempotencyHeadersSchema, IssueParamsSchema, respond, writeErrors } from '../schemas/common.js';
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

  app.put(
    '/api/v1/issues/:issue_id/comments/:comment_id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Edit a comment',
        description:
          "Replaces the text of a note this integration's user wrote (the status comment becoming the answer). 404 when the note is gone or was written by someone else.",
        security: [{ serviceToken: [] }],
        params: CommentParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: UpdateCommentBodySchema,
        response: {
          200: respond('The edited comment (or the stored result of an earlier request with the same Idempotency-Key)', CommentSchema),
          ...writeErrors,
          404: respond("Sentry has no such issue, or no such comment by the integration's user (sentry_not_found)", ErrorSchema),
        },
      },
    },
    async (request, reply) => {
      const { issue_id, comment_id } = request.params;
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'issues.updateComment', { issue_id, comment_id, ...request.body }, 200, () =>
        deps.sentry.updateComment(issue_id, comment_id, request.body.text),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );
};
