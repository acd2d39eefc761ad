import { chmod, mkdir, mkdtemp, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnthropicApi, startAnthropicApi } from '../../../../e2e/stand-ins/anthropic-api.js';
import { type AgentDefinition, AgentDefinitionSchema } from '../../../src/agents/agent-definition.js';
import { installedClaudeExecutable } from '../../../src/runners/claude/claude-command.js';
import { ClaudeRunner, type ClaudeRunnerOptions } from '../../../src/runners/claude/claude-runner.js';
import type { RunInput, RunLimits, RunnerEvent } from '../../../src/runners/runner.js';
import { waitUntilGone } from '../../support/process-alive.js';
import { waitForLines } from '../sandbox/wait-for-lines.js';

/**
 * The real Claude Code CLI (the npm package's native binary) against a local stand-in of the
 * Anthropic Messages API: nothing leaves the machine.
 */
const agent: AgentDefinition = AgentDefinitionSchema.parse({
  name: 'default',
  description: 'test agent',
  runner: 'claude',
  tools: ['list_files', 'read_file', 'run_command'],
  prompt: 'You are a test agent.',
});
const limits: RunLimits = { maxSteps: 10, timeoutMs: 30_000, maxOutputBytes: 4 * 1024 * 1024, commandTimeoutMs: 60_000, toolOutputBytes: 64 * 1024 };
const API_KEY = 'sk-ant-model-key-on-fd3';
const PLANTED = {
  GITHUB_TOKEN: 'ghp_planted0123456789abcdefghijklmnopqr',
  SERVICE_TOKEN: 'planted-service-token-0123456789',
  DATABASE_URL: 'postgres://planted:planted-password@127.0.0.1:5432/planted',
  REDIS_URL: 'redis://:planted-redis-password@127.0.0.1:6379',
  ANTHROPIC_API_KEY: 'sk-ant-planted-in-service-env',
};
/** Variables Claude Code gives the commands it runs, besides the ones the runner sets. */
const CLAUDE_OWN = /^(CLAUDE|CLAUDECODE$|AI_AGENT$|COREPACK_ENABLE_AUTO_PIN$|GIT_EDITOR$|SHELL$|NoDefaultCurrentDirectoryInExePath$)/;
const RUNNER_SET = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SWE_AGENT_RUN_ID', 'ANTHROPIC_BASE_URL', 'BASH_DEFAULT_TIMEOUT_MS', 'BASH_MAX_TIMEOUT_MS', 'BASH_MAX_OUTPUT_LENGTH'];
const SHELL_OWN = ['PWD', 'OLDPWD', 'SHLVL', '_'];

describe('claude runner (real Claude Code CLI)', () => {
  let executable: string;
  let api: AnthropicApi;
  let root: string;
  let dirs: { workdir: string; homeDir: string; tmpDir: string };
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    const found = installedClaudeExecutable();
    if (!found) throw new Error('@anthropic-ai/claude-code is not installed (npm install -w @swe-ai-fleet/agent-container)');
    executable = found;
    api = await startAnthropicApi({ turns: [], apiKey: API_KEY, usage: { input_tokens: 1000, output_tokens: 200 } });
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
    await api.close();
  });
  beforeEach(async () => {
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'claude-runner-')));
    dirs = { workdir: path.join(root, 'work'), homeDir: path.join(root, 'home'), tmpDir: path.join(root, 'tmp') };
    await Promise.all(Object.values(dirs).map((dir) => mkdir(dir)));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const runner = (overrides: Partial<ClaudeRunnerOptions> = {}) =>
    new ClaudeRunner({
      executable,
      baseUrl: api.url,
      apiKey: API_KEY,
      model: 'claude-sonnet-4-5',
      maxRetries: 0,
      prices: { inputPerMTok: 1, outputPerMTok: 2 },
      parentEnv: process.env,
      killGraceMs: 500,
      ...overrides,
    });
  const run = async (subject: ClaudeRunner, overrides: Partial<RunInput> = {}) => {
    const events: RunnerEvent[] = [];
    const result = await subject.run({
      prompt: 'Show me the environment.',
      systemPrompt: 'You answer in the thread. PLATFORM-RULES-MARKER',
      ...dirs,
      agent,
      limits,
      onEvent: (event) => events.push(event),
      ...overrides,
    });
    return { result, events };
  };

  it("maps a run's stream to our events, reports usage and Claude Code's own cost, and hides every secret from the agent", async () => {
    api.setTurns([
      { thinking: 'The environment is printed by env.', toolUses: [{ id: 'toolu_env', name: 'Bash', input: { command: 'env', description: 'Print the environment' } }] },
      { text: 'Here is the environment.' },
    ]);
    const { result, events } = await run(runner());
    expect(result).toEqual({
      success: true,
      output: 'Here is the environment.',
      error: null,
      retryable: false,
      model: 'claude-sonnet-4-5',
      steps: 2,
      inputTokens: 2000,
      outputTokens: 400,
      // Claude Code's list price for Sonnet 4.5 ($3 / $15 per MTok), not the configured one.
      costUsd: expect.closeTo((2000 * 3 + 400 * 15) / 1_000_000, 9),
    });
    expect(events.map((event) => event.type)).toEqual(['thinking', 'tool_call', 'tool_result', 'message', 'usage']);
    expect(events[0]).toEqual({ type: 'thinking', content: 'The environment is printed by env.' });
    expect(events[1]).toEqual({ type: 'tool_call', id: 'toolu_env', name: 'Bash', input: { command: 'env', description: 'Print the environment' } });
    expect(events[2]).toMatchObject({ type: 'tool_result', id: 'toolu_env', name: 'Bash', isError: false, durationMs: expect.any(Number) });
    expect(events[3]).toEqual({ type: 'message', content: 'Here is the environment.' });
    expect(events[4]).toEqual({ type: 'usage', inputTokens: 2000, outputTokens: 400 });

    const printed = events[2]?.type === 'tool_result' ? events[2].output : '';
    const names = printed
      .split('\n')
      .filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));
    expect(names).toContain('HOME');
    for (const name of names) if (!CLAUDE_OWN.test(name)) expect([...RUNNER_SET, ...SHELL_OWN]).toContain(name);
    expect(printed).toContain(`HOME=${dirs.homeDir}`);
    for (const secret of [...Object.values(PLANTED), API_KEY]) expect(printed).not.toContain(secret);
    expect(names).not.toContain('ANTHROPIC_API_KEY');

    // The key reached the API all the same, from file descriptor 3.
    const [first] = api.requests;
    expect(first?.headers['x-api-key']).toBe(API_KEY);
    // The agent's tools, mapped to Claude Code's, and the platform's system prompt after Claude Code's own.
    expect(first?.body.tools?.map((tool) => tool.name).sort()).toEqual(['Bash', 'Glob', 'Read']);
    expect(JSON.stringify(first?.body.system)).toContain('PLATFORM-RULES-MARKER');
    expect(JSON.stringify(first?.body.messages)).toContain('Show me the environment.');
  });

  it('prices a model Claude Code does not know at the configured prices, and maps failing tools', async () => {
    api.setTurns([
      { toolUses: [{ name: 'Bash', input: { command: 'echo oops >&2; exit 3' } }, { name: 'Read', input: { file_path: path.join(root, 'missing.txt') } }] },
      { text: 'Both failed.' },
    ]);
    const { result, events } = await run(runner({ model: 'qwen3-coder-30b' }));
    expect(result).toMatchObject({ success: true, model: 'qwen3-coder-30b', inputTokens: 2000, outputTokens: 400, costUsd: (2000 * 1 + 400 * 2) / 1_000_000 });
    const results = events.filter((event) => event.type === 'tool_result');
    expect(results).toEqual([
      expect.objectContaining({ name: 'Bash', isError: true, output: expect.stringContaining('Exit code 3') }),
      expect.objectContaining({ name: 'Read', isError: true, output: expect.stringContaining('does not exist') }),
    ]);
  });

  it('fails at the step limit without an answer, not worth a retry', async () => {
    api.setTurns(() => ({ toolUses: [{ name: 'Bash', input: { command: 'echo again' } }] }));
    const { result, events } = await run(runner(), { limits: { ...limits, maxSteps: 2 } });
    expect(result).toMatchObject({ success: false, retryable: false, output: '', error: 'stopped after 2 steps without a final answer', inputTokens: 2000 });
    expect(events.at(-1)).toEqual({ type: 'error', message: result.error });
  });

  it('marks an overloaded or unreachable endpoint as retryable, and a refusal as not', async () => {
    api.setTurns(() => ({ error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } }));
    const overloaded = await run(runner());
    expect(overloaded.result).toMatchObject({ success: false, retryable: true, error: expect.stringContaining('529') });
    expect(overloaded.events.filter((event) => event.type === 'error')).toEqual([{ type: 'error', message: overloaded.result.error }]);

    api.setTurns(() => ({ error: { status: 404, type: 'not_found_error', message: 'model: nope-model' } }));
    const refused = await run(runner());
    expect(refused.result).toMatchObject({ success: false, retryable: false });

    const unreachable = await run(runner({ baseUrl: 'http://127.0.0.1:9' }));
    expect(unreachable.result).toMatchObject({ success: false, retryable: true, error: expect.stringMatching(/connect|ECONNREFUSED/i) });

    const wrongKey = await run(runner({ apiKey: 'sk-ant-wrong' }));
    expect(wrongKey.result).toMatchObject({ success: false, retryable: false });
  });

  it("kills the agent's commands, in their own sessions or not, when the run is stopped", async () => {
    const pids = path.join(dirs.workdir, 'pids');
    api.setTurns([
      {
        toolUses: [
          { name: 'Bash', input: { command: `echo $$ >> ${pids}; sleep 300 & echo $! >> ${pids}; setsid sleep 301 & echo $! >> ${pids}; wait`, timeout: 600000 } },
        ],
      },
      { text: 'never reached' },
    ]);
    const controller = new AbortController();
    const abortOnceRunning = () => waitForLines(pids, 3).finally(() => controller.abort());
    const [{ result, events }, started] = await Promise.all([run(runner(), { signal: controller.signal }), abortOnceRunning()]);
    expect(result).toMatchObject({ success: false, retryable: true, error: 'the run was stopped before it finished' });
    expect(events.at(-1)).toEqual({ type: 'error', message: result.error });
    expect(await waitUntilGone(started, 10_000)).toEqual([]);
  });

  it('stops at the wall-time limit, and when it prints more than the cap', async () => {
    // Not `sleep 300`: Claude Code refuses a long sleep (it tells the model to run it in the background).
    api.setTurns([{ toolUses: [{ name: 'Bash', input: { command: 'tail -f /dev/null', timeout: 600000 } }] }]);
    const started = Date.now();
    const timedOut = await run(runner(), { limits: { ...limits, timeoutMs: 3000 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(timedOut.result).toMatchObject({ success: false, retryable: false, error: 'the agent ran out of time (3000 ms) and was stopped' });
    expect(timedOut.events.at(-1)).toEqual({ type: 'error', message: timedOut.result.error });

    api.setTurns([{ toolUses: [{ name: 'Bash', input: { command: "head -c 20000 /dev/zero | tr '\\0' x" } }] }, { text: 'done' }]);
    const flooded = await run(runner(), { limits: { ...limits, maxOutputBytes: 8000 } });
    expect(flooded.result).toMatchObject({ success: false, error: expect.stringContaining('more than 8000 bytes') });
  });

  it('runs as another user when configured', async () => {
    await chmod(root, 0o711);
    api.setTurns([{ toolUses: [{ name: 'Bash', input: { command: 'id -u; touch made-by-agent' } }] }, { text: 'done' }]);
    const { result, events } = await run(runner({ runAs: { uid: 65534, gid: 65534 } }));
    if (process.getuid?.() !== 0) {
      expect(result).toMatchObject({ success: false, error: expect.stringMatching(/could not start Claude Code: .*(EPERM|not permitted)/) });
      return;
    }
    expect(result).toMatchObject({ success: true, output: 'done' });
    expect(events.find((event) => event.type === 'tool_result')).toMatchObject({ output: expect.stringMatching(/^65534/) });
    expect((await stat(path.join(dirs.workdir, 'made-by-agent'))).uid).toBe(0);
  });

  it('is available only when its executable is', async () => {
    expect(await runner().available()).toBe(true);
    expect(await runner({ executable: path.join(root, 'claude') }).available()).toBe(false);
  });
});
