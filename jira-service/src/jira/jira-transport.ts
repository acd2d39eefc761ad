import type { Client, SendRequestOptions } from 'jira.js/core';
import type { Logger } from 'pino';
import { JiraHttpError, JiraNetworkError, JiraTimeoutError, JiraUnexpectedResponseError } from './jira-errors.js';
import { type RetryPolicy, backoffDelayMs, parseRetryAfter, retryDelayMs } from './retry-policy.js';

export interface JiraTransportOptions {
  /** Where requests go: the site URL, or JIRA_API_URL (a proxy or a stand-in). */
  apiUrl: string;
  email: string;
  apiToken: string;
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
  /**
   * A 2xx body that does not match jira.js's schema: `warn` logs the field paths (never the
   * values) and returns the body as Jira sent it; `throw` fails the call (tests).
   * @defaultValue 'warn'
   */
  onSchemaMismatch?: 'warn' | 'throw';
  /** @defaultValue setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function buildUrl(apiUrl: string, path: string, searchParams: Record<string, unknown> | undefined): string {
  const base = new URL(apiUrl);
  const url = new URL(base.origin);
  // Keep a base path (a proxy under /jira): the request path goes below it, not at the origin.
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  for (const [name, value] of Object.entries(searchParams ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) url.searchParams.set(name, value.map(String).join(','));
    } else {
      url.searchParams.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
  }
  return url.toString();
}

/** A repeat of this request cannot apply a write twice: reads, PUTs, and the JQL search (a POST that only reads). */
function isSafeToRepeat(method: string, path: string): boolean {
  return method !== 'POST' || path.endsWith('/search/jql');
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** fetch hides the transport's reason a level or two down its `cause` chain. */
function networkCode(error: unknown): string | undefined {
  let cursor: unknown = error;
  for (let depth = 0; cursor instanceof Error && depth < 5; depth += 1) {
    if ('code' in cursor && typeof cursor.code === 'string') return cursor.code;
    cursor = cursor.cause;
  }
  return undefined;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * jira.js's `Client`, over fetch: basic auth (email + API token), a timeout on every attempt,
 * and retries of 429 and 5xx (honouring `Retry-After`) and of connection failures where a
 * repeat is safe. The jira.js endpoint functions build the requests and hand in the response
 * schemas; this is the only code that talks HTTP to Jira.
 */
export function createJiraTransport(options: JiraTransportOptions): Client {
  const sleep = options.sleep ?? defaultSleep;
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.apiToken}`, 'utf8').toString('base64')}`;
  const log = options.logger.child({ component: 'jira-transport' });

  async function attempt(method: string, url: string, endpoint: string, headers: Record<string, string>, body: string | undefined) {
    try {
      const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs) });
      return { response, text: await response.text() };
    } catch (error) {
      if (isTimeout(error)) throw new JiraTimeoutError(options.timeoutMs, endpoint);
      const code = networkCode(error);
      const reason = error instanceof Error ? error.message : String(error);
      throw new JiraNetworkError(`${reason}${code ? ` (${code})` : ''}`, code, endpoint, { cause: error });
    }
  }

  async function sendRequest<T>(request: SendRequestOptions<T>): Promise<T> {
    const method = request.method ?? 'GET';
    const endpoint = `${method} ${request.url}`;
    const url = buildUrl(options.apiUrl, request.url, request.searchParams);
    const body = request.body === undefined || request.body === null ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization,
      'user-agent': 'swe-ai-fleet-jira-service',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    };

    for (let retry = 0; ; retry += 1) {
      let answer: Awaited<ReturnType<typeof attempt>>;
      try {
        answer = await attempt(method, url, endpoint, headers, body);
      } catch (error) {
        const repeatable =
          error instanceof JiraNetworkError && (isSafeToRepeat(method, request.url) || error.code === 'ECONNREFUSED');
        if (!repeatable || retry >= options.retry.maxRetries) throw error;
        const delay = backoffDelayMs(options.retry, retry);
        log.warn({ endpoint, retry: retry + 1, delay, reason: error.message }, 'Jira unreachable; retrying');
        await sleep(delay);
        continue;
      }
      const { response, text } = answer;
      if (response.ok) return parseSuccess(request, endpoint, response, text);
      const failure = new JiraHttpError(
        response.status,
        response.statusText,
        parseBody(text),
        parseRetryAfter(response.headers.get('retry-after')),
        endpoint,
      );
      const delay = retryDelayMs(failure, retry, options.retry);
      if (delay === null) throw failure;
      log.warn({ endpoint, status: response.status, retry: retry + 1, delay }, 'Jira answered with a retryable status; retrying');
      await sleep(delay);
    }
  }

  function parseSuccess<T>(request: SendRequestOptions<T>, endpoint: string, response: Response, text: string): T {
    if (response.status === 204 || text === '') return undefined as T;
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.includes('application/json')) {
      throw new JiraUnexpectedResponseError(
        `Jira answered ${endpoint} with ${contentType || 'no content type'} instead of JSON; is the Jira base URL the site URL (https://<site>.atlassian.net)?`,
        endpoint,
      );
    }
    const data = parseBody(text);
    if (!request.schema) return data as T;
    const parsed = request.schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
    if (options.onSchemaMismatch === 'throw') {
      throw new JiraUnexpectedResponseError(`Jira's answer to ${endpoint} does not match its documented shape: ${fields.join('; ')}`, endpoint);
    }
    // Jira's shapes drift with site settings and features; the fields we read are checked again by our own schemas.
    log.warn({ endpoint, fields }, "Jira's answer does not match jira.js's schema; using it as sent");
    return data as T;
  }

  return { sendRequest };
}
