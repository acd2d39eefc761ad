import { costAtPrices, type TokenPrices } from '../sandbox/token-prices.js';
import type { ResultLine } from './stream-json.js';

/** How a run ended, read from the CLI's result line. */
export interface Outcome {
  success: boolean;
  output: string;
  error: string | null;
  /** Whether another attempt later could succeed: the model server was unreachable or overloaded. */
  retryable: boolean;
}

/** Statuses worth retrying later, as for the vllm runner: timeout, conflict, rate limit, 5xx (529 overloaded). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Claude Code's verdict. An API error ends the run with subtype `success` but `is_error: true`,
 * the error text as `result`, and `api_error_status` (null, with `api_error`, when the endpoint
 * could not be reached at all); the `error_*` subtypes list their causes in `errors`.
 */
export function claudeOutcome(result: ResultLine, maxSteps: number): Outcome {
  if (result.subtype === 'success' && !result.is_error) return { success: true, output: result.result ?? '', error: null, retryable: false };
  const status = result.api_error_status;
  const retryable = status !== null && status !== undefined ? isRetryableStatus(status) : Boolean(result.api_error);
  const error =
    result.subtype === 'error_max_turns'
      ? `stopped after ${maxSteps} steps without a final answer`
      : result.errors?.join('; ') || result.result || `the agent CLI ended the run with ${result.subtype}`;
  return { success: false, output: '', error, retryable };
}

/**
 * The run's cost: what Claude Code computed, when it knows the price of every model it used
 * (`costBasis` is `unknown` for a model name it has no price for, such as a vLLM-served one);
 * otherwise the configured per-token prices.
 */
export function claudeCost(result: ResultLine | null, tokens: { input: number; output: number }, prices: TokenPrices): number {
  const reported = result?.total_cost_usd;
  const priced = Object.values(result?.modelUsage ?? {}).every((usage) => usage.costBasis !== 'unknown');
  return reported !== undefined && priced ? reported : costAtPrices(prices, tokens);
}
