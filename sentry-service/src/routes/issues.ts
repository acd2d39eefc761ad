import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { IdempotencyHeadersSchema, IssueParamsSchema, providerErrors, respond, writeErrors } from '../schemas/common.js';
import { IssueSchema, UpdateAssigneeBodySchema, UpdateStatusBodySchema } from '../schemas/issue.js';
import type { SentryOperations } from '../sentry/sentry-operations.js';

export interface IssueRoutesDeps {
  sentry: SentryOperations;
  idempotency: IdempotencyStore;
}

export const issueRoutes: FastifyPluginAsyncZod<IssueRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/issues/:issue_id',
    {
      schema: {
        tags: ['issues'],
        summary: 'Get an issue',
        description: "Sentry's issue details: title, culprit, status, counts, project, assignee.",
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        response: { 200: respond('The issue', IssueSchema), ...providerErrors },
      },
    },
    async (request) => deps.sentry.getIssue(request.params.issue_id),
  );

  app.put(
    '/api/v1/issues/:issue_id/status',
    {
      schema: {
        tags: ['issues'],
        summary: 'Set the status of an issue (resolve it)',
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: UpdateStatusBodySchema,
        response: { 200: respond('The issue after the change', IssueSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { issue_id } = request.params;
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'issues.updateStatus', { issue_id, ...request.body }, 200, () =>
        deps.sentry.updateStatus(issue_id, request.body.status),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );

  app.put(
    '/api/v1/issues/:issue_id/assignee',
    {
      schema: {
        tags: ['issues'],
        summary: 'Assign an issue to a user or team, or unassign it',
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: UpdateAssigneeBodySchema,
        response: { 200: respond('The issue after the change', IssueSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { issue_id } = request.params;
      const result = await deps.idempotency.run(request.headers['idempotency-key'], 'issues.assign', { issue_id, ...request.body }, 200, () =>
        deps.sentry.assign(issue_id, request.body.assignee),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );
};
