export interface GithubProbeOptions {
  baseUrl: string;
  /** How long a probe result is reused. */
  cacheMs: number;
  /** A probe that takes longer counts as unreachable. @defaultValue 3000 */
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * Is GitHub reachable? `GET /rate_limit` is free (it does not count against the rate limit) and
 * needs no credentials; any answer below 500 means GitHub is up. The result is cached, so health
 * checks never put load on GitHub, and concurrent checks share one probe.
 */
export class GithubProbe {
  private last: { reachable: boolean; at: number } | null = null;
  private inFlight: Promise<boolean> | null = null;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GithubProbeOptions) {
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
  }

  async reachable(): Promise<boolean> {
    if (this.last && this.now() - this.last.at < this.options.cacheMs) return this.last.reachable;
    this.inFlight ??= this.probe().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async probe(): Promise<boolean> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/rate_limit`;
    const reachable = await this.fetch(url, {
      headers: { accept: 'application/vnd.github+json', 'user-agent': 'swe-ai-fleet-github-service' },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
    }).then(
      async (response) => {
        await response.body?.cancel();
        return response.status < 500;
      },
      () => false,
    );
    this.last = { reachable, at: this.now() };
    return reachable;
  }
}
