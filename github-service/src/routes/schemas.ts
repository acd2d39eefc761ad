import { z } from 'zod';

export const ErrorSchema = z
  .object({ code: z.string(), message: z.string() })
  .meta({ id: 'Error', example: { code: 'github_not_found', message: 'GitHub: Not Found - https://docs.github.com/rest' } });

/** GitHub's own rules: logins are letters, digits and hyphens (underscores on Enterprise); repository names add `.` and `_`. */
export const RepoParamsSchema = z.object({
  owner: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$/, 'must be a GitHub login')
    .describe('Account or organization that owns the repository'),
  repo: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a GitHub repository name')
    .refine((name) => name !== '.' && name !== '..', 'must be a GitHub repository name')
    .describe('Repository name'),
});

export const IssueNumberSchema = z.coerce.number().int().positive().describe('Issue or pull request number');
export const CommentIdSchema = z.coerce.number().int().positive();

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Writes with the same key are made once; a repeat replays the stored result with `Idempotent-Replayed: true`'),
});

export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/**
 * Error responses of the `/api` routes, documented once. Each keeps GitHub's own message where
 * GitHub answered.
 */
const errors = {
  400: errorResponse('Invalid input: `invalid_request` (path, query, header or body does not match its schema)'),
  401: errorResponse('Missing or wrong `Authorization: Bearer $SERVICE_TOKEN`: `unauthorized`'),
  403: errorResponse('GitHub refused the credentials access: `github_forbidden`'),
  404: errorResponse('GitHub answered 404 (missing, or not visible to the credentials): `github_not_found`'),
  409: errorResponse('`idempotency_in_progress` (a request with this Idempotency-Key is running; see Retry-After) or `github_conflict`'),
  410: errorResponse('GitHub answered 410 (e.g. issues are disabled on the repository): `github_gone`'),
  422: errorResponse('`github_unprocessable` (GitHub rejected the input), `github_not_acceptable` (e.g. diff too large) or `idempotency_key_reused`'),
  429: errorResponse('GitHub rate limit, after waiting out short limits in place: `github_rate_limited`, with `Retry-After` in seconds'),
  502: errorResponse('GitHub failed after retries (`github_unavailable`), could not be reached (`github_unreachable`) or rejected the credentials (`github_unauthorized`)'),
  503: errorResponse('No credentials configured (`credentials_missing`) or stored ones unreadable (`credentials_unreadable`)'),
  504: errorResponse('GitHub did not answer within GITHUB_TIMEOUT_MS: `github_timeout`'),
} as const;

/** Every error a route that calls GitHub can answer. */
export const githubErrors = errors;

/** Errors of routes that do not call GitHub (the credentials API's own). */
export const serviceErrors = { 400: errors[400], 401: errors[401] } as const;

