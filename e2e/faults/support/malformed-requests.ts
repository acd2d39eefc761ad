import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** A deterministic PRNG (mulberry32): a failing seed can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One request as it goes on the wire; `raw` bypasses HTTP framing altogether. */
export type MalformedRequest =
  | { kind: string; via: 'http'; method: string; path: string; headers: Record<string, string>; body: Buffer }
  | { kind: string; via: 'raw'; bytes: Buffer };

export interface MalformedSecrets {
  github: string;
  slack: string;
  jira: string;
  sentry: string;
}

const PATHS = ['/webhooks/github', '/webhooks/github', '/webhooks/github', '/webhooks/slack', '/webhooks/jira', '/webhooks/sentry', '/webhooks/custom/unknown-route', '/webhooks/custom/%00%ff', '/webhooks/github/../github'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/xml',
  ';;;',
  '',
];
const EVENTS = ['issue_comment', 'issues', 'pull_request_review_comment', 'pull_request_review', 'ping', 'push', '', 'x'.repeat(300), '__proto__', 'constructor'];

const hmac = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');

/**
 * Makes malformed deliveries of every family: random bytes, broken and hostile JSON, real
 * payloads with fields of the wrong type, bodies signed with the right secret (so they reach the
 * parser), lying encodings and lengths, oversize headers and bodies, and broken HTTP framing.
 * None contains a mention of the agent, so none may create a task.
 */
export function malformedRequests(count: number, seed: number, secrets: MalformedSecrets, examples: unknown[]): MalformedRequest[] {
  const random = seededRandom(seed);
  // One buffer for every oversize body: each is a view of it, so 10,000 requests stay small in memory.
  const big = Buffer.alloc(3 * 1024 * 1024 + 1, 0x7b);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (max: number) => Math.floor(random() * max);
  const bytes = (size: number) => Buffer.from(Array.from({ length: size }, () => int(256)));

  const mutate = (value: unknown, depth = 0): unknown => {
    if (depth > 6) return value;
    if (Array.isArray(value)) return value.map((item) => mutate(item, depth + 1));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const roll = random();
        if (roll < 0.08) continue;
        out[key] = roll < 0.16 ? pick([null, 42, -1, 1e308, true, '', [], {}, 'x'.repeat(int(5000)), { __proto__: { polluted: true } }]) : mutate(item, depth + 1);
      }
      if (random() < 0.05) out.__proto__ = { admin: true };
      return out;
    }
    if (typeof value === 'string' && random() < 0.2) return pick([`${value}\u0000`, '\ud800', value.repeat(3), '<!--', '']);
    return value;
  };

  const bodyOf = (): Buffer => {
    switch (int(8)) {
      case 0:
        return bytes(int(4096));
      case 1:
        return Buffer.from(JSON.stringify(mutate(pick(examples))).slice(0, int(20_000) + 1));
      case 2:
        return Buffer.from(JSON.stringify(mutate(pick(examples))));
      case 3:
        return Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`);
      case 4:
        return Buffer.from(pick(['', 'null', '[]', '"string"', '1e999', '{"a":', '{"__proto__":{"x":1}}', '{"payload":"%%%"}', 'payload=%7B%22type%22']));
      case 5:
        return Buffer.concat([Buffer.from('{"comment":{"body":"'), bytes(64), Buffer.from('"}}')]);
      case 6:
        return Buffer.from(`payload=${encodeURIComponent(JSON.stringify(mutate(pick(examples))))}`);
      default:
        return Buffer.from(JSON.stringify({ type: pick(['url_verification', 'event_callback', 'app_rate_limited']), challenge: 'x', event: mutate(pick(examples)) }));
    }
  };

  const signed = (path: string, body: Buffer, headers: Record<string, string>) => {
    const now = Math.floor(Date.now() / 1000);
    if (path.includes('github')) headers['x-hub-signature-256'] = `sha256=${hmac(secrets.github, body)}`;
    if (path.includes('jira')) headers['x-hub-signature'] = `sha256=${hmac(secrets.jira, body)}`;
    if (path.includes('sentry')) headers['sentry-hook-signature'] = hmac(secrets.sentry, body);
    if (path.includes('slack')) {
      const stamp = String(random() < 0.8 ? now : now - 3600);
      headers['x-slack-request-timestamp'] = stamp;
      headers['x-slack-signature'] = `v0=${createHmac('sha256', secrets.slack).update(`v0:${stamp}:${body.toString('latin1')}`).digest('hex')}`;
    }
  };

  const http = (kind: string): MalformedRequest => {
    const path = pick(PATHS);
    let body = bodyOf();
    const headers: Record<string, string> = {};
    // Signed bodies mostly say JSON (form-encoded for Slack), so they get past content-type checks to the parser.
    const declared = path.includes('slack') ? 'application/x-www-form-urlencoded' : 'application/json';
    const contentType = (kind === 'signed' || kind === 'encoding') && random() < 0.8 ? declared : pick(CONTENT_TYPES);
    if (contentType) headers['content-type'] = contentType;
    headers['x-github-event'] = pick(EVENTS);
    headers['x-github-delivery'] = random() < 0.1 ? 'd'.repeat(int(6000)) : `fault-${int(1e9)}`;
    headers['x-atlassian-webhook-identifier'] = String(int(1e9));
    headers['request-id'] = String(int(1e9));
    headers['sentry-hook-resource'] = pick(['issue', 'event_alert', 'comment', 'installation', 'metric_alert', '']);
    if (kind === 'signed') signed(path, body, headers);
    else if (kind === 'bad-signature') headers['x-hub-signature-256'] = pick(['sha256=', 'sha1=abc', `sha256=${'0'.repeat(64)}`, 'garbage', `sha256=${'z'.repeat(64)}`]);
    else if (kind === 'encoding') {
      headers['content-encoding'] = pick(['gzip', 'br', 'deflate', 'identity, gzip', 'x-unknown']);
      if (random() < 0.5) body = gzipSync(body);
      signed(path, body, headers);
    } else if (kind === 'oversize') {
      body = big.subarray(0, 2 * 1024 * 1024 + 1 + int(1024 * 1024));
      signed(path, body, headers);
    } else if (kind === 'headers') {
      headers['x-hub-signature-256'] = `sha256=${'a'.repeat(int(8000))}`;
      headers['x-custom'] = 'v'.repeat(int(12_000));
      headers['traceparent'] = pick(['00-zz-zz-01', '00-' + '0'.repeat(32) + '-' + '0'.repeat(16) + '-00', 'ff'.repeat(100)]);
    }
    return { kind, via: 'http', method: random() < 0.9 ? 'POST' : pick(['PUT', 'GET', 'DELETE', 'PATCH', 'OPTIONS']), path, headers, body };
  };

  const raw = (): MalformedRequest => {
    const path = pick(PATHS);
    const framings = [
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"short":true}`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot hex\r\n0\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n12345`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n`,
      `GARBAGE ${path} HTTP/9.9\r\n\r\n`,
      `POST ${path}\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nX-Evil: a\u0000b\r\n\r\n`,
    ];
    return { kind: 'framing', via: 'raw', bytes: Buffer.concat([Buffer.from(pick(framings), 'latin1'), random() < 0.3 ? bytes(int(512)) : Buffer.alloc(0)]) };
  };

  const kinds = ['random', 'signed', 'signed', 'signed', 'bad-signature', 'encoding', 'headers', 'oversize', 'framing'];
  return Array.from({ length: count }, () => {
    const kind = pick(kinds);
    return kind === 'framing' ? raw() : http(kind);
  });
}
