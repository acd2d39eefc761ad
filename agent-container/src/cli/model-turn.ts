import type OpenAI from 'openai';
import type { ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { StreamChunkSchema } from './stream-chunk.js';

export interface ToolCallRequest {
  id: string;
  name: string;
  arguments: string;
}

export interface TurnResult {
  content: string;
  toolCalls: ToolCallRequest[];
  finishReason: string | null;
  inputTokens: number;
  outputTokens: number;
}

export class MalformedStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedStreamError';
  }
}

/** Reasoning is forwarded in pieces of about this size rather than token by token. */
const THINKING_FLUSH_CHARS = 400;

/**
 * Streams one model turn. Reasoning deltas go to `onThinking` as they arrive (coalesced);
 * content and tool-call fragments are assembled (a call's id and name come in its first
 * fragment, its arguments over several) and returned once the stream ends.
 */
export async function streamModelTurn(
  client: OpenAI,
  request: { model: string; messages: ChatCompletionMessageParam[]; tools: ChatCompletionFunctionTool[] },
  onThinking: (text: string) => void,
  signal: AbortSignal,
): Promise<TurnResult> {
  const stream = await client.chat.completions.create(
    {
      model: request.model,
      messages: request.messages,
      ...(request.tools.length > 0 ? { tools: request.tools } : {}),
      stream: true,
      stream_options: { include_usage: true },
    },
    { signal },
  );
  let content = '';
  let thinking = '';
  let finishReason: string | null = null;
  let usage = { prompt_tokens: 0, completion_tokens: 0 };
  const calls = new Map<number, ToolCallRequest>();
  const flushThinking = () => {
    if (thinking) onThinking(thinking);
    thinking = '';
  };

  for await (const raw of stream) {
    const chunk = StreamChunkSchema.safeParse(raw);
    if (!chunk.success) throw new MalformedStreamError(`the model server sent a malformed chunk: ${chunk.error.message}`);
    if (chunk.data.usage) usage = chunk.data.usage;
    for (const choice of chunk.data.choices ?? []) {
      if (choice.index !== 0) continue;
      const delta = choice.delta;
      const reasoning = delta?.reasoning_content ?? delta?.reasoning;
      if (reasoning) {
        thinking += reasoning;
        if (thinking.length >= THINKING_FLUSH_CHARS) flushThinking();
      }
      if (delta?.content) {
        flushThinking();
        content += delta.content;
      }
      for (const fragment of delta?.tool_calls ?? []) {
        flushThinking();
        const call = calls.get(fragment.index) ?? { id: '', name: '', arguments: '' };
        if (fragment.id) call.id = fragment.id;
        // The name arrives whole in a call's first fragment; some servers repeat it later.
        if (fragment.function?.name && !call.name) call.name = fragment.function.name;
        if (fragment.function?.arguments) call.arguments += fragment.function.arguments;
        calls.set(fragment.index, call);
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  flushThinking();

  const toolCalls = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
  for (const call of toolCalls) {
    if (!call.name) throw new MalformedStreamError('the model server sent a tool call without a function name');
  }
  return { content, toolCalls, finishReason, inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens };
}
