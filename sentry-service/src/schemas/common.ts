import { z } from 'zod';

export const ErrorSchema = z
  .object({
    code: z.string().describe('Stable snake_case error code'),
    message: z.string().describe("What went wrong; for provider errors, Sentry's own message"),
  })
  .meta({ id: 'Error', example: { code: 'sentry_not_found', message: 'Sentry: The requested resource does not exist' } });

/** A response entry with its own description, as OpenAPI wants one per status. */
export function respond<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

const error = (description: string) => respond(description, ErrorSchema);

export const IssueParamsSchema = z.object({
  issue_id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Sentry issue id (e.g. 1341191803) or short id (e.g. PUMP-STATION-1)')
    .describe('Sentry issue id or short id'),
});

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Writes with the same key are made once; a repeat replays the stored result with `idempotent-replayed: true`'),
});

/** Errors every `/api` route can give. */
export const baseErrors = {
  401: error('Missing or wrong service token (unauthorized)'),
  500: error('Unexpected failure, e.g. the database went away (internal_error); details are only in the service log'),
} as const;

/** Error responses of routes that call Sentry. */
export const providerErrors = {
  ...baseErrors,
  400: error('The request is malformed (invalid_request)'),
  403: error("Sentry's token lacks the scope for this (sentry_forbidden)"),
  404: error('Sentry has no such issue or organization (sentry_not_found)'),
  429: error('Sentry is rate limiting us (sentry_rate_limited); retry after Retry-After seconds'),
  502: error('Sentry failed, was unreachable, answered unexpectedly, or refused our credentials (sentry_unavailable, sentry_unreachable, sentry_bad_response, sentry_unauthorized)'),
  503: error('No Sentry credentials are configured, or stored ones cannot be decrypted (credentials_missing, credentials_unreadable)'),
  504: error('Sentry did not answer within SENTRY_TIMEOUT_MS (sentry_timeout)'),
} as const;

/** Error responses of writes, which also carry an Idempotency-Key. */
export const writeErrors = {
  ...providerErrors,
  409: error('A request with this Idempotency-Key is still in progress (idempotency_in_progress), or Sentry already has this exact comment (sentry_duplicate_comment)'),
  422: error('The Idempotency-Key was used with a different request (idempotency_key_reused), or Sentry rejected the change (sentry_rejected)'),
} as const;
