import type { JiraHttpError } from './jira-errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff delay in ms; doubled per retry, capped at {@link MAX_BACKOFF_MS}, fully jittered. */
  baseDelayMs: number;
  /** A `Retry-After` longer than this is not waited out in place: the caller gets it instead. */
  maxRetryAfterSeconds: number;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * "Full jitter" exponential backoff: a random delay in [0, base·2^attempt], so many clients
 * retrying after one Jira incident do not come back in lockstep.
 */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * How long to wait before retrying a Jira error answer, or null when it must go back to the
 * caller: a 4xx other than 429, the last attempt, or a `Retry-After` longer than we may hold
 * the caller's request. Atlassian asks clients to honour `Retry-After` on 429 and on some 5xx
 * (developer.atlassian.com/cloud/jira/platform/rate-limiting).
 */
export function retryDelayMs(
  error: JiraHttpError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (attempt >= policy.maxRetries) return null;
  if (error.status !== 429 && error.status < 500) return null;
  if (error.retryAfterSeconds === undefined) return backoffDelayMs(policy, attempt, random);
  if (error.retryAfterSeconds > policy.maxRetryAfterSeconds) return null;
  // Jira counts the wait from its own clock; a little jitter keeps retries from arriving together.
  return error.retryAfterSeconds * 1000 + backoffDelayMs({ ...policy, baseDelayMs: Math.min(policy.baseDelayMs, 250) }, 0, random);
}
