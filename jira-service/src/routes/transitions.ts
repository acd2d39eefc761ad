import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { JiraOperations } from '../jira/jira-operations.js';
import { IdempotencyHeadersSchema, IssueParamsSchema, JIRA_ERRORS, errorResponse, errorResponses } from './schemas.js';

const TransitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  to: z.object({ id: z.string().nullable(), name: z.string().nullable(), category: z.string().nullable() }).describe('The status it leads to'),
  has_screen: z.boolean().describe('Jira shows a screen for it (fields may be required)'),
});

const TransitionListSchema = z.object({ transitions: z.array(TransitionSchema) }).meta({
  id: 'TransitionList',
  example: {
    transitions: [
      { id: '2', name: 'Close Issue', to: { id: '10000', name: 'Done', category: 'Done' }, has_screen: false },
      { id: '711', name: 'QA Review', to: { id: '5', name: 'In Review', category: 'In Progress' }, has_screen: true },
    ],
  },
});

const TransitionRequestSchema = z
  .union([
    z.strictObject({ id: z.string().regex(/^\d+$/, 'must be a numeric transition id').max(32).describe('Transition id, from the list of transitions') }),
    z.strictObject({ name: z.string().trim().min(1).max(255).describe('Transition name, or the name of the status it leads to') }),
  ])
  .meta({ example: { name: 'In Progress' } });

const TransitionResultSchema = z
  .object({ issue_key: z.string(), transition_id: z.string() })
  .meta({ id: 'TransitionResult', example: { issue_key: 'ED-1', transition_id: '2' } });

export interface TransitionRoutesDeps {
  jira: () => Promise<JiraOperations>;
  idempotency: IdempotencyStore;
}

export const transitionRoutes: FastifyPluginAsyncZod<TransitionRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/issues/:issue_key/transitions',
    {
      schema: {
        tags: ['transitions'],
        summary: 'The transitions the issue offers from its current status',
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        response: { 200: TransitionListSchema, ...errorResponses(...JIRA_ERRORS) },
      },
    },
    async (request) => ({ transitions: await (await deps.jira()).listTransitions(request.params.issue_key) }),
  );

  app.post(
    '/api/v1/issues/:issue_key/transitions',
    {
      schema: {
        tags: ['transitions'],
        summary: 'Move the issue through a transition, by id or by name',
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: TransitionRequestSchema,
        response: {
          200: TransitionResultSchema,
          ...errorResponses(...JIRA_ERRORS, 409),
          422: errorResponse('No transition by that name from the current status, or the Idempotency-Key was used for another request', {
            code: 'transition_unavailable',
            message: 'issue ED-1 has no transition named "Deployed" from its current status (offered: "To Do", "In Progress", "Done")',
          }),
        },
      },
    },
    async (request, reply) => {
      const { issue_key } = request.params;
      const result = await deps.idempotency.run(
        request.headers['idempotency-key'],
        'issues.doTransition',
        { issue_key, ...request.body },
        200,
        async () => (await deps.jira()).transitionIssue(issue_key, request.body),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(result.body);
    },
  );
};
