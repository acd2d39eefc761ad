import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer } from '../../../e2e/stand-ins/model-server.js';

interface Chunk {
  object: string;
  model: string;
  choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

/** The stand-in speaks OpenAI's (and vLLM's) chat-completions wire format, checked on the wire and through the SDK. */
describe('model server stand-in', () => {
  let model: ModelServer;
  beforeAll(async () => {
    model = await startModelServer({ turns: [], model: 'Qwen/Qwen2.5-Coder-7B-Instruct' });
  });
  afterAll(async () => {
    await model.close();
  });

  it('streams SSE chunks: role first, reasoning, tool-call fragments, finish reason, usage with empty choices, [DONE]', async () => {
    model.setTurns([{ reasoning: 'Thinking about the files.', toolCalls: [{ name: 'read_file', arguments: { path: 'README.md' }, id: 'call_1' }] }]);
    const response = await fetch(`${model.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: model.model, messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.every((event) => event.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice('data: '.length)) as Chunk);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === model.model)).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join('');
    expect(reasoning).toBe('Thinking about the files.');
    const fragments = chunks.flatMap((chunk) => (chunk.choices[0]?.delta.tool_calls as Array<Record<string, unknown>> | undefined) ?? []);
    expect(fragments[0]).toEqual({ index: 0, id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '' } });
    expect(fragments.length).toBeGreaterThan(2);
    expect(fragments.slice(1).every((fragment) => fragment.index === 0 && !('id' in fragment))).toBe(true);
    expect(fragments.map((fragment) => (fragment.function as { arguments: string }).arguments).join('')).toBe('{"path":"README.md"}');
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finish?.choices[0]).toMatchObject({ finish_reason: 'tool_calls', delta: {} });
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('answers without stream as one chat.completion the openai SDK reads, and lists its model', async () => {
    model.setTurns([{ content: 'Hello!' }, { toolCalls: [{ name: 'list_files', arguments: {} }] }]);
    const client = new OpenAI({ apiKey: 'EMPTY', baseURL: model.baseUrl, maxRetries: 0 });
    const models = await client.models.list();
    expect(models.data.map((entry) => entry.id)).toEqual(['Qwen/Qwen2.5-Coder-7B-Instruct']);
    const text = await client.chat.completions.create({ model: model.model, messages: [{ role: 'user', content: 'hi' }] });
    expect(text.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: 'Hello!' } });
    expect(text.usage?.total_tokens).toBeGreaterThan(0);
    const tool = await client.chat.completions.create({ model: model.model, messages: [{ role: 'user', content: 'list' }] });
    expect(tool.choices[0]?.finish_reason).toBe('tool_calls');
    expect(tool.choices[0]?.message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'list_files', arguments: '{}' } });
    expect(model.requests.at(-1)?.body.messages).toEqual([{ role: 'user', content: 'list' }]);
  });

  it("answers a scripted error with vLLM's error body, which the SDK raises", async () => {
    model.setTurns(() => ({ error: { status: 503, message: 'engine is restarting' } }));
    const client = new OpenAI({ apiKey: 'EMPTY', baseURL: model.baseUrl, maxRetries: 0 });
    await expect(client.chat.completions.create({ model: model.model, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 503,
      message: expect.stringContaining('engine is restarting'),
    });
  });

  it('streams reasoning in the newer `reasoning` field when asked to', async () => {
    const newer = await startModelServer({ turns: [{ reasoning: 'hmm', content: 'ok' }], reasoningField: 'reasoning' });
    try {
      const client = new OpenAI({ apiKey: 'EMPTY', baseURL: newer.baseUrl, maxRetries: 0 });
      const stream = await client.chat.completions.create({ model: newer.model, messages: [{ role: 'user', content: 'hi' }], stream: true });
      const deltas: Array<Record<string, unknown>> = [];
      for await (const chunk of stream) for (const choice of chunk.choices) deltas.push(choice.delta as Record<string, unknown>);
      expect(deltas.map((delta) => delta.reasoning ?? '').join('')).toBe('hmm');
      expect(deltas.some((delta) => 'reasoning_content' in delta)).toBe(false);
    } finally {
      await newer.close();
    }
  });
});
