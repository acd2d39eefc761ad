import type { Logger } from 'pino';
import { type AppError, ProviderError } from '../errors.js';

/** The JSON body Slack accepts at a response_url (docs.slack.dev/interactivity/handling-user-interaction). */
export interface ResponseUrlMessage {
  text: string;
  response_type: 'ephemeral' | 'in_channel';
  replace_original: boolean;
  blocks?: unknown[];
}

export interface ResponseUrlClientOptions {
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  rateLimitMaxWaitSeconds: number;
  logger: Logger;
  record?: (method: string, outcome: 'ok' | 'error' | 'rate_limited') => void;
  /** @defaultValue setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const METHOD = 'response_url';

/** Response URLs answer in plain text: "ok", or a short error code such as `expired_url`. */
function slackWords(body: string): string {
  const trimmed = body.trim().slice(0, 200);
  return trimmed === '' ? 'no details' : trimmed;
}

function codeFor(body: string, status: number): string {
  const word = body.trim();
  return /^[a-z_]{1,60}$/.test(word) ? `slack_${word}` : `slack_response_url_http_${status}`;
}

/**
 * Status a caller should see for a response_url answer (Slack's statuses for hooks: 400
 * invalid_payload, 403 action_prohibited, 404 channel_not_found / expired URLs, 410
 * channel_is_archived). A 400 means Slack refused what this service sent: 422 for our caller.
 */
function mapStatus(status: number, body: string): AppError {
  const message = `Slack response_url answered HTTP ${status}: ${slackWords(body)}`;
  const mapped = status === 400 ? 422 : status >= 500 ? 502 : status;
  return new ProviderError(codeFor(body, status), message, mapped);
}

/**
 * The only code that POSTs to a slash command's response_url. Retries 5xx and network errors
 * with backoff, waits out a short 429, never follows redirects (the allowlist was checked for
 * the URL given, not for wherever it might redirect), and never logs the URL: it is a credential.
 */
export class ResponseUrlClient {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ResponseUrlClientOptions) {
    this.sleep = options.sleep ?? defaultSleep;
  }

  async post(url: URL, message: ResponseUrlMessage): Promise<void> {
    const { maxRetries, retryBaseDelayMs, rateLimitMaxWaitSeconds, logger, record } = this.options;
    for (let attempt = 0; ; attempt += 1) {
      const canRetry = attempt < maxRetries;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(message),
          redirect: 'error',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        record?.(METHOD, 'error');
        if (error instanceof Error && error.name === 'TimeoutError') throw new ProviderError('slack_timeout', 'Slack response_url did not answer in time', 504);
        if (!canRetry) throw new ProviderError('slack_unreachable', `Slack response_url could not be reached: ${error instanceof Error ? error.message : String(error)}`, 502);
        await this.backoff(attempt, retryBaseDelayMs);
        continue;
      }
      const body = await response.text();
      if (response.ok) {
        record?.(METHOD, 'ok');
        return;
      }
      if (response.status === 429) {
        record?.(METHOD, 'rate_limited');
        const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
        const seconds = Number.isNaN(retryAfter) ? 30 : retryAfter;
        if (canRetry && seconds <= rateLimitMaxWaitSeconds) {
          logger.warn({ retryAfter: seconds, attempt }, 'Slack response_url rate limit; waiting before the next attempt');
          await this.sleep(seconds * 1000);
          continue;
        }
        throw new ProviderError('slack_rate_limited', `Slack response_url: rate limited; retry after ${seconds} s`, 429, { 'retry-after': String(seconds) });
      }
      record?.(METHOD, 'error');
      if (response.status >= 500 && canRetry) {
        logger.warn({ status: response.status, attempt }, 'Slack response_url failed; retrying');
        await this.backoff(attempt, retryBaseDelayMs);
        continue;
      }
      throw mapStatus(response.status, body);
    }
  }

  /** Exponential backoff with jitter (half fixed, half random), capped at 10 s. */
  private backoff(attempt: number, baseMs: number): Promise<void> {
    const ceiling = Math.min(10_000, baseMs * 2 ** attempt);
    return this.sleep(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}
