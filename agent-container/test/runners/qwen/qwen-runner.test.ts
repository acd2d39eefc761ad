import { access, chmod, mkdir, mkdtemp, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer } from '../../../../e2e/stand-ins/model-server.js';
import { type AgentDefinition, AgentDefinitionSchema } from '../../../src/agents/agent-definition.js';
import type { RunInput, RunLimits, RunnerEvent } from '../../../src/runners/runner.js';
import { installedQwenEntry } from '../../../src/runners/qwen/qwen-command.js';
import { QwenRunner, type QwenRunnerOptions } from '../../../src/runners/qwen/qwen-runner.js';
import { waitUntilGone } from '../../support/process-alive.js';
import { waitForLines } from '../sandbox/wait-for-lines.js';

/**
 * The real qwen-code CLI (from npm, run with this node) against the local stand-in of the
 * OpenAI-compatible model server: nothing leaves the machine.
 */
const agent: AgentDefinition = AgentDefinitionSchema.parse({
  name: 'default',
  description: 'test agent',
  runner: 'qwen',
  tools: ['list_files', 'read_file', 'run_command'],
  prompt: 'You are a test agent.',
});
const limits: RunLimits = { maxSteps: 10, timeoutMs: 60_000, maxOutputBytes: 4 * 1024 * 1024, commandTimeoutMs: 60_000, toolOutputBytes: 64 * 1024 };
const API_KEY = 'sk-model-key-for-qwen';
const PLANTED = {
  GITHUB_TOKEN: 'ghp_planted0123456789abcdefghijklmnopqr',
  SERVICE_TOKEN: 'planted-service-token-0123456789',
  DATABASE_URL: 'postgres://planted:planted-password@127.0.0.1:5432/planted',
  REDIS_URL: 'redis://:planted-redis-password@127.0.0.1:6379',
  OPENAI_API_KEY: 'sk-planted-in-service-env',
};
/** Variables qwen-code gives the commands it runs, besides the ones the runner sets. */
const QWEN_OWN = /^(QWEN_|TERM$|PAGER$|GIT_PAGER$)/;
const RUNNER_SET = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SWE_AGENT_RUN_ID', 'OPENAI_BASE_URL', 'OPENAI_API_KEY', 'OPENAI_MODEL'];
const SHELL_OWN = ['PWD', 'OLDPWD', 'SHLVL', '_'];

describe('qwen runner (real qwen-code CLI)', { timeout: 90_000 }, () => {
  let entry: string;
  let model: ModelServer;
  let root: string;
  let dirs: { workdir: string; homeDir: string; tmpDir: string };
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    const found = installedQwenEntry();
    if (!found) throw new Error('@qwen-code/qwen-code is not installed (npm install -w @swe-ai-fleet/agent-container)');
    entry = found;
    model = await startModelServer({ turns: [], model: 'stand-in-coder', usage: { prompt_tokens: 1000, completion_tokens: 200 } });
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
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'qwen-runner-')));
    dirs = { workdir: path.join(root, 'work'), homeDir: path.join(root, 'home'), tmpDir: path.join(root, 'tmp') };
    await Promise.all(Object.values(dirs).map((dir) => mkdir(dir)));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const runner = (overrides: Partial<QwenRunnerOptions> = {}) =>
    new QwenRunner({
      command: { file: process.execPath, args: [entry] },
      baseUrl: model.baseUrl,
      apiKey: API_KEY,
      model: 'stand-in-coder',
      maxRetries: 0,
      prices: { inputPerMTok: 3, outputPerMTok: 15 },
      parentEnv: process.env,
      killGraceMs: 500,
      ...overrides,
    });
  const run = async (subject: QwenRunner, overrides: Partial<RunInput> = {}) => {
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

  it("maps a run's stream to our events, prices its usage, and gives the agent no secret but the model key", async () => {
    model.setTurns([
      { reasoning: 'env prints it.', content: 'Let me look.', toolCalls: [{ id: 'call_env', name: 'run_shell_command', arguments: { command: 'env', description: 'print env' } }] },
      { content: 'Here is the environment.' },
    ]);
    const { result, events } = await run(runner());
    expect(result).toEqual({
      success: true,
      output: 'Here is the environment.',
      error: null,
      retryable: false,
      model: 'stand-in-coder',
      steps: 2,
      inputTokens: 2000,
      outputTokens: 400,
      costUsd: (2000 * 3 + 400 * 15) / 1_000_000,
    });
    expect(events.map((event) => event.type)).toEqual(['thinking', 'message', 'tool_call', 'tool_result', 'message', 'usage']);
    expect(events[0]).toEqual({ type: 'thinking', content: 'env prints it.' });
    expect(events[1]).toEqual({ type: 'message', content: 'Let me look.' });
    expect(events[2]).toEqual({ type: 'tool_call', id: 'call_env', name: 'run_shell_command', input: { command: 'env', description: 'print env' } });
    expect(events[3]).toMatchObject({ type: 'tool_result', id: 'call_env', name: 'run_shell_command', isError: false });
    expect(events[5]).toEqual({ type: 'usage', inputTokens: 2000, outputTokens: 400 });

    const printed = events[3]?.type === 'tool_result' ? events[3].output : '';
    const names = printed
      .split('\n')
      .filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));
    expect(names).toContain('HOME');
    for (const name of names) if (!QWEN_OWN.test(name)) expect([...RUNNER_SET, ...SHELL_OWN]).toContain(name);
    for (const secret of Object.values(PLANTED)) expect(printed).not.toContain(secret);
    // qwen-code takes its key from the environment only: the one secret its commands can see.
    expect(printed).toContain(`OPENAI_API_KEY=${API_KEY}`);

    const [first] = model.requests;
    expect(first?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(first?.body.model).toBe('stand-in-coder');
    const offered = (first?.body.tools ?? []).map((tool) => (tool as { function: { name: string } }).function.name);
    expect(offered).toEqual(expect.arrayContaining(['glob', 'read_file', 'run_shell_command']));
    for (const absent of ['agent', 'skill', 'write_file', 'edit', 'web_fetch']) expect(offered).not.toContain(absent);
    expect(JSON.stringify(first?.body.messages?.[0])).toContain('PLATFORM-RULES-MARKER');
  });

  it("maps failing tools, and applies none of a repository's own qwen settings (hooks, MCP servers)", async () => {
    const ran = path.join(root, 'repository-hook-ran');
    await mkdir(path.join(dirs.workdir, '.qwen'));
    await writeFile(
      path.join(dirs.workdir, '.qwen', 'settings.json'),
      JSON.stringify({
        mcpServers: { planted: { command: 'sh', args: ['-c', `touch ${ran}`] } },
        hooks: { SessionStart: [{ hooks: [{ type: 'command', command: `touch ${ran}` }] }] },
      }),
    );
    model.setTurns([
      { toolCalls: [{ name: 'run_shell_command', arguments: { command: 'echo oops >&2; exit 3' } }, { name: 'read_file', arguments: { file_path: path.join(root, 'missing.txt') } }] },
      { content: 'Both failed.' },
    ]);
    const { result, events } = await run(runner());
    expect(result).toMatchObject({ success: true, output: 'Both failed.' });
    expect(events.filter((event) => event.type === 'tool_result')).toEqual([
      expect.objectContaining({ name: 'run_shell_command', isError: true, output: expect.stringContaining('Exit Code: 3') }),
      expect.objectContaining({ name: 'read_file', isError: true }),
    ]);
    await expect(access(ran)).rejects.toThrow(/ENOENT/);
  });

  it('fails at the step limit without an answer, not worth a retry', async () => {
    model.setTurns(() => ({ toolCalls: [{ name: 'run_shell_command', arguments: { command: 'echo again' } }] }));
    const { result, events } = await run(runner(), { limits: { ...limits, maxSteps: 2 } });
    expect(result).toMatchObject({ success: false, retryable: false, error: 'stopped after 2 steps without a final answer', inputTokens: 2000 });
    expect(events.at(-1)).toEqual({ type: 'error', message: result.error });
  });

  it('marks an unreachable model server as retryable, and a refusal as not', async () => {
    model.setTurns(() => ({ error: { status: 404, message: 'The model `stand-in-coder` does not exist.' } }));
    const refused = await run(runner());
    expect(refused.result).toMatchObject({ success: false, retryable: false, error: expect.stringContaining('404') });
    expect(refused.events.filter((event) => event.type === 'error')).toEqual([{ type: 'error', message: refused.result.error }]);

    const unreachable = await run(runner({ baseUrl: 'http://127.0.0.1:9/v1' }));
    expect(unreachable.result).toMatchObject({ success: false, retryable: true, error: expect.stringMatching(/connection/i) });
  });

  it("kills the agent's commands, which qwen-code starts in process groups of their own, when the run is stopped", async () => {
    const pids = path.join(dirs.workdir, 'pids');
    model.setTurns([
      { toolCalls: [{ name: 'run_shell_command', arguments: { command: `echo $$ >> ${pids}; sleep 300 & echo $! >> ${pids}; setsid sleep 301 & echo $! >> ${pids}; wait` } }] },
      { content: 'never reached' },
    ]);
    const controller = new AbortController();
    const abortOnceRunning = () => waitForLines(pids, 3).finally(() => controller.abort());
    const [{ result, events }, started] = await Promise.all([run(runner(), { signal: controller.signal }), abortOnceRunning()]);
    expect(result).toMatchObject({ success: false, retryable: true, error: 'the run was stopped before it finished' });
    expect(events.at(-1)).toEqual({ type: 'error', message: result.error });
    expect(await waitUntilGone(started, 10_000)).toEqual([]);
  });

  it('stops at the wall-time limit, and when it prints more than the cap', async () => {
    model.setTurns([{ toolCalls: [{ name: 'run_shell_command', arguments: { command: 'sleep 300' } }] }]);
    const started = Date.now();
    const timedOut = await run(runner(), { limits: { ...limits, timeoutMs: 3000 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(timedOut.result).toMatchObject({ success: false, retryable: false, error: 'the agent ran out of time (3000 ms) and was stopped' });
    expect(timedOut.events.at(-1)).toEqual({ type: 'error', message: timedOut.result.error });

    model.setTurns([{ toolCalls: [{ name: 'run_shell_command', arguments: { command: "head -c 20000 /dev/zero | tr '\\0' x" } }] }, { content: 'done' }]);
    const flooded = await run(runner(), { limits: { ...limits, maxOutputBytes: 8000 } });
    expect(flooded.result).toMatchObject({ success: false, error: expect.stringContaining('more than 8000 bytes') });
  });

  it('runs as another user when configured', async () => {
    await chmod(root, 0o711);
    model.setTurns([{ toolCalls: [{ name: 'run_shell_command', arguments: { command: 'id -u; touch made-by-agent' } }] }, { content: 'done' }]);
    const { result, events } = await run(runner({ runAs: { uid: 65534, gid: 65534 } }));
    if (process.getuid?.() !== 0) {
      expect(result).toMatchObject({ success: false, error: expect.stringMatching(/could not start qwen-code: .*(EPERM|not permitted)/) });
      return;
    }
    expect(result).toMatchObject({ success: true, output: 'done' });
    expect(events.find((event) => event.type === 'tool_result')).toMatchObject({ output: expect.stringMatching(/65534/) });
    expect((await stat(path.join(dirs.workdir, 'made-by-agent'))).uid).toBe(0);
  });

  it('refuses to start without a model, and is available only when its script is', async () => {
    const asked = model.requests.length;
    const { result } = await run(runner({ model: undefined }));
    expect(result).toMatchObject({ success: false, error: expect.stringContaining('no model configured') });
    expect(model.requests.length).toBe(asked);
    expect(await runner().available()).toBe(true);
    expect(await runner({ command: { file: process.execPath, args: [path.join(root, 'cli-entry.js')] } }).available()).toBe(false);
  });
});
