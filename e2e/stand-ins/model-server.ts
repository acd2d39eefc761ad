import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One tool call the scripted model makes; `arguments` is sent as JSON text (a string as is). */
export interface ScriptedToolCall {
  name: string;
  arguments: unknown;
  id?: string;
}

/**
 * What the scripted model answers to one chat-completion request: tool calls (with optional
 * text beside them), or a final text; either with optional reasoning. Or an HTTP error.
 */
export type ModelTurn =
  | { toolCalls?: ScriptedToolCall[]; content?: string; reasoning?: string }
  | { error: { status: number; message: string } };
type AnswerTurn = Exclude<ModelTurn, { error: unknown }>;

export interface ChatRequestBody {
  model?: string;
  messages?: Array<{ role: string; content?: unknown; tool_calls?: unknown; tool_call_id?: string }>;
  tools?: unknown[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}

/** A list of turns answered in order, or a function of the request (and its 0-based index). */
export type ModelTurns = ModelTurn[] | ((request: ChatRequestBody, index: number) => ModelTurn);

/** A chat-completion request as the stand-in received it. */
export interface RecordedModelRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatRequestBody;
}

export interface ModelServerOptions {
  turns: ModelTurns;
  /** Tokens reported for every turn; by default estimated from the request and the answer. */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** The served model name, listed by `GET /v1/models`. */
  model?: string;
  /** vLLM's reasoning field: `reasoning_content` (vLLM <= 0.10) or `reasoning` (newer). */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** Pause between SSE chunks, to make a stream take time. */
  chunkDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Splits text into small pieces, as a model streams tokens. */
function pieces(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += size) parts.push(text.slice(at, at + size));
  return parts;
}

/** Rough token count (4 characters a token), stable for a given input. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function argumentsText(call: ScriptedToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
}

/**
 * A local stand-in for an OpenAI-compatible model server (vLLM's `/v1` API). `POST
 * /v1/chat/completions` answers from a script, streaming `chat.completion.chunk` SSE events the
 * way OpenAI and vLLM do (role chunk, reasoning and content deltas, tool calls whose id and name
 * come in the first fragment and arguments over several, a finish chunk, a usage-only chunk with
 * empty `choices` when `stream_options.include_usage` is set, then `data: [DONE]`), or one JSON
 * `chat.completion` when `stream` is false. `GET /v1/models` lists the model. Every request is
 * recorded.
 */
export async function startModelServer(options: ModelServerOptions) {
  const model = options.model ?? 'stand-in/coder-7b';
  const reasoningField = options.reasoningField ?? 'reasoning_content';
  const requests: RecordedModelRequest[] = [];
  let turns = options.turns;
  let completions = 0;

  const nextTurn = (body: ChatRequestBody): ModelTurn => {
    const index = completions++;
    if (typeof turns === 'function') return turns(body, index);
    return turns[index] ?? { error: { status: 500, message: `model stand-in: the script has no turn ${index + 1}` } };
  };

  const usageOf = (body: ChatRequestBody, produced: string) =>
    options.usage ?? { prompt_tokens: tokens(JSON.stringify(body.messages ?? [])), completion_tokens: tokens(produced) };

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const streamTurn = async (res: ServerResponse, body: ChatRequestBody, turn: AnswerTurn) => {
    const id = `chatcmpl-${randomBytes(12).toString('hex')}`;
    const created = Math.floor(Date.now() / 1000);
    const includeUsage = body.stream_options?.include_usage === true;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = async (choices: unknown[], usage?: unknown) => {
      const chunk: Record<string, unknown> = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices };
      // OpenAI sends `usage: null` on every chunk but the last when usage is requested.
      if (includeUsage) chunk.usage = usage ?? null;
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
    };
    const delta = (fields: Record<string, unknown>, finish: string | null = null) => [
      { index: 0, delta: fields, logprobs: null, finish_reason: finish },
    ];

    await send(delta({ role: 'assistant', content: '' }));
    let produced = '';
    if (turn.reasoning) {
      for (const part of pieces(turn.reasoning, 12)) await send(delta({ [reasoningField]: part }));
      produced += turn.reasoning;
    }
    const content = turn.content ?? '';
    for (const part of pieces(content, 8)) await send(delta({ content: part }));
    produced += content;
    const toolCalls = turn.toolCalls ?? [];
    for (const [index, call] of toolCalls.entries()) {
      const callId = call.id ?? `chatcmpl-tool-${randomBytes(8).toString('hex')}`;
      await send(delta({ tool_calls: [{ index, id: callId, type: 'function', function: { name: call.name, arguments: '' } }] }));
      const args = argumentsText(call);
      for (const part of pieces(args, Math.max(1, Math.ceil(args.length / 3)))) {
        await send(delta({ tool_calls: [{ index, function: { arguments: part } }] }));
      }
      produced += call.name + args;
    }
    await send(delta({}, toolCalls.length > 0 ? 'tool_calls' : 'stop'));
    if (includeUsage) {
      const { prompt_tokens, completion_tokens } = usageOf(body, produced);
      await send([], { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens });
    }
    res.write('data: [DONE]\n\n');
    res.end();
  };

  const answerTurn = (res: ServerResponse, body: ChatRequestBody, turn: AnswerTurn) => {
    const toolCalls = turn.toolCalls ?? [];
    const content = turn.content ?? null;
    const message: Record<string, unknown> = { role: 'assistant', content, [reasoningField]: turn.reasoning ?? null };
    if (toolCalls.length > 0) {
      message.tool_calls = toolCalls.map((call) => ({
        id: call.id ?? `chatcmpl-tool-${randomBytes(8).toString('hex')}`,
        type: 'function',
        function: { name: call.name, arguments: argumentsText(call) },
      }));
    }
    const { prompt_tokens, completion_tokens } = usageOf(body, `${turn.reasoning ?? ''}${content ?? ''}${JSON.stringify(message.tool_calls ?? '')}`);
    sendJson(res, 200, {
      id: `chatcmpl-${randomBytes(12).toString('hex')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop' }],
      usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, {
        object: 'list',
        data: [{ id: model, object: 'model', created: Math.floor(Date.now() / 1000), owned_by: 'vllm', root: model, parent: null }],
      });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      sendJson(res, 404, { object: 'error', message: `Not Found: ${req.method} ${path}`, type: 'NotFoundError', code: 404 });
      return;
    }
    let body: ChatRequestBody;
    try {
      body = JSON.parse(raw) as ChatRequestBody;
    } catch {
      sendJson(res, 400, { object: 'error', message: 'invalid JSON body', type: 'BadRequestError', code: 400 });
      return;
    }
    requests.push({ method: req.method, path, headers: req.headers, body });
    const turn = nextTurn(body);
    if ('error' in turn) {
      // vLLM's error body: { object: 'error', message, type, code }.
      sendJson(res, turn.error.status, { object: 'error', message: turn.error.message, type: 'InternalServerError', code: turn.error.status });
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
        if (!res.headersSent) sendJson(res, 500, { object: 'error', message: String(error), type: 'InternalServerError', code: 500 });
        else res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The server's origin; the OpenAI base URL (what VLLM_BASE_URL holds) is `baseUrl`. */
    url: `http://127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    model,
    /** Every chat-completion request, in order. */
    requests,
    /** Replaces the script; the next request gets its first turn. */
    setTurns(next: ModelTurns) {
      turns = next;
      completions = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type ModelServer = Awaited<ReturnType<typeof startModelServer>>;
