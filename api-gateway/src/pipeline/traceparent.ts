import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The caller's W3C trace context when valid, else a new sampled one, so every task is traceable. */
export function traceparentFor(header: string | undefined): string {
  if (header && TRACEPARENT.test(header)) return header;
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}
