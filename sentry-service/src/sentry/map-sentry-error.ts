import { AppError, ProviderError } from '../errors.js';
import { SentryApiError, SentryBadResponseError, SentryNetworkError, SentryTimeoutError } from './sentry-errors.js';
import { retryAfterSeconds } from './retry-policy.js';

/** Retry-After we give a caller when Sentry rate limited us without saying for how long. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** Sentry's answer to a comment it already has from the same user within the hour (GroupNotesEndpoint). */
const DUPLICATE_COMMENT = 'You have already posted that comment.';

/** Maps a failed Sentry call to the status our caller should act on, keeping Sentry's own message. */
export function mapSentryError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof SentryTimeoutError) return new ProviderError('sentry_timeout', `Sentry: ${error.message}`, 504);
  if (error instanceof SentryNetworkError) return new ProviderError('sentry_unreachable', `Sentry could not be reached: ${error.message}`, 502);
  if (error instanceof SentryBadResponseError) return new ProviderError('sentry_bad_response', `Sentry: ${error.message}`, 502);
  if (!(error instanceof SentryApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new ProviderError('sentry_unreachable', `Sentry could not be reached: ${message}`, 502);
  }
  const message = `Sentry: ${error.detail}`;
  switch (error.status) {
    case 400:
      if (error.detail === DUPLICATE_COMMENT) return new ProviderError('sentry_duplicate_comment', message, 409);
      return new ProviderError('sentry_rejected', message, 422);
    // Our token is wrong or revoked: the caller cannot fix that, the operator can.
    case 401:
      return new ProviderError('sentry_unauthorized', message, 502);
    case 403:
      return new ProviderError('sentry_forbidden', message, 403);
    case 404:
    case 410:
      return new ProviderError('sentry_not_found', message, 404);
    case 409:
      return new ProviderError('sentry_conflict', message, 409);
    case 429:
      return new ProviderError('sentry_rate_limited', message, 429, {
        'retry-after': retryAfterSeconds(error.retryAfterMs, DEFAULT_RETRY_AFTER_SECONDS),
      });
    default:
      if (error.status >= 500) return new ProviderError('sentry_unavailable', message, 502);
      return new ProviderError('sentry_rejected', message, 422);
  }
}
