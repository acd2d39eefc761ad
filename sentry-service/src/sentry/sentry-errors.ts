import type { z } from 'zod';

/** Longest provider message we pass on; Sentry's validation errors can list many fields. */
const MAX_MESSAGE = 500;

/**
 * Sentry's message from an error body: `{ "detail": "..." }` (or `{ "detail": { "message" } }`),
 * DRF field errors `{ "field": ["..."] }`, or a bare JSON string. HTML from a proxy is not shown.
 */
export function sentryMessage(body: unknown, fallback: string): string {
  const message = extractMessage(body) ?? fallback;
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

function extractMessage(body: unknown): string | null {
  if (typeof body === 'string') {
    const text = body.trim();
    return text && !text.startsWith('<') ? text : null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  if (typeof record.detail === 'string') return record.detail;
  if (typeof record.detail === 'object' && record.detail !== null && 'message' in record.detail && typeof record.detail.message === 'string') {
    return record.detail.message;
  }
  const fields = Object.entries(record).flatMap(([field, value]) => {
    const messages = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : [];
    return messages.length > 0 ? [`${field}: ${messages.join(' ')}`] : [];
  });
  return fields.length > 0 ? fields.join('; ') : null;
}

/** Sentry answered with an error status (after any retries). */
export class SentryApiError extends Error {
  readonly detail: string;

  constructor(
    readonly status: number,
    statusText: string,
    readonly body: unknown,
    /** How long Sentry asked us to wait, when it said. */
    readonly retryAfterMs: number | null,
  ) {
    const detail = sentryMessage(body, `HTTP ${status}${statusText ? ` ${statusText}` : ''}`);
    super(detail);
    this.name = 'SentryApiError';
    this.detail = detail;
  }
}

export class SentryTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'SentryTimeoutError';
  }
}

export class SentryNetworkError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(code ? `${message} (${code})` : message);
    this.name = 'SentryNetworkError';
  }
}

/** Sentry answered 2xx with a body that is not the documented shape. */
export class SentryBadResponseError extends Error {
  constructor(operation: string, issues: z.core.$ZodIssue[]) {
    const where = issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    super(`unexpected response to ${operation}: ${where}`);
    this.name = 'SentryBadResponseError';
  }
}
