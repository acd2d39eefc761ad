import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { AppError, ProviderError } from '../errors.js';
import { isTimeout } from './slack-client.js';
import { lookupSlackError } from './slack-error-catalog.js';

/** Used when Slack rate-limits without saying for how long. */
const DEFAULT_RETRY_AFTER_SECONDS = 30;

function retryAfter(seconds: number | undefined): Record<string, string> {
  return { 'retry-after': String(seconds !== undefined && seconds > 0 ? seconds : DEFAULT_RETRY_AFTER_SECONDS) };
}

/** Slack's own words for a failed call: the code, its description, and any detail it attached. */
function platformMessage(error: WebAPIPlatformError): string {
  const code = error.data.error;
  const parts = [`Slack: ${code} (${lookupSlackError(code).description})`];
  const data: Record<string, unknown> = { ...error.data };
  if (typeof data.needed === 'string') parts.push(`needed scope: ${data.needed}`);
  const messages = error.data.response_metadata?.messages;
  if (messages && messages.length > 0) parts.push(messages.join('; '));
  return parts.join(' — ');
}

function mapPlatformError(error: WebAPIPlatformError): AppError {
  const code = error.data.error;
  const { status } = lookupSlackError(code);
  const headers = status === 429 ? retryAfter(error.data.response_metadata?.retryAfter) : {};
  return new ProviderError(`slack_${code}`, platformMessage(error), status, headers);
}

function mapHttpError(error: WebAPIHTTPError): AppError {
  const message = `Slack answered HTTP ${error.statusCode} ${error.statusMessage}`.trim();
  if (error.statusCode === 404) return new ProviderError('slack_not_found', message, 404);
  if (error.statusCode >= 500) return new ProviderError('slack_unavailable', `${message} (after retries)`, 502);
  return new ProviderError('slack_http_error', message, 502);
}

/** Maps anything a WebClient call throws to the status our caller should see, keeping Slack's message. */
export function mapSlackError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof WebAPIPlatformError) return mapPlatformError(error);
  if (error instanceof WebAPIRateLimitedError) {
    return new ProviderError('slack_rate_limited', `Slack: rate limited; retry after ${error.retryAfter} s`, 429, retryAfter(error.retryAfter));
  }
  if (error instanceof WebAPIHTTPError) return mapHttpError(error);
  if (isTimeout(error)) return new ProviderError('slack_timeout', 'Slack did not answer in time', 504);
  if (error instanceof WebAPIRequestError) {
    return new ProviderError('slack_unreachable', `Slack could not be reached: ${error.original.message}`, 502);
  }
  const message = error instanceof Error ? error.message : String(error);
  // The SDK's words when a 429 carries no usable Retry-After header.
  if (message.startsWith('Retry header did not contain a valid timeout')) {
    return new ProviderError('slack_rate_limited', 'Slack: rate limited', 429, retryAfter(undefined));
  }
  return new ProviderError('slack_error', `Slack call failed: ${message}`, 502);
}
