/** Header values as fetch's `Headers` gives them. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * How long Sentry asks us to wait, in milliseconds, or null when it does not say.
 * `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). Sentry sends
 * `X-Sentry-Rate-Limit-Reset`, the epoch second its window resets, on every response
 * (docs.sentry.io/api/ratelimits); it is a wait only when the answer is a 429 (`rateLimited`).
 */
export function requestedDelayMs(headers: HeaderReader, now: number, rateLimited: boolean): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (!rateLimited) return null;
  const reset = headers.get('x-sentry-rate-limit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) return Math.max(0, Math.ceil(Number(reset) * 1000 - now));
  return null;
}

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export function backoffDelayMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/** The Retry-After a caller gets with our 429: whole seconds, at least one. */
export function retryAfterSeconds(delayMs: number | null, fallbackSeconds: number): string {
  if (delayMs === null) return String(fallbackSeconds);
  return String(Math.max(1, Math.ceil(delayMs / 1000)));
}

/** Statuses worth another attempt: Sentry's rate limit and its (or its proxy's) server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
