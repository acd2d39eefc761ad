/**
 * One attempt at GitHub took longer than GITHUB_TIMEOUT_MS to answer.
 *
 * @octokit/request passes an error named `AbortError` through untouched, and the retry plugin
 * retries only the errors @octokit/request wraps. A timed-out POST is therefore named
 * `AbortError` so it is not retried (GitHub may have made the comment or pull request already);
 * every other method is idempotent at GitHub and is retried like a 5xx.
 */
export class GithubAttemptTimeout extends Error {
  constructor(
    readonly timeoutMs: number,
    retryable: boolean,
  ) {
    super(`GitHub did not answer within ${timeoutMs} ms`);
    this.name = retryable ? 'GithubAttemptTimeout' : 'AbortError';
  }
}

/** `fetch` with a deadline on each request: until the response headers arrive. */
export function createTimedFetch(timeoutMs: number, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init = {}) => {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const callerSignal = init.signal ?? undefined;
    const signal = callerSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal;
    try {
      return await baseFetch(input, { ...init, signal });
    } catch (error) {
      if (deadline.signal.aborted && !callerSignal?.aborted) {
        throw new GithubAttemptTimeout(timeoutMs, (init.method ?? 'GET').toUpperCase() !== 'POST');
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
