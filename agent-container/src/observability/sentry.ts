import * as Sentry from '@sentry/node';

/** Reports this service's own errors to Sentry when a DSN is configured. */
export function initSentry(dsn: string | undefined, serverName: string): boolean {
  if (!dsn) return false;
  Sentry.init({ dsn, serverName, tracesSampleRate: 0, sendDefaultPii: false });
  return true;
}

export function captureError(error: unknown): void {
  Sentry.captureException(error);
}
