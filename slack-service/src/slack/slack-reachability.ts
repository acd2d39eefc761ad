export interface SlackReachabilityOptions {
  /** Resolves when Slack answers (`api.test`, which needs no token). */
  probe: () => Promise<void>;
  /**
   * How long one answer is reused, so frequent health probes do not become Slack traffic.
   * @defaultValue 30_000
   */
  ttlMs?: number;
  /** @defaultValue Date.now */
  now?: () => number;
}

/** Whether Slack's Web API answers, checked at most once per `ttlMs`. */
export class SlackReachability {
  private last: { reachable: boolean; at: number } | null = null;
  private inFlight: Promise<boolean> | null = null;

  constructor(private readonly options: SlackReachabilityOptions) {}

  async check(): Promise<boolean> {
    const now = (this.options.now ?? Date.now)();
    if (this.last && now - this.last.at < (this.options.ttlMs ?? 30_000)) return this.last.reachable;
    // Concurrent health probes share one Slack call.
    this.inFlight ??= this.options
      .probe()
      .then(
        () => true,
        () => false,
      )
      .then((reachable) => {
        this.last = { reachable, at: (this.options.now ?? Date.now)() };
        this.inFlight = null;
        return reachable;
      });
    return this.inFlight;
  }
}
