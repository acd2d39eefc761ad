import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JiraOperations } from '../jira/jira-operations.js';
import { IssueStatusSchema, JIRA_ERRORS, PersonSchema, errorResponses } from './schemas.js';

const SearchRequestSchema = z
  .object({
    jql: z.string().trim().min(1).max(10_000).describe('A JQL query; Jira requires it to be bounded (e.g. by project)'),
    max_results: z.number().int().min(1).max(100).default(50).describe('Issues per page (Jira may return fewer)'),
    next_page_token: z.string().min(1).max(2048).optional().describe('From the previous page, to get the next one'),
  })
  .meta({ example: { jql: 'project = ED AND status = "In Progress" ORDER BY updated DESC', max_results: 20 } });

const IssueSummarySchema = z.object({
  key: z.string(),
  id: z.string(),
  url: z.string(),
  summary: z.string(),
  status: IssueStatusSchema.nullable(),
  issue_type: z.string().nullable(),
  assignee: PersonSchema.nullable(),
  updated: z.string().nullable(),
});

const SearchPageSchema = z
  .object({
    issues: z.array(IssueSummarySchema),
    next_page_token: z.string().nullable().describe('Pass it back for the next page; null on the last page'),
    is_last: z.boolean(),
  })
  .meta({
    id: 'SearchPage',
    example: {
      issues: [
        {
          key: 'ED-1',
          id: '10002',
          url: 'https://your-domain.atlassian.net/browse/ED-1',
          summary: 'Main order flow broken',
          status: { name: 'In Progress', category: 'In Progress' },
          issue_type: 'Bug',
          assignee: null,
          updated: '2021-01-18T23:45:00.000+0000',
        },
      ],
      next_page_token: null,
      is_last: true,
    },
  });

export interface SearchRoutesDeps {
  jira: () => Promise<JiraOperations>;
}

export const searchRoutes: FastifyPluginAsyncZod<SearchRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search issues with JQL (a read: no Idempotency-Key needed)',
        security: [{ serviceToken: [] }],
        body: SearchRequestSchema,
        response: { 200: SearchPageSchema, ...errorResponses(...JIRA_ERRORS) },
      },
    },
    async (request) => {
      const { jql, max_results, next_page_token } = request.body;
      return (await deps.jira()).search(jql, max_results, next_page_token);
    },
  );
};
