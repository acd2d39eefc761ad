import { type Logger as SlackLogger, LogLevel, WebAPIHTTPError, WebAPIRequestError, WebClient, type RetryOptions } from '@slack/web-api';
import type { Logger } from 'pino';

export interface SlackClientOptions {
  /** Bot token (xoxb-...); omitted only for `api.test`, which needs none. */
  token?: string;
  /** Web API base URL, e.g. https://slack.com/api/ or a local stand-in. */
  apiUrl: string;
  /** Time allowed for one HTTP attempt. */
  timeoutMs: number;
  /** Retries of a 5xx or network error. */
  maxRetries: number;
  /**
   * Delay before the first retry; it doubles with each retry, with jitter, up to 10 s.
   * @defaultValue 500
   */
  retryBaseDelayMs?: number;
  logger: Logger;
}

/** True for the error an attempt ends with when it ran out of time (`AbortSignal.timeout`). */
export function isTimeout(error: unknown): boolean {
  const cause = error instanceof WebAPIRequestError ? error.original : error;
  return cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
}

/**
 * The WebClient hands `retryConfig` to p-retry, which stops retrying when `onFailedAttempt`
 * throws. A timed-out write may already have reached Slack (which has no idempotency key of
 * its own), and a 4xx will not change on a retry, so both end the attempts at once.
 */
function retryConfig(options: SlackClientOptions): RetryOptions {
  const config: RetryOptions & { onFailedAttempt: (error: Error) => void } = {
    retries: options.maxRetries,
    factor: 2,
    minTimeout: options.retryBaseDelayMs ?? 500,
    maxTimeout: 10_000,
    randomize: true,
    onFailedAttempt: (error) => {
      if (isTimeout(error)) throw error;
      if (error instanceof WebAPIHTTPError && error.statusCode < 500) throw error;
      // p-retry marks each failed attempt with how many retries remain.
      const retriesLeft = 'retriesLeft' in error && typeof error.retriesLeft === 'number' ? error.retriesLeft : 0;
      if (retriesLeft > 0) options.logger.warn({ error: error.message, retriesLeft }, 'Slack call failed; retrying');
    },
  };
  return config;
}

function slackLogger(logger: Logger): SlackLogger {
  const log = logger.child({ component: 'slack-web-api' });
  return {
    debug: (...msg: unknown[]) => log.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => log.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => log.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => log.error(msg.map(String).join(' ')),
    // pino's level governs; the SDK's own level switch is not used.
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}

/**
 * The only place a WebClient is made. Rate limits are not waited out inside the SDK (which
 * would pause every call of this process for the whole Retry-After): the SDK rejects them and
 * `SlackOperations` decides whether to wait or answer 429.
 */
export function createSlackWebClient(options: SlackClientOptions): WebClient {
  return new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    timeout: options.timeoutMs,
    retryConfig: retryConfig(options),
    rejectRateLimitedCalls: true,
    logger: slackLogger(options.logger),
  });
}
