import path from 'node:path';
import { z } from 'zod';
import { parseRunnerEnv, type SharedRunnerSettings } from '../sandbox/sandbox-config.js';
import { installedClaudeExecutable } from './claude-command.js';
import { ClaudeRunner } from './claude-runner.js';

export const ClaudeRunnerEnvSchema = z.object({
  /** Absolute path of the `claude` executable; unset means the native binary of the installed @anthropic-ai/claude-code. */
  CLAUDE_RUNNER_PATH: z.string().refine((value) => path.isAbsolute(value), 'must be an absolute path').optional(),
  /**
   * Origin of an Anthropic Messages API, without `/v1` (what Claude Code calls ANTHROPIC_BASE_URL).
   * Unset means the model server's: VLLM_BASE_URL without its `/v1`, vLLM serving `/v1/messages`.
   */
  CLAUDE_RUNNER_BASE_URL: z.url().optional(),
  /** The key Claude Code sends (it reads it from a file descriptor, never the environment); unset means VLLM_API_KEY. */
  CLAUDE_RUNNER_API_KEY: z.string().min(1).optional(),
  /** Model name; unset means VLLM_MODEL. An agent definition's `model` wins over both. */
  CLAUDE_RUNNER_MODEL: z.string().min(1).optional(),
});

/** The `claude` runner as configured by `env`, with its key (for redaction). */
export function claudeRunnerFromEnv(env: Record<string, string | undefined>, shared: SharedRunnerSettings): { runner: ClaudeRunner; apiKey?: string } {
  const parsed = parseRunnerEnv(ClaudeRunnerEnvSchema, env);
  const apiKey = parsed.CLAUDE_RUNNER_API_KEY ?? shared.modelServer.apiKey;
  const runner = new ClaudeRunner({
    executable: parsed.CLAUDE_RUNNER_PATH ?? installedClaudeExecutable(),
    baseUrl: parsed.CLAUDE_RUNNER_BASE_URL ?? shared.modelServer.baseUrl.replace(/\/v1\/?$/, ''),
    apiKey,
    model: parsed.CLAUDE_RUNNER_MODEL ?? shared.modelServer.model,
    maxRetries: shared.modelServer.maxRetries,
    prices: shared.prices,
    parentEnv: shared.parentEnv,
    runAs: shared.runAs,
  });
  return { runner, apiKey };
}
