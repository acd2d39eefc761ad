import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ModelServer, startModelServer } from '../../../e2e/stand-ins/model-server.js';
import type { AgentRequestInput } from '../../src/cli/agent-request.js';
import { type CliLine, CliLineSchema } from '../../src/runners/vllm/cli-events.js';
import { builtCliPath } from '../support/built-cli.js';

describe('swe-agent CLI limits and edits', () => {
  let cli: string;
  let model: ModelServer;
  let workdir: string;

  beforeAll(async () => {
    cli = await builtCliPath();
    model = await startModelServer({ turns: [], usage: { prompt_tokens: 1000, completion_tokens: 100 } });
  });
  afterAll(async () => {
    await model.close();
  });
  beforeEach(async () => {
    workdir = await realpath(await mkdtemp(path.join(tmpdir(), 'agent-limits-')));
    await writeFile(path.join(workdir, 'app.py'), 'def add(a, b):\n    return a - b\n');
  });
  afterEach(async () => {
    await rm(workdir, { recursive: true, force: true });
  });

  const runCli = async (request: Partial<AgentRequestInput>) => {
    const result = await execa(process.execPath, [cli], {
      input: JSON.stringify({ prompt: 'Fix add().', system_prompt: 'You fix bugs.', base_url: model.baseUrl, workdir, ...request }),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workdir },
      extendEnv: false,
      reject: false,
    });
    const lines = result.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => CliLineSchema.parse(JSON.parse(line)));
    return { exitCode: result.exitCode, lines, results: lines.filter((line): line is Extract<CliLine, { type: 'tool_result' }> => line.type === 'tool_result') };
  };

  it('searches, edits and runs a check, then answers', async () => {
    model.setTurns([
      { toolCalls: [{ name: 'search_files', arguments: { pattern: 'return a - b' } }] },
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'app.py', old_string: 'return a - b', new_string: 'return a + b' } }] },
      { toolCalls: [{ name: 'run_command', arguments: { command: 'grep -c "a + b" app.py' } }] },
      { content: 'Fixed: add() subtracted.' },
    ]);
    const run = await runCli({});
    expect(run.results.map((result) => [result.name, result.output, result.is_error])).toEqual([
      ['search_files', 'app.py:2:    return a - b', false],
      ['edit_file', 'edited app.py: 1 replacement', false],
      ['run_command', 'exit code 0\n1\n', false],
    ]);
    expect(await readFile(path.join(workdir, 'app.py'), 'utf8')).toBe('def add(a, b):\n    return a + b\n');
    expect(run.lines.at(-1)).toMatchObject({ type: 'result', success: true, output: 'Fixed: add() subtracted.' });
  });

  it('stops once the run has used more tokens than its limit', async () => {
    model.setTurns(() => ({ toolCalls: [{ name: 'read_file', arguments: { path: 'app.py', start_line: Math.floor(Math.random() * 1e6) } }] }));
    const run = await runCli({ limits: { max_tokens: 2500 } });
    expect(run.exitCode).toBe(1);
    // 1,100 tokens a turn: over 2,500 after the third.
    expect(run.lines.at(-1)).toMatchObject({
      type: 'result',
      success: false,
      error_kind: 'token_limit',
      error: 'stopped after using 3300 tokens, over the limit of 2500',
      steps: 3,
      input_tokens: 3000,
      output_tokens: 300,
    });
  });

  it('stops once the run has cost more than its limit, at the given prices', async () => {
    model.setTurns(() => ({ toolCalls: [{ name: 'list_files', arguments: { path: String(Math.random()) } }] }));
    // $10 + $20 per million: 1,000 in and 100 out cost $0.012 a turn.
    const run = await runCli({ limits: { max_cost_usd: 0.03 }, prices: { input_per_mtok: 10, output_per_mtok: 20 } });
    expect(run.lines.at(-1)).toMatchObject({ success: false, error_kind: 'cost_limit', steps: 3, error: 'stopped after spending $0.0360, over the limit of $0.03' });
  });

  it('refuses a repeated identical call, then stops the run when the model keeps repeating it', async () => {
    model.setTurns(() => ({ toolCalls: [{ name: 'read_file', arguments: { max_lines: 1, path: 'app.py' } }] }));
    const run = await runCli({ limits: { max_repeated_calls: 4 } });
    expect(run.results.map((result) => result.is_error)).toEqual([false, false, true]);
    expect(run.results[2]?.output).toContain('same read_file call with the same arguments 3 times in a row');
    expect(run.lines.at(-1)).toMatchObject({ success: false, error_kind: 'repeated_tool_call', steps: 4 });
    // Argument order does not make a call different.
    model.setTurns([
      { toolCalls: [{ name: 'read_file', arguments: '{"path":"app.py","max_lines":1}' }] },
      { toolCalls: [{ name: 'read_file', arguments: '{"max_lines":1,"path":"app.py"}' }] },
      { toolCalls: [{ name: 'read_file', arguments: '{"path":"app.py","max_lines":1}' }] },
      { content: 'ok' },
    ]);
    const reordered = await runCli({});
    expect(reordered.results.map((result) => result.is_error)).toEqual([false, false, true]);
  });
});
