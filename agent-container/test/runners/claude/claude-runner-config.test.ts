import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnthropicApi, startAnthropicApi } from '../../../../e2e/stand-ins/anthropic-api.js';
import { AgentDefinitionSchema } from '../../../src/agents/agent-definition.js';
import { claudeRunnerFromEnv } from '../../../src/runners/claude/claude-runner-config.js';
import type { RunnerEvent } from '../../../src/runners/runner.js';
import type { SharedRunnerSettings } from '../../../src/runners/sandbox/sandbox-config.js';

const agent = AgentDefinitionSchema.parse({ name: 'default', description: 'test', runner: 'claude', tools: ['read_file'], prompt: 'Answer.' });
const limits = { maxSteps: 5, timeoutMs: 30_000, maxOutputBytes: 1024 * 1024, commandTimeoutMs: 10_000, toolOutputBytes: 10_000 };

describe('claude runner configuration', () => {
  let api: AnthropicApi;
  let root: string;
  beforeAll(async () => {
    api = await startAnthropicApi({ turns: () => ({ text: 'Configured.' }), apiKey: 'vllm-key-0123456789', usage: { input_tokens: 10, output_tokens: 5 } });
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'claude-config-')));
    for (const dir of ['work', 'home', 'tmp']) await mkdir(path.join(root, dir));
  });
  afterAll(async () => {
    await api.close();
    await rm(root, { recursive: true, force: true });
  });
  const shared = (baseUrl: string): SharedRunnerSettings => ({
    modelServer: { baseUrl, apiKey: 'vllm-key-0123456789', model: 'served-model', maxRetries: 0 },
    prices: { inputPerMTok: 1, outputPerMTok: 1 },
    parentEnv: process.env,
  });

  it("talks to the model server's Messages API with its key and model when nothing else is configured", async () => {
    const { runner, apiKey } = claudeRunnerFromEnv({}, shared(`${api.url}/v1`));
    expect(apiKey).toBe('vllm-key-0123456789');
    expect(await runner.available()).toBe(true);
    const events: RunnerEvent[] = [];
    const result = await runner.run({
      prompt: 'Hello?',
      systemPrompt: 'Be brief.',
      workdir: path.join(root, 'work'),
      homeDir: path.join(root, 'home'),
      tmpDir: path.join(root, 'tmp'),
      agent,
      limits,
      onEvent: (event) => events.push(event),
    });
    expect(result).toMatchObject({ success: true, output: 'Configured.', model: 'served-model' });
    expect(api.requests.at(-1)?.body.model).toBe('served-model');
  });

  it('takes its own endpoint, key and model over the model server, and an executable path only if absolute', async () => {
    const { apiKey, runner } = claudeRunnerFromEnv(
      { CLAUDE_RUNNER_BASE_URL: 'https://api.anthropic.com', CLAUDE_RUNNER_API_KEY: 'sk-ant-own', CLAUDE_RUNNER_MODEL: 'claude-sonnet-4-5', CLAUDE_RUNNER_PATH: path.join(root, 'no-claude') },
      shared('http://127.0.0.1:8000/v1'),
    );
    expect(apiKey).toBe('sk-ant-own');
    expect(await runner.available()).toBe(false);
    expect(() => claudeRunnerFromEnv({ CLAUDE_RUNNER_PATH: 'claude' }, shared('http://127.0.0.1:8000/v1'))).toThrow('CLAUDE_RUNNER_PATH: must be an absolute path');
    expect(() => claudeRunnerFromEnv({ CLAUDE_RUNNER_BASE_URL: 'not a url' }, shared('http://127.0.0.1:8000/v1'))).toThrow(/CLAUDE_RUNNER_BASE_URL/);
  });
});
