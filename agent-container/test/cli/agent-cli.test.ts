import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer } from '../../../e2e/stand-ins/model-server.js';
import { type AgentRequestInput, TOOL_NAMES } from '../../src/cli/agent-request.js';
import { type CliLine, CliLineSchema } from '../../src/runners/vllm/cli-events.js';
import { builtCliPath } from '../support/built-cli.js';

type LineOf<T extends CliLine['type']> = Extract<CliLine, { type: T }>;

describe('swe-agent CLI', () => {
  let cli: string;
  let model: ModelServer;
  let workdir: string;
  let outside: string;

  beforeAll(async () => {
    cli = await builtCliPath();
    model = await startModelServer({ turns: [] });
  });
  afterAll(async () => {
    await model.close();
  });

  afterEach(async () => {
    if (workdir) await rm(workdir, { recursive: true, force: true });
    if (outside) await rm(outside, { recursive: true, force: true });
  });

  const makeWorkdir = async () => {
    workdir = await realpath(await mkdtemp(path.join(tmpdir(), 'agent-cli-')));
    outside = await realpath(await mkdtemp(path.join(tmpdir(), 'agent-cli-outside-')));
    await writeFile(path.join(workdir, 'notes.txt'), 'the answer is 42\n');
    await mkdir(path.join(workdir, 'src'));
    await writeFile(path.join(workdir, 'src', 'main.ts'), 'export const main = 1;\n');
    await writeFile(path.join(outside, 'secret.txt'), 'outside secret\n');
  };

  const runCli = async (request: Partial<AgentRequestInput>, stdin?: string) => {
    const full: AgentRequestInput = {
      prompt: 'What is the answer?',
      system_prompt: 'You are a careful coding agent.',
      base_url: model.baseUrl,
      api_key: 'sk-test-key',
      workdir,
      ...request,
    };
    const result = await execa(process.execPath, [cli], {
      input: stdin ?? JSON.stringify(full),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workdir },
      extendEnv: false,
      reject: false,
    });
    const lines = result.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => CliLineSchema.parse(JSON.parse(line)));
    const of = <T extends CliLine['type']>(type: T) => lines.filter((line): line is LineOf<T> => line.type === type);
    return { exitCode: result.exitCode, lines, of, stderr: result.stderr };
  };

  it('lists, reads and runs in its workdir, streams reasoning, and prints the answer as JSONL', async () => {
    await makeWorkdir();
    model.setTurns([
      { reasoning: 'Let me look at the files in the repository first.', toolCalls: [{ name: 'list_files', arguments: { recursive: true } }] },
      { toolCalls: [{ name: 'read_file', arguments: { path: 'notes.txt' } }] },
      { toolCalls: [{ name: 'run_command', arguments: { command: 'echo hello-from-$((40+2)) && pwd' } }] },
      { content: 'Found it: the answer is 42.' },
    ]);
    const run = await runCli({});
    expect(run.exitCode).toBe(0);
    expect(run.lines[0]).toEqual({ type: 'task_started', model: model.model, workdir, tools: [...TOOL_NAMES] });
    expect(run.of('thinking').map((line) => line.content).join('')).toBe('Let me look at the files in the repository first.');
    expect(run.of('tool_call').map((line) => [line.name, line.input])).toEqual([
      ['list_files', { recursive: true }],
      ['read_file', { path: 'notes.txt' }],
      ['run_command', { command: 'echo hello-from-$((40+2)) && pwd' }],
    ]);
    const [listing, file, command] = run.of('tool_result');
    expect(listing?.output.split('\n')).toEqual(['notes.txt', 'src/', 'src/main.ts']);
    expect(file).toMatchObject({ name: 'read_file', output: 'the answer is 42\n', is_error: false });
    expect(command?.output).toBe(`exit code 0\nhello-from-42\n${workdir}\n`);
    expect(run.of('message').map((line) => line.content)).toEqual(['Found it: the answer is 42.']);

    const usage = run.of('usage');
    expect(usage.map((line) => line.step)).toEqual([1, 2, 3, 4]);
    const result = run.lines.at(-1);
    expect(result).toEqual({
      type: 'result',
      success: true,
      output: 'Found it: the answer is 42.',
      error: null,
      error_kind: null,
      model: model.model,
      input_tokens: usage.reduce((sum, line) => sum + line.input_tokens, 0),
      output_tokens: usage.reduce((sum, line) => sum + line.output_tokens, 0),
      steps: 4,
    });
    expect(result).toMatchObject({ input_tokens: expect.any(Number) });
    expect(usage.every((line) => line.input_tokens > 0 && line.output_tokens > 0)).toBe(true);

    // What the model server saw: streaming with usage, the tools, the key, and the tool results fed back.
    const sent = model.requests;
    expect(sent).toHaveLength(4);
    expect(sent[0]?.headers.authorization).toBe('Bearer sk-test-key');
    expect(sent[0]?.body).toMatchObject({ model: model.model, stream: true, stream_options: { include_usage: true } });
    const toolNames = (sent[0]?.body.tools ?? []).map((tool) => (tool as { function: { name: string } }).function.name);
    expect(toolNames).toEqual([...TOOL_NAMES]);
    const second = sent[1]?.body.messages ?? [];
    expect(second.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(second[3]).toMatchObject({ role: 'tool', content: 'notes.txt\nsrc/\nsrc/main.ts' });
  });

  it('keeps file tools inside the workdir: ../, absolute paths and symlinks out are refused', async () => {
    await makeWorkdir();
    await symlink(path.join(outside, 'secret.txt'), path.join(workdir, 'link.txt'));
    model.setTurns([
      {
        toolCalls: [
          { name: 'read_file', arguments: { path: `../${path.basename(outside)}/secret.txt` } },
          { name: 'read_file', arguments: { path: path.join(outside, 'secret.txt') } },
          { name: 'read_file', arguments: { path: 'link.txt' } },
          { name: 'list_files', arguments: { path: '..' } },
        ],
      },
      { content: 'I cannot read those.' },
    ]);
    const run = await runCli({});
    const results = run.of('tool_result');
    expect(results).toHaveLength(4);
    for (const result of results) {
      expect(result.is_error).toBe(true);
      expect(result.output).toContain('is outside the workspace');
      expect(result.output).not.toContain('outside secret');
    }
    expect(run.lines.at(-1)).toMatchObject({ type: 'result', success: true, output: 'I cannot read those.' });
  });

  it('caps long command output keeping its head and tail, and kills a command at its time limit', async () => {
    await makeWorkdir();
    model.setTurns([
      { toolCalls: [{ name: 'run_command', arguments: { command: "echo START; head -c 100000 /dev/zero | tr '\\0' a; echo; echo END" } }] },
      { toolCalls: [{ name: 'run_command', arguments: { command: 'sleep 20; echo never' } }] },
      { content: 'done' },
    ]);
    const started = Date.now();
    const run = await runCli({ limits: { tool_output_bytes: 1000, command_timeout_ms: 300 } });
    expect(Date.now() - started).toBeLessThan(15_000);
    const [long, slow] = run.of('tool_result');
    expect(long?.output).toMatch(/^exit code 0\nSTART\na+\n\[\.\.\. \d+ bytes omitted \.\.\.\]\na+\nEND\n$/);
    expect(Buffer.byteLength(long?.output ?? '')).toBeLessThan(1100);
    expect(slow?.output).toContain('timed out after 300 ms');
    expect(slow?.output).not.toContain('never');
  });

  it('reports the step limit when the model never stops calling tools', async () => {
    await makeWorkdir();
    model.setTurns(() => ({ toolCalls: [{ name: 'list_files', arguments: {} }] }));
    const run = await runCli({ limits: { max_steps: 2 } });
    expect(run.exitCode).toBe(1);
    expect(run.of('tool_call')).toHaveLength(2);
    expect(run.lines.at(-1)).toMatchObject({ type: 'result', success: false, error_kind: 'step_limit', steps: 2 });
  });

  it('classifies model failures: 5xx as unavailable, 4xx as rejected, no server as unreachable', async () => {
    await makeWorkdir();
    model.setTurns(() => ({ error: { status: 503, message: 'engine is restarting' } }));
    const unavailable = await runCli({ limits: { max_retries: 0 } });
    expect(unavailable.lines.at(-1)).toMatchObject({ success: false, error_kind: 'model_unavailable' });
    expect(unavailable.of('error')[0]?.message).toContain('HTTP 503');

    model.setTurns(() => ({ error: { status: 400, message: 'maximum context length exceeded' } }));
    const rejected = await runCli({ limits: { max_retries: 0 } });
    expect(rejected.lines.at(-1)).toMatchObject({ success: false, error_kind: 'model_rejected' });
    expect(rejected.of('error')[0]?.message).toContain('maximum context length exceeded');

    const unreachable = await runCli({ base_url: 'http://127.0.0.1:9/v1', limits: { max_retries: 0 } });
    expect(unreachable.lines.at(-1)).toMatchObject({ success: false, error_kind: 'model_unavailable' });
    expect(unreachable.of('error')[0]?.message).toContain('unreachable');
  });

  it('picks the served model when none is given, and refuses a malformed request', async () => {
    await makeWorkdir();
    model.setTurns([{ content: 'hi' }]);
    const run = await runCli({ model: undefined });
    expect(run.lines[0]).toMatchObject({ type: 'task_started', model: model.model });
    expect(model.requests.at(-1)?.body.model).toBe(model.model);

    const bad = await runCli({}, '{"prompt": 3}');
    expect(bad.exitCode).toBe(2);
    expect(bad.lines.at(-1)).toMatchObject({ type: 'result', success: false, error_kind: 'invalid_request' });
  });
});
