import { isRetryableStatus, type Outcome } from '../claude/claude-outcome.js';
import type { ResultLine } from '../claude/stream-json.js';
import type { AgentProcessExit } from '../sandbox/agent-process.js';

/** How qwen-code writes an API error, as an assistant text and as the result's error. */
export const QWEN_API_ERROR = /^\[API Error: /;

/**
 * Whether a qwen-code API error is worth a retry later. qwen-code reports only a message:
 * `[API Error: 500 status code (no body)]`, `[API Error: Connection error. (cause: fetch failed)]`.
 */
export function isRetryableQwenError(message: string): boolean {
  const status = /API Error: (\d{3})\b/.exec(message)?.[1];
  if (status) return isRetryableStatus(Number(status));
  return /connection error|fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|timed? ?out/i.test(message);
}

/** qwen-code's verdict: an `error_during_execution` result carries its cause in `error.message`. */
export function qwenOutcome(result: ResultLine): Outcome {
  if (result.subtype === 'success' && !result.is_error) return { success: true, output: result.result ?? '', error: null, retryable: false };
  const error = result.error?.message ?? result.errors?.join('; ') ?? `qwen-code ended the run with ${result.subtype}`;
  return { success: false, output: '', error, retryable: isRetryableQwenError(error) };
}

/** qwen-code at its `--max-session-turns` writes no result line: it says so on stderr and exits. */
export function explainQwenMissingResult(maxSteps: number): (exit: AgentProcessExit) => string | null {
  return (exit) => (/max session turns/i.test(exit.stderrTail) ? `stopped after ${maxSteps} steps without a final answer` : null);
}
