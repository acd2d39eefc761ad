import type { RunnerEvent } from '../runners/runner.js';
import type { AgentOutputFields } from '../task-log/task-log.js';

/** The 04-agent-output.jsonl record of a runner event. */
export function agentOutputRecord(event: RunnerEvent): AgentOutputFields {
  switch (event.type) {
    case 'thinking':
    case 'message':
      return { type: event.type, content: event.content };
    case 'tool_call':
      return { type: 'tool_call', tool: event.name, tool_call_id: event.id, input: event.input };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool: event.name,
        tool_call_id: event.id,
        content: event.output,
        details: { is_error: event.isError, duration_ms: event.durationMs },
      };
    case 'usage':
      return { type: 'usage', details: { input_tokens: event.inputTokens, output_tokens: event.outputTokens } };
    case 'error':
      return { type: 'error', content: event.message };
  }
}
