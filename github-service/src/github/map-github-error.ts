import { AppError, GithubTimeoutError, ProviderError } from '../errors.js';
import { GithubAttemptTimeout } from './timed-fetch.js';

interface OctokitLikeError {
  status: number;
  message: string;
  cause?: unknown;
  response?: { headers?: Record<string, string | number | undefined> };
}

function isOctokitError(error: unknown): error is OctokitLikeError {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number';
}

function timeoutOf(error: unknown): GithubAttemptTimeout | undefined {
  if (error instanceof GithubAttemptTimeout) return error;
  if (error instanceof Error && error.cause instanceof GithubAttemptTimeout) return error.cause;
  return undefined;
}

/**
 * Seconds a caller should wait: GitHub's `Retry-After`, else the primary limit's reset time
 * (`x-ratelimit-reset`, epoch seconds), else a minute, as GitHub's docs advise for secondary
 * limits without a header.
 */
function retryAfterSeconds(headers: Record<string, string | number | undefined>, nowMs: number): string {
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return String(Math.ceil(retryAfter));
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return String(Math.max(1, Math.ceil(reset - nowMs / 1000)));
  return '60';
}

/** GitHub signals a rate limit with 429, or with 403 and an exhausted quota or a "secondary rate limit" message. */
function isRateLimited(error: OctokitLikeError, headers: Record<string, string | number | undefined>): boolean {
  if (error.status === 429) return true;
  return error.status === 403 && (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(error.message));
}

/**
 * Maps an error from Octokit to the status our caller should act on, keeping GitHub's own
 * message: a GitHub 404 is a 404, a rate limit a 429 with `Retry-After`, a timeout a 504, an
 * unreachable or failing GitHub a 502.
 */
export function mapGithubError(error: unknown, nowMs: number = Date.now()): AppError {
  if (error instanceof AppError) return error;
  const timeout = timeoutOf(error);
  if (timeout) return new GithubTimeoutError(timeout.timeoutMs);
  if (!isOctokitError(error) || !error.response) {
    // @octokit/request reports a connection failure as a status-500 error without a response.
    const message = error instanceof Error ? error.message : String(error);
    return new ProviderError('github_unreachable', `GitHub could not be reached: ${message}`, 502);
  }
  const message = `GitHub: ${error.message}`;
  const headers = error.response.headers ?? {};
  if (isRateLimited(error, headers)) {
    return new ProviderError('github_rate_limited', message, 429, { 'retry-after': retryAfterSeconds(headers, nowMs) });
  }
  switch (error.status) {
    case 401:
      // The caller cannot fix our credentials: it is GitHub (as configured) that failed them.
      return new ProviderError('github_unauthorized', message, 502);
    case 403:
      return new ProviderError('github_forbidden', message, 403);
    case 404:
      return new ProviderError('github_not_found', message, 404);
    case 406:
      // e.g. "Sorry, the diff exceeded the maximum number of files": ask for the changed files instead.
      return new ProviderError('github_not_acceptable', message, 422);
    case 409:
      return new ProviderError('github_conflict', message, 409);
    case 410:
      return new ProviderError('github_gone', message, 410);
    case 422:
      return new ProviderError('github_unprocessable', message, 422);
    default:
      if (error.status >= 500) return new ProviderError('github_unavailable', message, 502);
      return new ProviderError('github_error', message, 502);
  }
}
