import type { RunnerEvent } from '../runner.js';
import type { CliLine } from './cli-events.js';

/** The runner event a CLI line stands for; `task_started` and `result` are the runner's own business. */
export function toRunnerEvent(line: CliLine): RunnerEvent | null {
  switch (line.type) {
    case 'thinking':
    case 'message':
      return { type: line.type, content: line.content };
    case 'tool_call':
      return { type: 'tool_call', id: line.id, name: line.name, input: line.input };
    case 'tool_result':
      return { type: 'tool_result', id: line.id, name: line.name, output: line.output, isError: line.is_error, durationMs: line.duration_ms };
    case 'usage':
      return {
        type: 'usage',
        inputTokens: line.input_tokens,
        outputTokens: line.output_tokens,
        ...(line.finish_reason ? { finishReason: line.finish_reason } : {}),
        ...(line.duration_ms !== undefined ? { durationMs: line.duration_ms } : {}),
      };
    case 'error':
      return { type: 'error', message: line.message };
    case 'task_started':
    case 'result':
      return null;
  }
}
