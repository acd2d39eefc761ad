import { mkdir, mkdtemp, readFile, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer } from '../../../e2e/stand-ins/model-server.js';
import type { AgentDefinition } from '../../src/agents/agent-definition.js';
import type { RunInput, RunLimits, RunnerEvent } from '../../src/runners/runner.js';
import { VllmRunner } from '../../src/runners/vllm/vllm-runner.js';
import { builtCliPath } from '../support/built-cli.js';
import { isAlive, waitUntilGone } from '../support/process-alive.js';

const agent: AgentDefinition = {
  name: 'default',
  description: 'test agent',
  runner: 'vllm',
  tools: ['list_files', 'read_file', 'run_command'],
  commands: [],
  prompt: 'You are a test agent.',
};
const limits: RunLimits = { maxSteps: 10, timeoutMs: 30_000, maxOutputBytes: 1024 * 1024, commandTimeoutMs: 60_000, toolOutputBytes: 64 * 1024 };

const PLANTED = {
  GITHUB_TOKEN: 'ghp_planted0123456789abcdefghijklmnopqr',
  SERVICE_TOKEN: 'planted-service-token-0123456789',
  DATABASE_URL: 'postgres://planted:planted-password@127.0.0.1:5432/planted',
  REDIS_URL: 'redis://:planted-redis-password@127.0.0.1:6379',
  VLLM_API_KEY: 'sk-planted-in-env',
};

describe('vllm runner', () => {
  let cliPath: string;
  let model: ModelServer;
  let root: string;
  let dirs: { workdir: string; homeDir: string; tmpDir: string };
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    cliPath = await builtCliPath();
    model = await startModelServer({ turns: [], usage: { prompt_tokens: 1000, completion_tokens: 200 } });
    for (const [name, value] of Object.entries(PLANTED)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await model.close();
  });
  beforeEach(async () => {
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'vllm-runner-')));
    dirs = { workdir: path.join(root, 'work'), homeDir: path.join(root, 'home'), tmpDir: path.join(root, 'tmp') };
    await Promise.all(Object.values(dirs).map((dir) => mkdir(dir)));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const runner = (overrides: Partial<ConstructorParameters<typeof VllmRunner>[0]> = {}) =>
    new VllmRunner({
      cliPath,
      baseUrl: model.baseUrl,
      model: 'stand-in-model',
      apiKey: 'sk-model-key-from-stdin',
      maxRetries: 0,
      prices: { inputPerMTok: 3, outputPerMTok: 15 },
      parentEnv: process.env,
      killGraceMs: 500,
      ...overrides,
    });
  const run = async (subject: VllmRunner, overrides: Partial<RunInput> = {}) => {
    const events: RunnerEvent[] = [];
    const result = await subject.run({
      prompt: 'Show me the environment.',
      systemPrompt: 'system',
      ...dirs,
      agent,
      limits,
      onEvent: (event) => events.push(event),
      ...overrides,
    });
    return { result, events };
  };

  it('gives the agent only an allowlisted environment: no tokens, database or Redis URLs, or model key', async () => {
    model.setTurns([{ toolCalls: [{ name: 'run_command', arguments: { command: 'env' } }] }, { content: 'Here is the environment.' }]);
    const { result, events } = await run(runner());
    expect(result).toEqual({
      success: true,
      output: 'Here is the environment.',
      error: null,
      retryable: false,
      model: 'stand-in-model',
      steps: 2,
      inputTokens: 2000,
      outputTokens: 400,
      costUsd: (2000 * 3 + 400 * 15) / 1_000_000,
    });
    const envOutput = events.find((event) => event.type === 'tool_result');
    expect(envOutput?.type === 'tool_result' && envOutput.output).toBeTruthy();
    const printed = envOutput?.type === 'tool_result' ? envOutput.output : '';
    const names = printed
      .split('\n')
      .slice(1)
      .filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));
    expect(printed).toContain(`HOME=${dirs.homeDir}`);
    expect(printed).toContain(`TMPDIR=${dirs.tmpDir}`);
    for (const name of names) expect(['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'PWD', 'SHLVL', '_', 'OLDPWD']).toContain(name);
    for (const secret of [...Object.values(PLANTED), 'sk-model-key-from-stdin']) expect(printed).not.toContain(secret);
    // The model key reached the model server all the same, through stdin.
    expect(model.requests.at(-1)?.headers.authorization).toBe('Bearer sk-model-key-from-stdin');
    // What the model saw of the environment is what the tool printed.
    expect(JSON.stringify(model.requests.at(-1)?.body.messages)).not.toContain(PLANTED.GITHUB_TOKEN);
  });

  it('runs the CLI with the compile cache its warm-up filled, and keeps the variable from the commands', async () => {
    const cacheDir = path.join(root, 'compile-cache');
    const subject = runner({ compileCacheDir: cacheDir });
    await subject.warmUp();
    const cached = await readdir(cacheDir, { recursive: true });
    expect(cached.length).toBeGreaterThan(10);
    model.setTurns([{ toolCalls: [{ name: 'run_command', arguments: { command: 'env' } }] }, { content: 'Done.' }]);
    const { result, events } = await run(subject);
    expect(result.success).toBe(true);
    const printed = events.find((event) => event.type === 'tool_result');
    expect(printed?.type === 'tool_result' && printed.output).toContain(`HOME=${dirs.homeDir}`);
    expect(printed?.type === 'tool_result' && printed.output).not.toContain('NODE_COMPILE_CACHE');
  });

  it("kills the agent's whole process tree, grandchildren included, at the wall-time limit", async () => {
    const pidsFile = path.join(dirs.workdir, 'pids');
    model.setTurns([
      {
        toolCalls: [
          {
            name: 'run_command',
            arguments: { command: `echo $$ >> pids; sleep 300 & echo $! >> pids; sh -c 'echo $$ >> pids; sleep 301 & echo $! >> pids; wait' & wait` },
          },
        ],
      },
      { content: 'never reached' },
    ]);
    const started = Date.now();
    const { result, events } = await run(runner(), { limits: { ...limits, timeoutMs: 2500 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ success: false, retryable: false, error: expect.stringContaining('ran out of time') });
    expect(events.at(-1)).toEqual({ type: 'error', message: result.error });
    const pids = (await readFile(pidsFile, 'utf8')).trim().split('\n').map(Number);
    expect(pids).toHaveLength(4);
    expect(await waitUntilGone(pids, 10_000)).toEqual([]);
  });

  it('stops when aborted, as a run worth retrying', async () => {
    model.setTurns([{ toolCalls: [{ name: 'run_command', arguments: { command: 'echo $$ > pid; sleep 300' } }] }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const { result } = await run(runner(), { signal: controller.signal });
    expect(result).toMatchObject({ success: false, retryable: true, error: 'the run was stopped before it finished' });
    const pid = Number((await readFile(path.join(dirs.workdir, 'pid'), 'utf8')).trim());
    expect(await waitUntilGone([pid], 10_000)).toEqual([]);
  });

  it('stops an agent that prints more than the output cap', async () => {
    model.setTurns([{ toolCalls: [{ name: 'run_command', arguments: { command: "head -c 50000 /dev/zero | tr '\\0' x" } }] }, { content: 'done' }]);
    const { result } = await run(runner(), { limits: { ...limits, maxOutputBytes: 4000 } });
    expect(result).toMatchObject({ success: false, retryable: false, error: expect.stringContaining('more than 4000 bytes') });
  });

  it('marks an unreachable or failing model server as retryable, and a refusal as not', async () => {
    model.setTurns(() => ({ error: { status: 500, message: 'CUDA out of memory' } }));
    const failing = await run(runner());
    expect(failing.result).toMatchObject({ success: false, retryable: true, error: expect.stringContaining('HTTP 500') });

    model.setTurns(() => ({ error: { status: 404, message: 'The model `nope` does not exist.' } }));
    const refused = await run(runner());
    expect(refused.result).toMatchObject({ success: false, retryable: false, error: expect.stringContaining('does not exist') });
  });

  it('reports a CLI that is missing as unavailable', async () => {
    expect(await runner().available()).toBe(true);
    expect(await runner({ cliPath: path.join(root, 'missing.js') }).available()).toBe(false);
    expect(await isAlive(process.pid)).toBe(true);
  });
});
