import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JiraOperations } from '../jira/jira-operations.js';
import { IssueParamsSchema, IssueStatusSchema, JIRA_ERRORS, PersonSchema, errorResponses } from './schemas.js';

const IssueLinkSchema = z.object({
  type: z.string().describe('The link type, e.g. Blocks'),
  direction: z.enum(['inward', 'outward']),
  relation: z.string().describe('The link read from this issue: "blocks", "is blocked by"'),
  issue: z.object({ key: z.string(), summary: z.string().nullable(), status: z.string().nullable() }),
});

export const IssueSchema = z
  .object({
    key: z.string(),
    id: z.string(),
    url: z.string().describe('The issue in Jira'),
    summary: z.string(),
    description: z.string().describe('The description, turned from Atlassian Document Format into text'),
    status: IssueStatusSchema.nullable(),
    issue_type: z.string().nullable(),
    project_key: z.string().nullable(),
    labels: z.array(z.string()),
    assignee: PersonSchema.nullable(),
    reporter: PersonSchema.nullable(),
    priority: z.string().nullable(),
    created: z.string().nullable(),
    updated: z.string().nullable(),
    links: z.array(IssueLinkSchema),
  })
  .meta({
    id: 'Issue',
    example: {
      key: 'ED-1',
      id: '10002',
      url: 'https://your-domain.atlassian.net/browse/ED-1',
      summary: 'Main order flow broken',
      description: 'Main order flow broken',
      status: { name: 'Open', category: 'To Do' },
      issue_type: 'Bug',
      project_key: 'ED',
      labels: ['checkout'],
      assignee: null,
      reporter: { account_id: '5b10a2844c20165700ede21g', display_name: 'Mia Krystof' },
      priority: 'High',
      created: '2021-01-17T12:34:00.000+0000',
      updated: '2021-01-18T23:45:00.000+0000',
      links: [{ type: 'Dependent', direction: 'outward', relation: 'is depended by', issue: { key: 'PR-2', summary: null, status: 'Open' } }],
    },
  });

export interface IssueRoutesDeps {
  jira: () => Promise<JiraOperations>;
}

export const issueRoutes: FastifyPluginAsyncZod<IssueRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/issues/:issue_key',
    {
      schema: {
        tags: ['issues'],
        summary: 'Issue details: summary, description as text, status, links',
        security: [{ serviceToken: [] }],
        params: IssueParamsSchema,
        response: { 200: IssueSchema, ...errorResponses(...JIRA_ERRORS) },
      },
    },
    async (request) => (await deps.jira()).getIssue(request.params.issue_key),
  );
};
