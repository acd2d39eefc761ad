import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One tool the scripted model calls; `input` is streamed as `input_json_delta` fragments. */
export interface ScriptedToolUse {
  name: string;
  input: Record<string, unknown>;
  id?: string;
}

/**
 * What the scripted model answers to one `POST /v1/messages`: thinking, text and tool uses (in
 * that order, each optional), or an HTTP error with Anthropic's error `type`
 * (`overloaded_error`, `api_error`, `authentication_error`, `not_found_error`, ...).
 */
export type AnthropicTurn =
  | { thinking?: string; text?: string; toolUses?: ScriptedToolUse[] }
  | { error: { status: number; type: string; message: string } };
type AnswerTurn = Exclude<AnthropicTurn, { error: unknown }>;

export interface MessagesRequestBody {
  model?: string;
  system?: unknown;
  messages?: Array<{ role: string; content: unknown }>;
  tools?: Array<{ name: string; [key: string]: unknown }>;
  stream?: boolean;
  max_tokens?: number;
  [key: string]: unknown;
}

/** A list of turns answered in order, or a function of the request (and its 0-based index). */
export type AnthropicTurns = AnthropicTurn[] | ((request: MessagesRequestBody, index: number) => AnthropicTurn);

export interface RecordedMessagesRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: MessagesRequestBody;
}

export interface AnthropicApiOptions {
  turns: AnthropicTurns;
  /** The key `x-api-key` (or `Authorization: Bearer`) must carry; any key is accepted when unset. */
  apiKey?: string;
  /** Tokens reported for every turn; by default estimated from the request and the answer. */
  usage?: { input_tokens: number; output_tokens: number };
  /** Pause between SSE events, to make a stream take time. */
  chunkDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function pieces(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += size) parts.push(text.slice(at, at + size));
  return parts;
}

/**
 * A local stand-in for Anthropic's Messages API (docs.anthropic.com/en/api/messages-streaming),
 * as Claude Code calls it at `ANTHROPIC_BASE_URL`. `POST /v1/messages` answers from a script:
 * with `stream: true` as named SSE events (`message_start` with input usage, then per content
 * block `content_block_start` / `content_block_delta` (`thinking_delta` + `signature_delta`,
 * `text_delta`, `input_json_delta`) / `content_block_stop`, a `ping`, `message_delta` with the
 * stop reason and output usage, `message_stop`), otherwise as one `message` object. Errors use
 * Anthropic's body `{ type: 'error', error: { type, message } }` and a `request-id` header.
 * `POST /v1/messages/count_tokens` estimates, and `HEAD /api/hello` (Claude Code's
 * reachability probe) answers 200. Every Messages request is recorded.
 */
export async function startAnthropicApi(options: AnthropicApiOptions) {
  const requests: RecordedMessagesRequest[] = [];
  let turns = options.turns;
  let answered = 0;

  const nextTurn = (body: MessagesRequestBody): AnthropicTurn => {
    const index = answered++;
    if (typeof turns === 'function') return turns(body, index);
    return turns[index] ?? { error: { status: 500, type: 'api_error', message: `anthropic stand-in: the script has no turn ${index + 1}` } };
  };

  const requestId = () => `req_${randomBytes(12).toString('hex')}`;
  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId() });
    res.end(JSON.stringify(body));
  };
  const sendError = (res: ServerResponse, status: number, type: string, message: string) =>
    sendJson(res, status, { type: 'error', error: { type, message } });

  const authorized = (req: IncomingMessage) => {
    if (options.apiKey === undefined) return true;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return req.headers['x-api-key'] === options.apiKey || bearer === options.apiKey;
  };

  const contentOf = (turn: AnswerTurn) => {
    const blocks: Array<Record<string, unknown>> = [];
    if (turn.thinking) blocks.push({ type: 'thinking', thinking: turn.thinking, signature: `sig_${randomBytes(8).toString('hex')}` });
    if (turn.text) blocks.push({ type: 'text', text: turn.text });
    for (const use of turn.toolUses ?? []) {
      blocks.push({ type: 'tool_use', id: use.id ?? `toolu_${randomBytes(12).toString('hex')}`, name: use.name, input: use.input });
    }
    return blocks;
  };

  const usageOf = (body: MessagesRequestBody, content: unknown[]) =>
    options.usage ?? { input_tokens: tokens(JSON.stringify(body.messages ?? []) + JSON.stringify(body.system ?? '')), output_tokens: tokens(JSON.stringify(content)) };

  const streamTurn = async (res: ServerResponse, body: MessagesRequestBody, turn: AnswerTurn) => {
    const content = contentOf(turn);
    const usage = usageOf(body, content);
    const stopReason = (turn.toolUses ?? []).length > 0 ? 'tool_use' : 'end_turn';
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': requestId() });
    const send = async (type: string, data: Record<string, unknown>) => {
      res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
    };
    await send('message_start', {
      message: {
        id: `msg_${randomBytes(12).toString('hex')}`,
        type: 'message',
        role: 'assistant',
        model: body.model ?? 'claude-stand-in',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // Output tokens are not known yet: the real API reports 1 here and the total in message_delta.
        usage: { input_tokens: usage.input_tokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    });
    await send('ping', {});
    for (const [index, block] of content.entries()) {
      if (block.type === 'thinking') {
        await send('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
        for (const part of pieces(String(block.thinking), 16)) await send('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: part } });
        await send('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } });
      } else if (block.type === 'text') {
        await send('content_block_start', { index, content_block: { type: 'text', text: '' } });
        for (const part of pieces(String(block.text), 8)) await send('content_block_delta', { index, delta: { type: 'text_delta', text: part } });
      } else {
        await send('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
        const json = JSON.stringify(block.input);
        for (const part of pieces(json, Math.max(1, Math.ceil(json.length / 3)))) {
          await send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: part } });
        }
      }
      await send('content_block_stop', { index });
    }
    await send('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
    await send('message_stop', {});
    res.end();
  };

  const answerTurn = (res: ServerResponse, body: MessagesRequestBody, turn: AnswerTurn) => {
    const content = contentOf(turn);
    const usage = usageOf(body, content);
    sendJson(res, 200, {
      id: `msg_${randomBytes(12).toString('hex')}`,
      type: 'message',
      role: 'assistant',
      model: body.model ?? 'claude-stand-in',
      content,
      stop_reason: (turn.toolUses ?? []).length > 0 ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: usage.input_tokens, output_tokens: usage.output_tokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if ((req.method === 'HEAD' || req.method === 'GET') && path === '/api/hello') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.method === 'GET' ? '{"message":"hello"}' : undefined);
      return;
    }
    if (req.method !== 'POST' || (path !== '/v1/messages' && path !== '/v1/messages/count_tokens')) {
      sendError(res, 404, 'not_found_error', `Not Found: ${req.method} ${path}`);
      return;
    }
    if (!authorized(req)) {
      sendError(res, 401, 'authentication_error', 'invalid x-api-key');
      return;
    }
    let body: MessagesRequestBody;
    try {
      body = JSON.parse(raw) as MessagesRequestBody;
    } catch {
      sendError(res, 400, 'invalid_request_error', 'invalid JSON body');
      return;
    }
    if (path === '/v1/messages/count_tokens') {
      sendJson(res, 200, { input_tokens: tokens(JSON.stringify(body.messages ?? []) + JSON.stringify(body.system ?? '')) });
      return;
    }
    requests.push({ method: req.method, path, headers: req.headers, body });
    const turn = nextTurn(body);
    if ('error' in turn) {
      sendError(res, turn.error.status, turn.error.type, turn.error.message);
      return;
    }
    if (body.stream) await streamTurn(res, body, turn);
    else answerTurn(res, body, turn);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, 'api_error', String(error));
        else res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** What `ANTHROPIC_BASE_URL` holds: the origin, without `/v1`. */
    url: `http://127.0.0.1:${port}`,
    /** Every Messages request, in order. */
    requests,
    /** Replaces the script; the next request gets its first turn. */
    setTurns(next: AnthropicTurns) {
      turns = next;
      answered = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type AnthropicApi = Awaited<ReturnType<typeof startAnthropicApi>>;
