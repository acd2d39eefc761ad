import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { SentryConnection } from '../credentials/credential-store.js';
import { SentryApiError, SentryBadResponseError, SentryNetworkError, SentryTimeoutError } from './sentry-errors.js';
import { backoffDelayMs, isRetryableStatus, requestedDelayMs } from './retry-policy.js';

export interface SentryCallObserver {
  /** Once per call, after its last attempt: `ok`, the HTTP status, `timeout` or `network`. */
  callFinished(operation: string, outcome: string, seconds: number): void;
  retrying(operation: string, reason: string): void;
}

export interface SentryClientOptions {
  /** Time allowed for one request, body included. */
  timeoutMs: number;
  /** Retries of a 5xx or 429 (and of network errors where repeating is safe). */
  maxRetries: number;
  /** Longest wait this client sits out; a longer Retry-After ends the call with the 429. */
  maxRetryWaitMs: number;
  /** @defaultValue 250 */
  retryBaseDelayMs?: number;
  /** @defaultValue 5000 */
  retryCapDelayMs?: number;
  observer?: SentryCallObserver;
  /** @defaultValue Date.now */
  now?: () => number;
}

/** Where to send a request; without a token it goes unauthenticated (only the API index allows that). */
export type SentryTarget = Pick<SentryConnection, 'baseUrl'> & { authToken?: string };

export interface SentryRequest<T> {
  /** Name of the operation, for metrics and logs. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path under the base URL, starting with `/api/0/`. */
  path: string;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Overrides for this request (a health probe wants one quick try). */
  timeoutMs?: number;
  maxRetries?: number;
}

/** Network errors where the request never reached Sentry, so even a POST may be repeated. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  return typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
}

/** undici says only "fetch failed"; the reason is in its cause. */
function networkMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error && error.cause.message ? `${error.message}: ${error.cause.message}` : error.message;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return null;
  if (!contentType?.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The only code that talks to Sentry's REST API: plain fetch (undici), Bearer auth, a timeout
 * per request, and retries of 5xx and 429 with backoff that honours Retry-After.
 *
 * POSTs are retried on 5xx too: Sentry itself refuses the same comment from the same user
 * within an hour ("You have already posted that comment."), so a repeat cannot post twice.
 */
export class SentryClient {
  private readonly baseDelayMs: number;
  private readonly capDelayMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SentryClientOptions) {
    this.baseDelayMs = options.retryBaseDelayMs ?? 250;
    this.capDelayMs = options.retryCapDelayMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  async request<T>(connection: SentryTarget, request: SentryRequest<T>): Promise<T> {
    const started = this.now();
    let outcome = 'network';
    try {
      const result = await this.attempt(connection, request);
      outcome = 'ok';
      return result;
    } catch (error) {
      if (error instanceof SentryApiError) outcome = String(error.status);
      else if (error instanceof SentryTimeoutError) outcome = 'timeout';
      else if (error instanceof SentryBadResponseError) outcome = 'bad_response';
      throw error;
    } finally {
      this.options.observer?.callFinished(request.operation, outcome, (this.now() - started) / 1000);
    }
  }

  private async attempt<T>(connection: SentryTarget, request: SentryRequest<T>): Promise<T> {
    const url = `${connection.baseUrl.replace(/\/+$/, '')}${request.path}`;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'swe-ai-fleet-sentry-service' };
    if (connection.authToken) headers.authorization = `Bearer ${connection.authToken}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);

    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    const maxRetries = request.maxRetries ?? this.options.maxRetries;
    for (let attempt = 0; ; attempt++) {
      const retriesLeft = attempt < maxRetries;
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, { method: request.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
        text = await response.text();
      } catch (error) {
        // A timed-out write may have happened: answer at once and let the caller's retry policy decide.
        if (isTimeout(error)) throw new SentryTimeoutError(timeoutMs);
        const code = errorCode(error);
        const safeToRepeat = request.method !== 'POST' || (code !== undefined && NOT_SENT.has(code));
        if (retriesLeft && safeToRepeat) {
          this.options.observer?.retrying(request.operation, code ?? 'network');
          await sleep(backoffDelayMs(attempt, this.baseDelayMs, this.capDelayMs));
          continue;
        }
        throw new SentryNetworkError(networkMessage(error), code);
      }

      const parsed = parseBody(text, response.headers.get('content-type'));
      if (response.ok) {
        const result = request.schema.safeParse(parsed);
        if (!result.success) throw new SentryBadResponseError(request.operation, result.error.issues);
        return result.data;
      }

      const askedDelay = requestedDelayMs(response.headers, this.now(), response.status === 429);
      const error = new SentryApiError(response.status, response.statusText, parsed, askedDelay);
      if (!retriesLeft || !isRetryableStatus(response.status)) throw error;
      const delay = askedDelay ?? backoffDelayMs(attempt, this.baseDelayMs, this.capDelayMs);
      if (delay > this.options.maxRetryWaitMs) throw error;
      this.options.observer?.retrying(request.operation, String(response.status));
      await sleep(delay);
    }
  }
}
