// A local stand-in for Slack's Web API (https://slack.com/api/<method>), the file upload URLs it
// hands out, and slash command response URLs (https://hooks.slack.com/commands/...). It speaks
// Slack's wire format: form-encoded or JSON requests, HTTP 200 with `{ "ok": false, "error": "..." }`
// for platform errors, 429 with Retry-After for rate limits, plain-text answers from response URLs.
// Shapes follow the method references on docs.slack.dev (chat.postMessage, chat.update,
// chat.postEphemeral, reactions.add, conversations.replies, auth.test, api.test,
// files.getUploadURLExternal, files.completeUploadExternal). It records every request and can be
// told to fail or stall the next ones (5xx, 429, platform errors, slow answers for timeouts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedSlackRequest {
  path: string;
  /** The Web API method (`chat.postMessage`), or null for uploads and response URLs. */
  method: string | null;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  receivedAt: number;
}

/** What the next request gets instead of its normal answer; without `status`, only the delay applies. */
export interface SlackFault {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  user: string;
  bot_id?: string;
  reactions: Set<string>;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const BOT = { user_id: 'U0FLEETBOT', bot_id: 'B0FLEETBOT', team_id: 'T0FLEET01', team: 'Fleet Test', user: 'fleet-bot' };
/** Slack truncates message text past 40,000 characters (changelog 2018-04, "Truncating really long messages"). */
const MAX_TEXT = 40_000;
/** Slack lets a response_url be used 5 times. */
const RESPONSE_URL_USES = 5;

const ok = (body: Record<string, unknown> = {}): Answer => ({ status: 200, body: { ok: true, ...body } });
const fail = (error: string, extra: Record<string, unknown> = {}): Answer => ({ status: 200, body: { ok: false, error, ...extra } });
const isChannel = (value: unknown): value is string => typeof value === 'string' && /^[CDGUW][A-Z0-9]+$/.test(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

async function parseBody(req: IncomingMessage, raw: Buffer): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return {};
  if (type.startsWith('application/json')) return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
    const body: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) body[key] = typeof value === 'string' ? value : await value.text();
    return body;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  return { raw: raw.toString('utf8') };
}

export async function startSlackStandIn() {
  const requests: RecordedSlackRequest[] = [];
  const faults: SlackFault[] = [];
  const revoked = new Set<string>();
  const messages = new Map<string, StoredMessage>();
  const ephemerals: { channel: string; user: string; text: string; message_ts: string }[] = [];
  const files = new Map<string, { name: string; content?: string; title?: string; channel?: string; thread_ts?: string }>();
  const hookPosts: { path: string; body: Record<string, unknown> }[] = [];
  const hookUses = new Map<string, number>();
  let sequence = 0;
  let url = '';

  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;
  const key = (channel: string, ts: string) => `${channel}/${ts}`;
  const store = (message: Omit<StoredMessage, 'reactions'>) => {
    messages.set(key(message.channel, message.ts), { ...message, reactions: new Set() });
    return message.ts;
  };
  const render = (m: StoredMessage) => {
    const replies = [...messages.values()].filter((r) => r.channel === m.channel && r.thread_ts === m.ts && r.ts !== m.ts);
    return {
      type: 'message',
      ts: m.ts,
      user: m.user,
      text: m.text,
      ...(m.bot_id ? { bot_id: m.bot_id, app_id: 'A0FLEETAPP' } : {}),
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      ...(replies.length > 0 ? { thread_ts: m.ts, reply_count: replies.length } : {}),
      ...(m.reactions.size > 0 ? { reactions: [...m.reactions].map((name) => ({ name, users: [BOT.user_id], count: 1 })) } : {}),
    };
  };

  const postMessage = (body: Record<string, unknown>, thread = str(body.thread_ts)): Answer => {
    const channel = body.channel;
    if (!isChannel(channel)) return fail('channel_not_found');
    const text = str(body.text) ?? '';
    if (!text && !str(body.blocks)) return fail('no_text');
    const truncated = text.length > MAX_TEXT;
    const stored = truncated ? text.slice(0, MAX_TEXT) : text;
    const ts = store({ channel, ts: nextTs(), thread_ts: thread, text: stored, user: BOT.user_id, bot_id: BOT.bot_id });
    const warning = truncated
      ? { response_metadata: { warnings: ['message_truncated'], messages: ['[WARN] Your message was truncated but still posted. The `text` field accepts up to 40,000 characters.'] } }
      : {};
    return ok({ channel, ts, message: { ...render(messagesGet(channel, ts)), team: BOT.team_id }, ...warning });
  };
  const messagesGet = (channel: string, ts: string): StoredMessage => {
    const message = messages.get(key(channel, ts));
    if (!message) throw new Error(`no message ${channel}/${ts}`);
    return message;
  };

  const methods: Record<string, (body: Record<string, unknown>) => Answer> = {
    'auth.test': () => ok({ url: 'https://fleet-test.slack.com/', team: BOT.team, user: BOT.user, team_id: BOT.team_id, user_id: BOT.user_id, bot_id: BOT.bot_id, is_enterprise_install: false }),
    'chat.postMessage': (body) => postMessage(body),
    'chat.update': (body) => {
      const message = messages.get(key(String(body.channel), String(body.ts)));
      if (!message) return fail('message_not_found');
      if (message.bot_id !== BOT.bot_id) return fail('cant_update_message');
      if (!str(body.text) && !str(body.blocks)) return fail('no_text');
      message.text = str(body.text) ?? '';
      return ok({ channel: message.channel, ts: message.ts, text: message.text, message: { text: message.text, user: BOT.user_id } });
    },
    'chat.postEphemeral': (body) => {
      if (!isChannel(body.channel)) return fail('channel_not_found');
      if (typeof body.user !== 'string' || !/^[UW][A-Z0-9]+$/.test(body.user)) return fail('user_not_in_channel');
      const message_ts = nextTs();
      ephemerals.push({ channel: body.channel, user: body.user, text: str(body.text) ?? '', message_ts });
      return ok({ message_ts });
    },
    'reactions.add': (body) => {
      const name = String(body.name ?? '');
      if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) return fail('invalid_name');
      const message = messages.get(key(String(body.channel), String(body.timestamp)));
      if (!message) return fail('message_not_found');
      if (message.reactions.has(name)) return fail('already_reacted');
      message.reactions.add(name);
      return ok();
    },
    'conversations.replies': (body) => {
      const parent = messages.get(key(String(body.channel), String(body.ts)));
      if (!parent) return fail('thread_not_found');
      const thread = [parent, ...[...messages.values()].filter((m) => m.channel === parent.channel && m.thread_ts === parent.ts && m.ts !== parent.ts)];
      const limit = Math.min(Number(body.limit ?? 1000) || 1000, 1000);
      // Slack's cursors are opaque; its documented example decodes to `next_ts:<ts without the dot>`.
      const after = str(body.cursor) ? Buffer.from(String(body.cursor), 'base64').toString('utf8').replace(/^next_ts:/, '') : null;
      const start = after === null ? 0 : thread.findIndex((m) => m.ts.replace('.', '') === after);
      if (start < 0) return fail('invalid_cursor');
      const page = thread.slice(start, start + limit);
      const next = thread[start + limit];
      return ok({
        messages: page.map(render),
        has_more: next !== undefined,
        ...(next ? { response_metadata: { next_cursor: Buffer.from(`next_ts:${next.ts.replace('.', '')}`).toString('base64') } } : {}),
      });
    },
    'files.getUploadURLExternal': (body) => {
      if (!str(body.filename) || !(Number(body.length) > 0)) return fail('invalid_arguments');
      const file_id = `F0${String(++sequence).padStart(8, '0')}`;
      files.set(file_id, { name: String(body.filename) });
      return ok({ upload_url: `${url}/upload/v1/${file_id}`, file_id });
    },
    'files.completeUploadExternal': (body) => {
      const list = JSON.parse(String(body.files ?? '[]')) as { id: string; title?: string }[];
      const done = [];
      for (const item of list) {
        const file = files.get(item.id);
        if (!file || file.content === undefined) return fail('file_not_found');
        Object.assign(file, { title: item.title, channel: str(body.channel_id), thread_ts: str(body.thread_ts) });
        if (isChannel(body.channel_id)) store({ channel: body.channel_id, ts: nextTs(), thread_ts: str(body.thread_ts), text: str(body.initial_comment) ?? '', user: BOT.user_id, bot_id: BOT.bot_id });
        done.push({ id: item.id, name: file.name, title: item.title ?? file.name, mimetype: 'text/plain', size: file.content.length, user: BOT.user_id, permalink: `https://fleet-test.slack.com/files/${BOT.user_id}/${item.id}/${file.name}` });
      }
      return ok({ files: done });
    },
  };

  const answerApi = (method: string, body: Record<string, unknown>, req: IncomingMessage): Answer => {
    if (method === 'api.test') return ok({ args: {} });
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : str(body.token);
    if (!token) return fail('not_authed');
    if (revoked.has(token) || !token.startsWith('xoxb-')) return fail('invalid_auth');
    const handler = methods[method];
    return handler ? handler(body) : fail('unknown_method');
  };

  const answerHook = (path: string, body: Record<string, unknown>): Answer => {
    const uses = (hookUses.get(path) ?? 0) + 1;
    hookUses.set(path, uses);
    if (uses > RESPONSE_URL_USES) return { status: 404, body: 'used_url' };
    if (!str(body.text) && !Array.isArray(body.blocks)) return { status: 400, body: 'missing_text_or_fallback_or_attachments' };
    hookPosts.push({ path, body });
    return { status: 200, body: 'ok' };
  };

  const answer = async (req: IncomingMessage, path: string, body: Record<string, unknown>): Promise<Answer> => {
    const api = /^\/api\/([a-zA-Z.]+)$/.exec(path);
    if (api?.[1]) return answerApi(api[1], body, req);
    const upload = /^\/upload\/v1\/(\w+)$/.exec(path);
    const file = upload?.[1] ? files.get(upload[1]) : undefined;
    if (file) {
      // The SDK uploads multipart with the bytes in a `body` field; raw bytes are accepted too.
      file.content = String(body.body ?? body.file ?? body.raw ?? '');
      return { status: 200, body: `OK - ${file.content.length}` };
    }
    if (path.startsWith('/commands/')) return answerHook(path, body);
    return { status: 404, body: '<html><body>Not Found</body></html>' };
  };

  const send = (res: ServerResponse, reply: Answer) => {
    if (res.destroyed) return;
    const text = typeof reply.body === 'string';
    res.writeHead(reply.status, { 'content-type': text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8', ...reply.headers });
    res.end(text ? reply.body : JSON.stringify(reply.body));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const body = await parseBody(req, Buffer.concat(chunks));
        requests.push({ path, method: /^\/api\/(.+)$/.exec(path)?.[1] ?? null, headers: req.headers, body, receivedAt: Date.now() });
        const fault = faults.shift();
        if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        if (fault?.status !== undefined) {
          const headers = fault.status === 429 ? { 'retry-after': '1', ...fault.headers } : fault.headers;
          const fallback = fault.status === 429 ? { ok: false, error: 'ratelimited' } : fault.status >= 500 ? '<html><body>Service Unavailable</body></html>' : { ok: false };
          return send(res, { status: fault.status, body: fault.body ?? fallback, headers });
        }
        send(res, await answer(req, path, body));
      })().catch((error: unknown) => send(res, { status: 500, body: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let hookCount = 0;

  return {
    url,
    /** What to give a WebClient as slackApiUrl. */
    apiUrl: `${url}/api/`,
    bot: BOT,
    requests,
    ephemerals,
    files,
    hookPosts,
    /** Requests of one Web API method, in order. */
    calls: (method: string) => requests.filter((request) => request.method === method),
    failNext(...next: SlackFault[]) {
      faults.push(...next);
    },
    /** From now on, Slack answers invalid_auth for this token. */
    revokeToken: (token: string) => void revoked.add(token),
    /** A message written by a person, e.g. the one that mentioned the agent; returns its ts. */
    addUserMessage: (channel: string, text: string, options: { user?: string; thread_ts?: string } = {}) =>
      store({ channel, ts: nextTs(), thread_ts: options.thread_ts, text, user: options.user ?? 'U061F7AUR' }),
    message: (channel: string, ts: string) => messages.get(key(channel, ts)),
    /** Messages of a thread (parent first), as the stand-in stored them. */
    thread: (channel: string, ts: string) => [...messages.values()].filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts)),
    /** A fresh slash command response_url on this stand-in. */
    responseUrl: () => `${url}/commands/${BOT.team_id}/${++hookCount}/s3cr3tResp0nseT0ken`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type SlackStandIn = Awaited<ReturnType<typeof startSlackStandIn>>;
