/**
 * Slows password guessing: after `maxFailures` failed sign-ins for one email, or from one
 * address, within `windowMs`, further attempts are refused until the oldest failure ages out.
 * Kept in memory: each replica counts on its own, which still bounds guesses per replica.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
    /** Keys remembered at most; the oldest are forgotten first, so a flood cannot exhaust memory. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds to wait before trying again, or 0 when an attempt may be made now. */
  retryAfterSeconds(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      const oldest = recent[0];
      if (recent.length >= this.maxFailures && oldest !== undefined) wait = Math.max(wait, oldest + this.windowMs - now);
    }
    return Math.ceil(wait / 1000);
  }

  fail(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      const recent = this.recent(key, now);
      recent.push(now);
      this.failures.delete(key);
      this.failures.set(key, recent);
    }
    while (this.failures.size > this.maxKeys) {
      const oldestKey = this.failures.keys().next().value;
      if (oldestKey === undefined) break;
      this.failures.delete(oldestKey);
    }
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
  }
}
