import type { RunInput, RunResult } from '../runner.js';
import { type AgentProcessExit, stopMessage } from '../sandbox/agent-process.js';
import type { Outcome } from './claude-outcome.js';
import type { ResultLine } from './stream-json.js';
import { type StreamJsonTranslator, tokensOf } from './stream-json-translator.js';

export interface SettleOptions {
  /** The CLI's name in error messages (`Claude Code`, `qwen-code`). */
  cli: string;
  input: RunInput;
  exit: AgentProcessExit;
  translator: StreamJsonTranslator;
  /** The model when the CLI never named one. */
  fallbackModel: string;
  outcome: (result: ResultLine) => Outcome;
  cost: (tokens: { input: number; output: number }, result: ResultLine | null) => number;
  /** The error of a CLI that exits without a result line for a known reason (qwen-code's turn limit). */
  explainMissingResult?: (exit: AgentProcessExit) => string | null;
}

/**
 * The run's result for a stream-json CLI: from its result line when it wrote one, otherwise a
 * failure (did not start, stopped by the runner, died) with the usage seen until then. A
 * failure is also written to the task log as an `error` event, unless the CLI already said it.
 */
export function settleRun(options: SettleOptions): RunResult {
  const { input, exit, translator } = options;
  const model = translator.model ?? options.fallbackModel;
  const result = exit.stopReason ? null : translator.result;
  const fail = (error: string, retryable: boolean, tokens = translator.seenUsage()): RunResult => {
    if (!translator.reportedErrors.has(error)) input.onEvent({ type: 'error', message: error });
    return {
      success: false,
      output: '',
      error,
      retryable,
      model,
      steps: tokens.steps,
      inputTokens: tokens.input,
      outputTokens: tokens.output,
      costUsd: options.cost(tokens, result),
    };
  };

  if (exit.startError) return fail(`could not start ${options.cli}: ${exit.startError}`, false);
  if (exit.stopReason) return fail(stopMessage(exit.stopReason, input.limits), exit.stopReason === 'aborted');
  if (!result) {
    const known = options.explainMissingResult?.(exit);
    if (known) return fail(known, false);
    const detail = exit.stderrTail;
    return fail(`${options.cli} exited (${exit.exitCode ?? exit.signal ?? 'unknown'}) without a result${detail ? `: ${detail}` : ''}`, false);
  }
  const totals = tokensOf(result.usage);
  const tokens = { input: totals.input, output: totals.output, steps: result.num_turns ?? translator.seenUsage().steps };
  const outcome = options.outcome(result);
  if (!outcome.success) return fail(outcome.error ?? `${options.cli} reported a failure`, outcome.retryable, tokens);
  return {
    success: true,
    output: outcome.output,
    error: null,
    retryable: false,
    model,
    steps: tokens.steps,
    inputTokens: tokens.input,
    outputTokens: tokens.output,
    costUsd: options.cost(tokens, result),
  };
}
