import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IssueParamsSchema, providerErrors, respond } from '../schemas/common.js';
import { LatestEventSchema } from '../schemas/event.js';
import type { SentryOperations } from '../sentry/sentry-operations.js';

export interface EventRoutesDeps {
  sentry: SentryOperations;
}

export const eventRoutes: FastifyPluginAsyncZod<EventRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/issues/:issue_id/events/latest',
    {
      schema: {
        tags: ['events'],
        summary: 'Get the latest event of an issue, with its stack trace and tags',
        description: 'Exceptions with their frames (file, function, line, source context), tags, release, environment and request URL.',
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        response: { 200: respond('The latest event', LatestEventSchema), ...providerErrors },
      },
    },
    async (request) => deps.sentry.getLatestEvent(request.params.issue_id),
  );
};
