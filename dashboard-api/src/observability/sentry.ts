// @sentry/node is loaded only when a DSN is configured: importing it costs about 55 MB of resident
// memory (it brings its OpenTelemetry instrumentations along), which a service without Sentry
// should not pay (bench/README.md, footprint).
import type * as SentryModule from '@sentry/node';

let sentry: typeof SentryModule | undefined;

/** Reports this service's own errors to Sentry when a DSN is configured. */
export async function initSentry(dsn: string | undefined, serverName: string): Promise<boolean> {
  if (!dsn) return false;
  sentry = await import('@sentry/node');
  sentry.init({ dsn, serverName, tracesSampleRate: 0, sendDefaultPii: false });
  return true;
}

export function captureError(error: unknown): void {
  sentry?.captureException(error);
}
