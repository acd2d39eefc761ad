import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Logger } from 'pino';

const FleetOctokit = Octokit.plugin(throttling, retry);
export type GithubOctokit = InstanceType<typeof FleetOctokit>;

export interface GithubClientOptions {
  token: string;
  baseUrl: string;
  maxRetries: number;
  logger: Logger;
  /**
   * GitHub asks integrators to space content-creating requests (about one a second, and the
   * throttling plugin waits longer for notification-triggering ones). Off only in unit tests.
   * @defaultValue true
   */
  throttle?: boolean;
}

/**
 * The only place an Octokit is made. Throttling follows GitHub's primary and secondary rate
 * limits (waits and retries up to `maxRetries` times); the retry plugin retries 5xx and network
 * errors with backoff.
 */
export function createGithubClient(options: GithubClientOptions): GithubOctokit {
  const log = options.logger.child({ component: 'octokit' });
  return new FleetOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'swe-ai-fleet-github-service',
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.info(message),
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.error(message),
    },
    retry: { retries: options.maxRetries },
    throttle: {
      enabled: options.throttle ?? true,
      onRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => {
        log.warn({ retryAfter, retryCount }, 'GitHub primary rate limit hit');
        return retryCount < options.maxRetries;
      },
      onSecondaryRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => {
        log.warn({ retryAfter, retryCount }, 'GitHub secondary rate limit hit');
        return retryCount < options.maxRetries;
      },
    },
  });
}
