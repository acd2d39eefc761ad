import { z } from 'zod';

/** A component whose `/health` the Services page shows. */
export interface ComponentTarget {
  name: string;
  url: string;
}

export type ComponentState = 'ok' | 'degraded' | 'down' | 'unreachable';

export interface ComponentHealth {
  name: string;
  url: string;
  status: ComponentState;
  /** The HTTP status of /health; null when nothing answered. */
  http_status: number | null;
  /** Each dependency check the component reported (`database: ok`, `github: unreachable`, ...). */
  checks: Record<string, string>;
  latency_ms: number | null;
  /** Why it is unreachable: a timeout, a refused connection, an answer that is not a health report. */
  error: string | null;
}

/** Every component answers `{ status, checks }` (ARCHITECTURE.md); the checks differ per component. */
const HealthBodySchema = z.object({
  status: z.string(),
  checks: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A 5xx health answer means the component cannot serve (its database is down), whatever word it uses. */
function stateOf(status: string, httpStatus: number): ComponentState {
  if (httpStatus >= 500 || status === 'down') return 'down';
  return status === 'ok' && httpStatus < 400 ? 'ok' : 'degraded';
}

/** GET <url>/health within `timeoutMs`; never throws, a failure is part of the answer. */
export async function checkComponent(target: ComponentTarget, options: { fetch?: FetchLike; timeoutMs: number; now?: () => number }): Promise<ComponentHealth> {
  const now = options.now ?? performance.now.bind(performance);
  const started = now();
  const base = { name: target.name, url: target.url };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(new URL('/health', target.url).toString(), {
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause = timedOut ? `no answer within ${options.timeoutMs} ms` : describeFetchError(error);
    return { ...base, status: 'unreachable', http_status: null, checks: {}, latency_ms: null, error: cause };
  }
  const latency = Math.round(now() - started);
  const body = HealthBodySchema.safeParse(await response.json().catch(() => undefined));
  if (!body.success) {
    return { ...base, status: 'unreachable', http_status: response.status, checks: {}, latency_ms: latency, error: `HTTP ${response.status} without a health report` };
  }
  const checks = Object.fromEntries(Object.entries(body.data.checks).map(([key, value]) => [key, value === null ? 'unknown' : String(value)]));
  return { ...base, status: stateOf(body.data.status, response.status), http_status: response.status, checks, latency_ms: latency, error: null };
}

/** Node's fetch hides the reason (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause;
    if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
    return error.message;
  }
  return 'request failed';
}
