import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GithubOperations } from '../github/github-operations.js';
import { ActorSchema } from './actor.js';
import { IssueNumberSchema, RepoParamsSchema, githubErrors } from './schemas.js';

const IssueSchema = z
  .object({
    number: z.number().int(),
    title: z.string(),
    body: z.string().nullable(),
    state: z.string().describe('open or closed'),
    html_url: z.string(),
    user: ActorSchema.nullable(),
    labels: z.array(z.string()).describe('Label names'),
    is_pull_request: z.boolean().describe('GitHub serves pull requests as issues too'),
    author_association: z.string(),
    created_at: z.string(),
  })
  .meta({
    id: 'Issue',
    description: 'The issue (or pull request seen as an issue)',
    example: {
      number: 1347,
      title: 'Found a bug',
      body: "I'm having a problem with this.",
      state: 'open',
      html_url: 'https://github.com/octocat/Hello-World/issues/1347',
      user: { login: 'octocat', type: 'User' },
      labels: ['bug'],
      is_pull_request: false,
      author_association: 'OWNER',
      created_at: '2011-04-22T13:33:48Z',
    },
  });

export interface IssueRoutesDeps {
  github: GithubOperations;
}

export const issueRoutes: FastifyPluginAsyncZod<IssueRoutesDeps> = async (app, deps) => {
  app.get(
    '/api/v1/repos/:owner/:repo/issues/:issue_number',
    {
      schema: {
        tags: ['issues'],
        summary: 'Get an issue or pull request (title, body, state, author, labels)',
        security: [{ serviceToken: [] }],
        params: RepoParamsSchema.extend({ issue_number: IssueNumberSchema }),
        response: { 200: IssueSchema.describe('The issue, with its labels'), ...githubErrors },
      },
    },
    async (request) => {
      const { owner, repo, issue_number } = request.params;
      return deps.github.getIssue({ owner, repo }, issue_number);
    },
  );
};
