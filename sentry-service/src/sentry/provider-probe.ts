import type { CredentialValues } from '../credentials/credential-store.js';
import type { SentryClient } from './sentry-client.js';
import { SentryApiError } from './sentry-errors.js';
import { SentryIndexSchema } from './sentry-responses.js';

export type ProviderState = 'reachable' | 'unauthorized' | 'unreachable';

export interface ProviderProbeOptions {
  /** How long one answer is reused, so health checks do not spend Sentry's rate limit. @defaultValue 30000 */
  cacheMs?: number;
  /** @defaultValue 3000 */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Whether Sentry answers: GET /api/0/ (the API index, open to anyone) with our token when we
 * have one, so a revoked token shows as `unauthorized`. One quick try, no retries, cached.
 */
export class ProviderProbe {
  private cached: { state: ProviderState; at: number; target: string } | null = null;
  private readonly cacheMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: SentryClient,
    options: ProviderProbeOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.now = options.now ?? Date.now;
  }

  async check(values: CredentialValues): Promise<ProviderState> {
    const baseUrl = values.base_url;
    if (!baseUrl) return 'unreachable';
    // The cache key covers the token too, so setting new credentials is seen at once.
    const target = `${baseUrl}\n${values.auth_token ?? ''}`;
    if (this.cached && this.cached.target === target && this.now() - this.cached.at < this.cacheMs) return this.cached.state;
    const state = await this.client
      .request({ baseUrl, authToken: values.auth_token }, { operation: 'health.probe', method: 'GET', path: '/api/0/', schema: SentryIndexSchema, timeoutMs: this.timeoutMs, maxRetries: 0 })
      .then(
        () => 'reachable' as const,
        (error: unknown) => (error instanceof SentryApiError && (error.status === 401 || error.status === 403) ? ('unauthorized' as const) : ('unreachable' as const)),
      );
    this.cached = { state, at: this.now(), target };
    return state;
  }
}
