import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GithubOperations } from '../github/github-operations.js';
import { RepoParamsSchema, githubErrors } from './schemas.js';

const RepositorySchema = z
  .object({
    full_name: z.string(),
    default_branch: z.string(),
    private: z.boolean(),
    archived: z.boolean(),
    clone_url: z.string(),
    html_url: z.string(),
  })
  .meta({
    id: 'Repository',
    description: 'The repository',
    example: {
      full_name: 'octocat/Hello-World',
      default_branch: 'main',
      private: false,
      archived: false,
      clone_url: 'https://github.com/octocat/Hello-World.git',
      html_url: 'https://github.com/octocat/Hello-World',
    },
  });

const PermissionSchema = z
  .object({
    username: z.string(),
    permission: z.string().describe('admin, write, read or none (maintain counts as write, triage as read)'),
    role_name: z.string().describe('The exact role: admin, maintain, write, triage, read, or a custom role'),
  })
  .meta({ id: 'CollaboratorPermission', description: 'The permission of the user on the repository', example: { username: 'octocat', permission: 'write', role_name: 'maintain' } });

const CloneCredentialsSchema = z
  .object({
    url: z.string().describe('HTTPS clone URL, without credentials'),
    username: z.string().describe('Always `x-access-token`'),
    token: z.string().describe('Short-lived installation token (GitHub App) or the personal access token'),
    expires_at: z.string().nullable().describe('When the token expires; null for a personal access token'),
    authenticated_url: z.string().describe('`https://x-access-token:<token>@host/owner/repo.git`, ready for `git clone`'),
  })
  .meta({
    id: 'CloneCredentials',
    description: 'A token and URL to clone and push with',
    example: {
      url: 'https://github.com/octocat/Hello-World.git',
      username: 'x-access-token',
      token: 'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
      expires_at: '2016-07-11T22:14:10Z',
      authenticated_url: 'https://x-access-token:ghs_16C7e42F292c6912E7710c838347Ae178B4a@github.com/octocat/Hello-World.git',
    },
  });

export interface RepositoryRoutesDeps {
  github: GithubOperations;
}

export const repositoryRoutes: FastifyPluginAsyncZod<RepositoryRoutesDeps> = async (app, deps) => {
  const auth = { tags: ['repositories'], security: [{ serviceToken: [] }] };

  app.get(
    '/api/v1/repos/:owner/:repo',
    { schema: { ...auth, summary: 'Get a repository (default branch, visibility, clone URL)', params: RepoParamsSchema, response: { 200: RepositorySchema.describe('The repository, with its default branch'), ...githubErrors } } },
    async (request) => deps.github.getRepository(request.params),
  );

  app.get(
    '/api/v1/repos/:owner/:repo/collaborators/:username/permission',
    {
      schema: {
        ...auth,
        summary: "Get a user's permission on a repository",
        params: RepoParamsSchema.extend({ username: RepoParamsSchema.shape.owner.describe('GitHub login') }),
        response: { 200: PermissionSchema.describe('The permission'), ...githubErrors },
      },
    },
    async ({ params: { owner, repo, username } }) => deps.github.getCollaboratorPermission({ owner, repo }, username),
  );

  app.post(
    '/api/v1/repos/:owner/:repo/clone-credentials',
    {
      schema: {
        ...auth,
        summary: 'Get a short-lived token and URL to clone and push a repository',
        description:
          'Not a write at GitHub, so no Idempotency-Key: repeating it is safe and returns the cached installation token until shortly before it expires. The answer holds a secret: it is sent with `Cache-Control: no-store` and never logged or stored.',
        params: RepoParamsSchema,
        response: { 200: CloneCredentialsSchema.describe('Credentials for git (a secret)'), ...githubErrors },
      },
    },
    async (request, reply) => {
      const credentials = await deps.github.createCloneCredentials(request.params);
      return reply.header('cache-control', 'no-store').send(credentials);
    },
  );
};
