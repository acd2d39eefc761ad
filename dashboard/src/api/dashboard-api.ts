import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/dashboard-api.js';
import { ApiError, toApiError, unreachable } from './api-error.js';

export type DashboardApiClient = Client<paths>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface DashboardApiOptions {
  fetch?: (request: Request) => Promise<Response>;
  /**
   * The session's CSRF token (the XSRF-TOKEN cookie), sent as X-CSRF-Token on every write:
   * dashboard-api refuses a cookie-authenticated write without it.
   */
  csrfToken?: () => string | null;
}

/** The typed client of dashboard-api (generated from its openapi.json). */
export function createDashboardApi(baseUrl: string, options: DashboardApiOptions = {}): DashboardApiClient {
  const client = createClient<paths>({ baseUrl, fetch: options.fetch, credentials: 'same-origin' });
  client.use({
    onRequest({ request }) {
      const token = options.csrfToken?.();
      if (token && !SAFE_METHODS.has(request.method)) request.headers.set('x-csrf-token', token);
      return request;
    },
  });
  return client;
}

/** The XSRF-TOKEN cookie dashboard-api set at sign-in, read from `document.cookie`. */
export function csrfTokenFromCookie(cookies: string): string | null {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'XSRF-TOKEN') return decodeURIComponent(value.join('='));
  }
  return null;
}

type Outcome<T> = { data?: T; error?: unknown; response: Response };

async function call<O>(request: () => Promise<O>): Promise<O> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw unreachable(error);
  }
}

/** The data of a call, or an `ApiError` that says what went wrong. */
export async function settle<T>(request: () => Promise<Outcome<T>>): Promise<T> {
  const outcome = await call(request);
  if (outcome.data !== undefined && outcome.response.ok) return outcome.data;
  throw toApiError(outcome.response.status, outcome.error);
}

/** A call answered by 204 No Content: nothing, or an `ApiError`. */
export async function settleEmpty(request: () => Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const outcome = await call(request);
  if (!outcome.response.ok) throw toApiError(outcome.response.status, outcome.error);
}

export { ApiError };
