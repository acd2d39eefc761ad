import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import type { FastifyBaseLogger } from 'fastify';
import { createTimedFetch } from './timed-fetch.js';

const FleetOctokit = Octokit.plugin(throttling, retry);
export type GithubOctokit = InstanceType<typeof FleetOctokit>;

/** How a client authenticates: a token, or a GitHub App (JWT, or an installation when given). */
export type ClientAuth = { type: 'token'; token: string } | { type: 'app'; appId: string; privateKey: string; installationId?: number };

export interface GithubClientSettings {
  baseUrl: string;
  logger: FastifyBaseLogger;
  /** Time one request may take until GitHub's response headers arrive. */
  timeoutMs: number;
  /** Retries of 5xx, network errors, timeouts of idempotent requests, and rate limits. */
  maxRetries: number;
  /** A rate-limit wait longer than this is not spent in place: the 429 goes back to the caller. */
  maxRetryAfterSeconds: number;
  /**
   * GitHub asks integrators to space content-creating requests (about one a second, and the
   * throttling plugin waits longer for notification-triggering ones). Off only for stand-ins;
   * rate-limit handling stays on either way.
   * @defaultValue true
   */
  throttle?: boolean;
  /**
   * Milliseconds per second of `Retry-After` and of the retry plugin's backoff. Tests shrink it.
   * @defaultValue 1000
   */
  retryAfterBaseMs?: number;
}

/** Bottleneck groups without spacing, for local stand-ins (GITHUB_THROTTLE=false). */
function unspacedGroups() {
  return { write: new Bottleneck.Group(), search: new Bottleneck.Group(), notifications: new Bottleneck.Group() };
}

/**
 * The only place an Octokit is made. The throttling plugin follows GitHub's primary and
 * secondary rate limits and waits them out when the wait is short; the retry plugin retries 5xx,
 * network errors and timeouts with backoff. 429 is left to the throttling plugin alone, so a
 * rate limit is never retried blindly. For a GitHub App, @octokit/auth-app signs JWTs for the
 * `/app` routes and mints installation tokens, which it caches until shortly before expiry.
 */
export function createGithubClient(auth: ClientAuth, settings: GithubClientSettings): GithubOctokit {
  const log = settings.logger.child({ component: 'octokit' });
  const baseValue = settings.retryAfterBaseMs ?? 1000;
  const shouldWait = (kind: string) => (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
    const wait = retryCount < settings.maxRetries && retryAfter <= settings.maxRetryAfterSeconds;
    log.warn({ retryAfter, retryCount, wait }, `GitHub ${kind} rate limit hit`);
    return wait;
  };
  const common = {
    baseUrl: settings.baseUrl,
    userAgent: 'swe-ai-fleet-github-service',
    request: { fetch: createTimedFetch(settings.timeoutMs) },
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.info(message),
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.error(message),
    },
    retry: { retries: settings.maxRetries, retryAfterBaseValue: baseValue, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      retryAfterBaseValue: baseValue,
      ...(settings.throttle === false ? unspacedGroups() : {}),
      onRateLimit: shouldWait('primary'),
      onSecondaryRateLimit: shouldWait('secondary'),
    },
  };
  if (auth.type === 'token') return new FleetOctokit({ ...common, auth: auth.token });
  return new FleetOctokit({
    ...common,
    authStrategy: createAppAuth,
    auth: { appId: auth.appId, privateKey: auth.privateKey, ...(auth.installationId ? { installationId: auth.installationId } : {}) },
  });
}
