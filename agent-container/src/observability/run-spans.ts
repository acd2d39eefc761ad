import { type Context, type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { RunnerEvent } from '../runners/runner.js';

export interface RunSpansOptions {
  /** The span the run's spans hang off (the attempt's CONSUMER span). */
  parent: Context;
  /** The runner (`vllm`, `claude`, `qwen`): `gen_ai.provider.name` of the model turns. */
  runner: string;
  /** The model a turn names when its event does not say. */
  model: string;
  now?: () => number;
}

/**
 * The spans of one agent run, made from the runner's events as they arrive: the CLI runs in a
 * sandbox without our environment and knows nothing of the trace (observability.md, step 4).
 * A model turn (`chat <model>`, GenAI semantic conventions) ends at its `usage` event and starts
 * `durationMs` before it when the CLI reports that, else where the previous turn's tools ended
 * (the run's start for the first turn). A tool call (`execute_tool <name>`) runs from its
 * `tool_call` event to its `tool_result`.
 */
export class RunSpans {
  private readonly now: () => number;
  private turnStart: number;
  private model: string;
  private readonly tools = new Map<string, Span>();

  constructor(
    private readonly tracer: Tracer,
    private readonly options: RunSpansOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.turnStart = this.now();
    this.model = options.model;
  }

  onEvent(event: RunnerEvent): void {
    const now = this.now();
    switch (event.type) {
      case 'usage': {
        if (event.model) this.model = event.model;
        const startTime = event.durationMs !== undefined ? Math.min(now, Math.max(this.turnStart, now - event.durationMs)) : this.turnStart;
        const span = this.tracer.startSpan(
          `chat ${this.model}`,
          {
            kind: SpanKind.CLIENT,
            startTime,
            attributes: {
              'gen_ai.operation.name': 'chat',
              'gen_ai.provider.name': this.options.runner,
              'gen_ai.request.model': this.model,
              'gen_ai.usage.input_tokens': event.inputTokens,
              'gen_ai.usage.output_tokens': event.outputTokens,
              ...(event.finishReason ? { 'gen_ai.response.finish_reasons': [event.finishReason] } : {}),
            },
          },
          this.options.parent,
        );
        span.end(now);
        this.turnStart = now;
        return;
      }
      case 'tool_call': {
        const span = this.tracer.startSpan(
          `execute_tool ${event.name}`,
          { kind: SpanKind.INTERNAL, startTime: now, attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': event.name, 'gen_ai.tool.call.id': event.id } },
          this.options.parent,
        );
        this.tools.get(event.id)?.end(now);
        this.tools.set(event.id, span);
        return;
      }
      case 'tool_result': {
        const span = this.tools.get(event.id);
        this.tools.delete(event.id);
        if (span) {
          if (event.isError) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end(now);
        }
        this.turnStart = now;
        return;
      }
      default:
        return;
    }
  }

  /** Ends the tool calls the run left open (it was stopped in the middle of one). */
  finish(): void {
    const now = this.now();
    for (const span of this.tools.values()) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'the run ended before the tool call returned' });
      span.end(now);
    }
    this.tools.clear();
  }
}
