import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-((?!0{32})[0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-([0-9a-f]{2})$/;

/**
 * W3C trace context for the task: the caller's trace continues under a new span id (the gateway's
 * own hop), and a request without valid context starts a new sampled trace.
 */
export function traceparentFor(header: string | undefined): string {
  const spanId = randomBytes(8).toString('hex');
  const incoming = header ? TRACEPARENT.exec(header) : null;
  if (incoming) return `00-${incoming[1]}-${spanId}-${incoming[2]}`;
  return `00-${randomBytes(16).toString('hex')}-${spanId}-01`;
}
