import path from 'node:path';
import { z } from 'zod';
import { parseRunnerEnv, type SharedRunnerSettings } from '../sandbox/sandbox-config.js';
import { installedQwenEntry } from './qwen-command.js';
import { QwenRunner } from './qwen-runner.js';

export const QwenRunnerEnvSchema = z.object({
  /** Absolute path of a `qwen` executable; unset means this node running the installed @qwen-code/qwen-code. */
  QWEN_RUNNER_PATH: z.string().refine((value) => path.isAbsolute(value), 'must be an absolute path').optional(),
  /** OpenAI-compatible base URL, `/v1` included; unset means VLLM_BASE_URL. */
  QWEN_RUNNER_BASE_URL: z.url().optional(),
  /** Unset means VLLM_API_KEY. qwen-code reads it from its environment, where the agent's commands can see it. */
  QWEN_RUNNER_API_KEY: z.string().min(1).optional(),
  /** Model name; unset means VLLM_MODEL. An agent definition's `model` wins over both. */
  QWEN_RUNNER_MODEL: z.string().min(1).optional(),
});

/** The `qwen` runner as configured by `env`, with its key (for redaction). */
export function qwenRunnerFromEnv(env: Record<string, string | undefined>, shared: SharedRunnerSettings): { runner: QwenRunner; apiKey?: string } {
  const parsed = parseRunnerEnv(QwenRunnerEnvSchema, env);
  const entry = installedQwenEntry();
  const command = parsed.QWEN_RUNNER_PATH ? { file: parsed.QWEN_RUNNER_PATH, args: [] } : entry ? { file: process.execPath, args: [entry] } : null;
  const apiKey = parsed.QWEN_RUNNER_API_KEY ?? shared.modelServer.apiKey;
  const runner = new QwenRunner({
    command,
    baseUrl: parsed.QWEN_RUNNER_BASE_URL ?? shared.modelServer.baseUrl,
    apiKey,
    model: parsed.QWEN_RUNNER_MODEL ?? shared.modelServer.model,
    maxRetries: shared.modelServer.maxRetries,
    prices: shared.prices,
    parentEnv: shared.parentEnv,
    runAs: shared.runAs,
  });
  return { runner, apiKey };
}
