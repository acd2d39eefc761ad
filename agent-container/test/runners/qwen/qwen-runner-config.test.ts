import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer } from '../../../../e2e/stand-ins/model-server.js';
import { AgentDefinitionSchema } from '../../../src/agents/agent-definition.js';
import { qwenRunnerFromEnv } from '../../../src/runners/qwen/qwen-runner-config.js';
import type { SharedRunnerSettings } from '../../../src/runners/sandbox/sandbox-config.js';

const agent = AgentDefinitionSchema.parse({ name: 'default', description: 'test', runner: 'qwen', tools: ['read_file'], prompt: 'Answer.' });
const limits = { maxSteps: 5, timeoutMs: 60_000, maxOutputBytes: 1024 * 1024, commandTimeoutMs: 10_000, toolOutputBytes: 10_000 };

describe('qwen runner configuration', { timeout: 90_000 }, () => {
  let model: ModelServer;
  let root: string;
  beforeAll(async () => {
    model = await startModelServer({ turns: () => ({ content: 'Configured.' }), model: 'served-model', usage: { prompt_tokens: 10, completion_tokens: 5 } });
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'qwen-config-')));
    for (const dir of ['work', 'home', 'tmp']) await mkdir(path.join(root, dir));
  });
  afterAll(async () => {
    await model.close();
    await rm(root, { recursive: true, force: true });
  });
  const shared = (baseUrl: string): SharedRunnerSettings => ({
    modelServer: { baseUrl, apiKey: 'vllm-key-0123456789', model: 'served-model', maxRetries: 0 },
    prices: { inputPerMTok: 1, outputPerMTok: 1 },
    parentEnv: process.env,
  });

  it('talks to the model server with its key and model when nothing else is configured', async () => {
    const { runner, apiKey } = qwenRunnerFromEnv({}, shared(model.baseUrl));
    expect(apiKey).toBe('vllm-key-0123456789');
    expect(await runner.available()).toBe(true);
    const result = await runner.run({
      prompt: 'Hello?',
      systemPrompt: 'Be brief.',
      workdir: path.join(root, 'work'),
      homeDir: path.join(root, 'home'),
      tmpDir: path.join(root, 'tmp'),
      agent,
      limits,
      onEvent: () => undefined,
    });
    expect(result).toMatchObject({ success: true, output: 'Configured.', model: 'served-model' });
    // At the configured prices ($1 / $1 per MTok) for every token qwen-code reported.
    expect(result.inputTokens).toBeGreaterThanOrEqual(10);
    expect(result.costUsd).toBeCloseTo((result.inputTokens + result.outputTokens) / 1_000_000, 12);
    expect(model.requests.at(-1)?.headers.authorization).toBe('Bearer vllm-key-0123456789');
  });

  it('takes its own endpoint, key and executable over the model server, an executable path only if absolute', async () => {
    const { apiKey, runner } = qwenRunnerFromEnv({ QWEN_RUNNER_API_KEY: 'own-key-0123456789', QWEN_RUNNER_PATH: path.join(root, 'no-qwen') }, shared(model.baseUrl));
    expect(apiKey).toBe('own-key-0123456789');
    expect(await runner.available()).toBe(false);
    expect(() => qwenRunnerFromEnv({ QWEN_RUNNER_PATH: 'qwen' }, shared(model.baseUrl))).toThrow('QWEN_RUNNER_PATH: must be an absolute path');
  });
});
