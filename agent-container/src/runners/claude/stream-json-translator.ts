import { capText } from '../../cli/tools/capped-output.js';
import type { RunnerEvent } from '../runner.js';
import {
  type ResultLine,
  STREAM_LINE_TYPES,
  type StreamLine,
  StreamLineSchema,
  type StreamUsage,
  TextBlockSchema,
  ThinkingBlockSchema,
  ToolResultBlockSchema,
  ToolUseBlockSchema,
} from './stream-json.js';

export interface TranslatorOptions {
  /** Bytes of one tool result kept in its event (head and tail). */
  toolOutputBytes: number;
  /**
   * Text that is an API error rather than the model's (qwen-code writes `[API Error: ...]` as an
   * ordinary assistant text; Claude Code flags its error message, and needs no pattern).
   */
  apiErrorText?: RegExp;
  now?: () => number;
}

/** All tokens a turn processed: the prompt (cached or not) and the answer. */
export function tokensOf(usage: StreamUsage | null | undefined): { input: number; output: number } {
  if (!usage) return { input: 0, output: 0 };
  const input = usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
  return { input, output: usage.output_tokens };
}

/**
 * Turns stream-json lines into runner events: thinking and text blocks of assistant messages
 * become `thinking` and `message`, `tool_use` blocks `tool_call`, the `tool_result` blocks of
 * the user message that follows `tool_result` (with the tool's name and how long it took), an API
 * error message `error`, and the result line one `usage` with the run's totals. It remembers the
 * model, the result line, and the usage seen so far (for a run that is stopped before its result).
 */
export class StreamJsonTranslator {
  model: string | null = null;
  result: ResultLine | null = null;
  /** Error messages already turned into `error` events, so a failure is not logged twice. */
  readonly reportedErrors = new Set<string>();
  private readonly tools = new Map<string, { name: string; startedAt: number }>();
  /** Usage by assistant message id: a message is written once per content block, usage repeated. */
  private readonly usageByMessage = new Map<string, StreamUsage>();
  private readonly now: () => number;

  constructor(private readonly options: TranslatorOptions) {
    this.now = options.now ?? Date.now;
  }

  translate(raw: string): RunnerEvent[] {
    const events = this.eventsOfLine(raw);
    for (const event of events) if (event.type === 'error') this.reportedErrors.add(event.message);
    return events;
  }

  private eventsOfLine(raw: string): RunnerEvent[] {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return [{ type: 'error', message: `unreadable line from the agent CLI: ${raw.slice(0, 200)}` }];
    }
    const type = typeof json === 'object' && json !== null && 'type' in json ? String(json.type) : '';
    // Other line types (stream_event, progress, hook events) carry nothing the task log needs.
    if (!STREAM_LINE_TYPES.has(type)) return [];
    const parsed = StreamLineSchema.safeParse(json);
    if (!parsed.success) return [{ type: 'error', message: `unexpected ${type} line from the agent CLI: ${raw.slice(0, 200)}` }];
    return this.eventsOf(parsed.data);
  }

  /** Tokens and turns seen in assistant messages so far. */
  seenUsage(): { input: number; output: number; steps: number } {
    let input = 0;
    let output = 0;
    for (const usage of this.usageByMessage.values()) {
      const tokens = tokensOf(usage);
      input += tokens.input;
      output += tokens.output;
    }
    return { input, output, steps: this.usageByMessage.size };
  }

  private eventsOf(line: StreamLine): RunnerEvent[] {
    switch (line.type) {
      case 'system':
        if (line.subtype === 'init' && line.model) this.model = line.model;
        return [];
      case 'assistant':
        return this.assistantEvents(line);
      case 'user':
        return this.toolResults(line.message.content);
      case 'result': {
        this.result = line;
        const totals = tokensOf(line.usage);
        return [{ type: 'usage', inputTokens: totals.input, outputTokens: totals.output }];
      }
    }
  }

  private assistantEvents(line: Extract<StreamLine, { type: 'assistant' }>): RunnerEvent[] {
    const { message } = line;
    if (message.id && message.usage) this.usageByMessage.set(message.id, message.usage);
    if (message.model && message.model !== '<synthetic>') this.model ??= message.model;
    const apiError = line.is_api_error_message === true || line.error !== undefined;
    const events: RunnerEvent[] = [];
    for (const block of message.content) {
      const text = TextBlockSchema.safeParse(block);
      if (text.success) {
        const content = text.data.text;
        if (content.trim() === '') continue;
        const isError = apiError || (this.options.apiErrorText?.test(content) ?? false);
        events.push(isError ? { type: 'error', message: content } : { type: 'message', content });
        continue;
      }
      const thinking = ThinkingBlockSchema.safeParse(block);
      if (thinking.success) {
        if (thinking.data.thinking.trim() !== '') events.push({ type: 'thinking', content: thinking.data.thinking });
        continue;
      }
      const use = ToolUseBlockSchema.safeParse(block);
      if (use.success) {
        this.tools.set(use.data.id, { name: use.data.name, startedAt: this.now() });
        events.push({ type: 'tool_call', id: use.data.id, name: use.data.name, input: use.data.input });
      }
    }
    return events;
  }

  private toolResults(content: string | Array<{ type: string }>): RunnerEvent[] {
    if (typeof content === 'string') return [];
    const events: RunnerEvent[] = [];
    for (const block of content) {
      const parsed = ToolResultBlockSchema.safeParse(block);
      if (!parsed.success) continue;
      const { tool_use_id: id, content: output, is_error: isError } = parsed.data;
      const call = this.tools.get(id);
      this.tools.delete(id);
      const text =
        typeof output === 'string' ? output : (output ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : `[${part.type}]`)).join('\n');
      events.push({
        type: 'tool_result',
        id,
        name: call?.name ?? 'unknown',
        output: capText(text, this.options.toolOutputBytes),
        isError: isError ?? false,
        durationMs: call ? Math.max(0, this.now() - call.startedAt) : 0,
      });
    }
    return events;
  }
}
