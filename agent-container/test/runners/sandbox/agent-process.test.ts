import { chmod, mkdir, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentProcesses, type AgentProcessSpec } from '../../../src/runners/sandbox/agent-process.js';
import { waitUntilGone } from '../../support/process-alive.js';

/** nobody:nogroup on Debian, the user a sandboxed agent runs as in these tests. */
const NOBODY = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;

describe('agent processes', () => {
  let root: string;
  let work: string;
  const processes = new AgentProcesses();

  beforeEach(async () => {
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'agent-process-')));
    work = path.join(root, 'work');
    await mkdir(work);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const spec = (script: string, overrides: Partial<AgentProcessSpec> = {}): AgentProcessSpec => ({
    file: '/bin/sh',
    args: ['-c', script],
    cwd: work,
    env: { PATH: '/usr/bin:/bin', HOME: root },
    stdin: '',
    timeoutMs: 20_000,
    maxOutputBytes: 1024 * 1024,
    killGraceMs: 300,
    ...overrides,
  });
  const run = async (subject: AgentProcessSpec) => {
    const lines: string[] = [];
    const exit = await processes.run(subject, (line) => lines.push(line));
    return { exit, lines };
  };

  it('gives the process exactly its environment, its stdin, a secret on fd 3 only, and its own process group', async () => {
    const { exit, lines } = await run(
      spec('env; echo --; echo "stdin=$(cat)"; echo "fd3=$(cat <&3)"; echo "pgid=$(ps -o pgid= -p $$ | tr -d " ") pid=$$"', {
        stdin: 'the prompt',
        secretFd3: 'sk-secret-on-fd3',
      }),
    );
    expect(exit).toEqual({ stopReason: null, exitCode: 0, signal: null, stderrTail: '', startError: null });
    const names = lines.slice(0, lines.indexOf('--')).filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line)).map((line) => line.slice(0, line.indexOf('=')));
    for (const name of names) expect(['PATH', 'HOME', 'SWE_AGENT_RUN_ID', 'PWD', 'SHLVL', '_', 'OLDPWD']).toContain(name);
    expect(lines.filter((line) => line.includes('sk-secret-on-fd3'))).toEqual(['fd3=sk-secret-on-fd3']);
    expect(lines).toContain('stdin=the prompt');
    const group = /^pgid=(\d+) pid=(\d+)$/.exec(lines.find((line) => line.startsWith('pgid=')) ?? '');
    expect(group?.[1]).toBe(group?.[2]);
  });

  it('kills the whole process group at the wall-time limit, grandchildren included', async () => {
    const pids = path.join(work, 'pids');
    const started = Date.now();
    const { exit } = await run(
      spec(`echo $$ >> ${pids}; sleep 300 & echo $! >> ${pids}; sh -c 'echo $$ >> ${pids}; sleep 301 & echo $! >> ${pids}; wait' & wait`, { timeoutMs: 1500 }),
    );
    expect(Date.now() - started).toBeLessThan(8000);
    expect(exit.stopReason).toBe('timeout');
    const groupPids = (await readFile(pids, 'utf8')).trim().split('\n').map(Number);
    expect(groupPids).toHaveLength(4);
    expect(await waitUntilGone(groupPids, 10_000)).toEqual([]);
  });

  it('kills what the process started in sessions of its own, when stopped and when it exits', async () => {
    const escaped = path.join(work, 'escaped');
    const stopped = await run(spec(`setsid sleep 300 > /dev/null 2>&1 & echo $! > ${escaped}; sleep 300`, { timeoutMs: 1000 }));
    expect(stopped.exit.stopReason).toBe('timeout');
    expect(await waitUntilGone([Number(await readFile(escaped, 'utf8'))], 10_000)).toEqual([]);

    // Still holding stdout, a leftover would also keep the run waiting until its wall time.
    const started = Date.now();
    const exited = await run(spec(`setsid sleep 300 & echo $! > ${escaped}; echo done`, { timeoutMs: 20_000 }));
    expect(exited).toMatchObject({ exit: { stopReason: null, exitCode: 0 }, lines: ['done'] });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await waitUntilGone([Number(await readFile(escaped, 'utf8'))], 10_000)).toEqual([]);
  });

  it('stops on abort, and on more output than allowed', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    expect((await run(spec('sleep 300', { signal: controller.signal }))).exit.stopReason).toBe('aborted');

    const flood = await run(spec("yes 'a line of output'", { maxOutputBytes: 10_000 }));
    expect(flood.exit.stopReason).toBe('output_limit');
    expect(flood.lines.join('\n').length).toBeLessThanOrEqual(10_000);
  });

  it('reports an executable that is missing without starting anything', async () => {
    const { exit } = await run(spec('', { file: path.join(root, 'no-such-cli') }));
    expect(exit.startError).toMatch(/ENOENT/);
  });

  it('keeps the end of stderr for the error of a process that dies', async () => {
    const { exit } = await run(spec('for i in 1 2 3 4 5 6 7; do echo "line $i" >&2; done; exit 3'));
    expect(exit).toMatchObject({ exitCode: 3, stopReason: null, stderrTail: 'line 3\nline 4\nline 5\nline 6\nline 7' });
  });

  it('runs as another user when told to, and hands the workspace back to the service afterwards', async () => {
    // The workspace root is 0700 (mkdtemp); another user needs to pass through it.
    const closed = await run(spec('id -u', { runAs: NOBODY, ownedDirs: [work] }));
    expect(closed.exit.startError).toMatch(/cannot enter .* make it traversable/);
    await chmod(root, 0o711);

    await writeFile(path.join(work, 'from-service.txt'), 'x');
    const { exit, lines } = await run(spec('id -u; id -g; echo made > made-by-agent.txt; cat from-service.txt', { runAs: NOBODY, ownedDirs: [work] }));
    if (!isRoot) {
      // Only root may switch users; anything else is a clear start error, never a run as the service.
      expect(exit.startError).toMatch(/EPERM|Operation not permitted/);
      return;
    }
    expect(exit).toMatchObject({ exitCode: 0, startError: null });
    expect(lines).toEqual(['65534', '65534', 'x']);
    for (const file of ['made-by-agent.txt', 'from-service.txt']) expect((await stat(path.join(work, file))).uid).toBe(process.getuid?.());
  });
});
