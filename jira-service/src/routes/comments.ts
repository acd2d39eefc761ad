import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { markdownToAdf } from '../adf/markdown-to-adf.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { JiraOperations } from '../jira/jira-operations.js';
import { CommentBodySchema, IdempotencyHeadersSchema, IssueParamsSchema, JIRA_ERRORS, errorResponses } from './schemas.js';

const CommentSchema = z
  .object({
    id: z.string(),
    issue_key: z.string(),
    url: z.string().describe('The comment in Jira'),
    created: z.string().nullable(),
    updated: z.string().nullable(),
  })
  .meta({
    id: 'Comment',
    example: {
      id: '10000',
      issue_key: 'ED-1',
      url: 'https://your-domain.atlassian.net/browse/ED-1?focusedCommentId=10000',
      created: '2021-01-17T12:34:00.000Z',
      updated: '2021-01-18T23:45:00.000Z',
    },
  });

const UpdateCommentBodySchema = CommentBodySchema.extend({
  notify_users: z.boolean().default(true).describe("Let Jira email the issue's watchers about the edit; false for progress updates of a status comment"),
}).meta({ example: { body: 'Still running: 3 of 5 steps done.', notify_users: false } });

const writeErrors = errorResponses(...JIRA_ERRORS, 409, 413, 422);

export interface CommentRoutesDeps {
  jira: () => Promise<JiraOperations>;
  idempotency: IdempotencyStore;
}

export const commentRoutes: FastifyPluginAsyncZod<CommentRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/issues/:issue_key/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Add a comment (Markdown, posted as Atlassian Document Format)',
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CommentBodySchema,
        response: { 201: CommentSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { issue_key } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'issueComments.addComment',
        { issue_key, body: request.body.body },
        201,
        async () => (await deps.jira()).addComment(issue_key, markdownToAdf(request.body.body)),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.body);
    },
  );

  app.put(
    '/api/v1/issues/:issue_key/comments/:comment_id',
    {
      schema: {
        tags: ['comments'],
        summary: "Replace a comment's body (Markdown, posted as Atlassian Document Format)",
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema.extend({ comment_id: z.string().regex(/^\d+$/, 'must be a numeric comment id').max(32) }),
        headers: IdempotencyHeadersSchema,
        body: UpdateCommentBodySchema,
        response: { 200: CommentSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { issue_key, comment_id } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'issueComments.updateComment',
        { issue_key, comment_id, ...request.body },
        200,
        async () => (await deps.jira()).updateComment(issue_key, comment_id, markdownToAdf(request.body.body), request.body.notify_users),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );
};
