import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of the concatenated parts, hex-encoded (the digest every provider but Slack's prefix uses). */
export function hmacSha256Hex(secret: string, ...parts: ReadonlyArray<string | Buffer>): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/** Constant-time comparison of a received hex digest with the expected one; anything malformed is false. */
export function sameHexDigest(received: string | undefined, expected: string): boolean {
  if (received === undefined || !/^[0-9a-f]+$/i.test(received)) return false;
  const a = Buffer.from(received.toLowerCase(), 'hex');
  const b = Buffer.from(expected, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
