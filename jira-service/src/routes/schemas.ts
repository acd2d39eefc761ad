import { z } from 'zod';

/** Every error body is `{ code, message }`; each status gets its own description and example. */
export function errorResponse(description: string, example: { code: string; message: string }) {
  return z
    .object({ code: z.string().describe('Stable snake_case error code'), message: z.string().describe("What went wrong; Jira's own words for Jira errors") })
    .describe(description)
    .meta({ example });
}

/** Every error a route can answer, each with what it means and an example. */
export const errors = {
  400: errorResponse('The request is invalid (our validation, or Jira refused it as malformed, e.g. bad JQL)', {
    code: 'invalid_request',
    message: 'body/jql Too small: expected string to have >=1 characters',
  }),
  401: errorResponse('Missing or wrong `Authorization: Bearer $SERVICE_TOKEN`', { code: 'unauthorized', message: 'a valid bearer token is required' }),
  403: errorResponse('Jira says the account lacks the permission for this', {
    code: 'jira_forbidden',
    message: 'Jira: You do not have permission to transition this issue.',
  }),
  404: errorResponse('Jira has no such issue or comment, or the account may not see it', {
    code: 'jira_not_found',
    message: 'Jira: Issue does not exist or you do not have permission to see it.',
  }),
  409: errorResponse('A request with this Idempotency-Key is still running (retry after `Retry-After`)', {
    code: 'idempotency_in_progress',
    message: 'a request with this Idempotency-Key is still in progress; retry later',
  }),
  413: errorResponse('The body is over the size limit', { code: 'fst_err_ctp_body_too_large', message: 'Request body is too large' }),
  422: errorResponse('The Idempotency-Key was already used for a different request', {
    code: 'idempotency_key_reused',
    message: 'this Idempotency-Key was already used with a different request',
  }),
  429: errorResponse("Jira's rate limit; `Retry-After` says when to try again", { code: 'jira_rate_limited', message: 'Jira: Rate limit exceeded.' }),
  500: errorResponse('A fault of this service (details are in its logs)', { code: 'internal_error', message: 'internal error' }),
  502: errorResponse('Jira failed (5xx after retries), refused our credentials, or could not be reached', {
    code: 'jira_unavailable',
    message: 'Jira: Service Unavailable',
  }),
  503: errorResponse('No Jira credentials are configured (or the stored ones cannot be read without CREDENTIALS_ENCRYPTION_KEY)', {
    code: 'credentials_missing',
    message: 'no Jira credentials are configured: store them with PUT /api/v1/credentials, or set JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN',
  }),
  504: errorResponse('Jira did not answer within JIRA_TIMEOUT_MS', { code: 'jira_timeout', message: 'Jira did not answer within 10000 ms' }),
} as const;

export type ErrorStatus = keyof typeof errors;

/** The error responses of one route, by status. */
export function errorResponses<const S extends ErrorStatus>(...statuses: S[]): Pick<typeof errors, S> {
  return Object.fromEntries(statuses.map((status) => [status, errors[status]])) as Pick<typeof errors, S>;
}

/** What every route that calls Jira can answer besides its own errors. */
export const JIRA_ERRORS = [400, 401, 403, 404, 429, 500, 502, 503, 504] as const;

/** A Jira issue key (`PROJ-123`) or numeric id. The pattern also keeps path separators out. */
export const IssueKeySchema = z
  .string()
  .max(255)
  .regex(/^([A-Za-z][A-Za-z0-9_]*-\d+|\d+)$/, 'must be an issue key like PROJ-123 or a numeric issue id')
  .describe('Issue key (PROJ-123) or id')
  .meta({ example: 'PROJ-123' });

export const IssueParamsSchema = z.object({ issue_key: IssueKeySchema });

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Writes with the same key are made once; a repeat replays the stored result (with `Idempotent-Replayed: true`)'),
});

export const IssueStatusSchema = z
  .object({ name: z.string(), category: z.string().nullable().describe('To Do, In Progress or Done') })
  .meta({ id: 'IssueStatus', example: { name: 'In Progress', category: 'In Progress' } });

export const PersonSchema = z
  .object({ account_id: z.string().nullable(), display_name: z.string().nullable() })
  .meta({ id: 'Person', example: { account_id: '5b10a2844c20165700ede21g', display_name: 'Mia Krystof' } });

/** Markdown body of a comment; Jira's default limit for a text field is 32,767 characters. */
export const CommentBodySchema = z
  .object({
    body: z.string().trim().min(1).max(32_767).describe('Markdown; sent to Jira as Atlassian Document Format'),
  })
  .meta({ example: { body: '## Fixed\n\nThe flaky test now waits for the **queue** to drain: see `waitForDrain()`.' } });
