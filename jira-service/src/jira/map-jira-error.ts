import { z } from 'zod';
import { AppError, ProviderError } from '../errors.js';
import { JiraHttpError, JiraNetworkError, JiraTimeoutError, JiraUnexpectedResponseError } from './jira-errors.js';

/**
 * Jira's error documents: the REST API's `ErrorCollection` (`errorMessages` plus per-field
 * `errors`), or the gateway's `{ message, status-code }` (e.g. a 401 "Client must be
 * authenticated to access this resource.").
 */
const JiraErrorBodySchema = z
  .object({
    errorMessages: z.array(z.string()).optional(),
    errors: z.record(z.string(), z.unknown()).optional(),
    message: z.string().optional(),
  })
  .loose();

/** When Jira did not say a rate limit's length, ask the caller to wait a minute. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** Jira's own words for what went wrong, from whatever error body it sent. */
export function jiraErrorMessage(body: unknown, fallback: string): string {
  const parsed = JiraErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { errorMessages = [], errors = {}, message } = parsed.data;
    const fieldMessages = Object.entries(errors).map(([field, text]) => `${field}: ${String(text)}`);
    const all = [...errorMessages, ...fieldMessages, ...(message ? [message] : [])].filter((text) => text.trim() !== '');
    if (all.length > 0) return all.join('; ');
  }
  // A plain-text answer is Jira's message too; an HTML page (a proxy's error page) is not worth quoting.
  if (typeof body === 'string' && body.trim() !== '' && !body.trimStart().startsWith('<')) return body.trim().slice(0, 500);
  return fallback;
}

function mapHttpError(error: JiraHttpError): ProviderError {
  const message = `Jira: ${jiraErrorMessage(error.body, `${error.status} ${error.statusText}`.trim())}`;
  const retryAfter: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
  switch (error.status) {
    case 400:
      return new ProviderError('jira_bad_request', message, 400);
    // Our credentials were refused: nothing the caller can fix, so it is a bad gateway, not their 401.
    case 401:
      return new ProviderError('jira_unauthorized', message, 502);
    case 403:
      return new ProviderError('jira_forbidden', message, 403);
    case 404:
      return new ProviderError('jira_not_found', message, 404);
    case 409:
      return new ProviderError('jira_conflict', message, 409);
    case 413:
      return new ProviderError('jira_payload_too_large', message, 413);
    case 422:
      return new ProviderError('jira_unprocessable', message, 422);
    case 429:
      return new ProviderError('jira_rate_limited', message, 429, {
        'retry-after': String(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS),
      });
    default:
      if (error.status >= 500) return new ProviderError('jira_unavailable', message, 502, retryAfter);
      return new ProviderError('jira_error', message, error.status >= 400 ? error.status : 502);
  }
}

/**
 * Maps a failed Jira call to the status our caller should see, keeping Jira's own message.
 * Anything else (a defect of ours) is returned as it is, for the error handler's opaque 500.
 */
export function mapJiraError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof JiraHttpError) return mapHttpError(error);
  if (error instanceof JiraTimeoutError) return new ProviderError('jira_timeout', `Jira did not answer within ${error.timeoutMs} ms`, 504);
  if (error instanceof JiraNetworkError) return new ProviderError('jira_unreachable', `Jira could not be reached: ${error.message}`, 502);
  if (error instanceof JiraUnexpectedResponseError) return new ProviderError('jira_unexpected_response', error.message, 502);
  return error;
}
