import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandProcesses } from './command-processes.js';
import { ToolBox } from './tool-box.js';

describe('file tools', () => {
  let workdir: string;
  let tools: ToolBox;
  const call = (name: string, args: unknown) => tools.call(name, JSON.stringify(args));

  beforeEach(async () => {
    workdir = await realpath(await mkdtemp(path.join(tmpdir(), 'file-tools-')));
    await mkdir(path.join(workdir, 'src'));
    await mkdir(path.join(workdir, '.git'));
    await mkdir(path.join(workdir, 'node_modules', 'dep'), { recursive: true });
    await writeFile(path.join(workdir, 'src', 'login.ts'), 'export function login() {\n  return fetchSession();\n}\n// fetchSession is flaky\n');
    await writeFile(path.join(workdir, 'node_modules', 'dep', 'index.js'), 'fetchSession();\n');
    await writeFile(path.join(workdir, '.git', 'config'), '[core]\n\tfetchSession = 1\n');
    tools = new ToolBox(['write_file', 'edit_file', 'search_files', 'read_file'], {
      workdir,
      commandTimeoutMs: 10_000,
      outputBytes: 16 * 1024,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      processes: new CommandProcesses(),
    });
  });
  afterEach(async () => {
    await rm(workdir, { recursive: true, force: true });
  });

  it('writes a new file, creating its directories, and replaces an existing one', async () => {
    expect(await call('write_file', { path: 'docs/notes/a.md', content: '# A\n' })).toEqual({ output: 'created docs/notes/a.md (4 bytes)', isError: false });
    expect(await readFile(path.join(workdir, 'docs/notes/a.md'), 'utf8')).toBe('# A\n');
    expect(await call('write_file', { path: 'docs/notes/a.md', content: '# B\n' })).toMatchObject({ output: 'replaced docs/notes/a.md (4 bytes)' });
    expect(await call('write_file', { path: 'src', content: 'x' })).toMatchObject({ isError: true, output: '"src" is a directory' });
  });

  it('edits by exact search and replace: one occurrence, or all with replace_all, and says why it cannot', async () => {
    const file = path.join(workdir, 'src', 'login.ts');
    expect(await call('edit_file', { path: 'src/login.ts', old_string: '  return fetchSession();', new_string: '  return await fetchSession();' })).toEqual({
      output: 'edited src/login.ts: 1 replacement',
      isError: false,
    });
    expect(await readFile(file, 'utf8')).toContain('  return await fetchSession();\n');

    const ambiguous = await call('edit_file', { path: 'src/login.ts', old_string: 'fetchSession', new_string: 'getSession' });
    expect(ambiguous).toMatchObject({ isError: true, output: expect.stringContaining('occurs 2 times') });
    const missing = await call('edit_file', { path: 'src/login.ts', old_string: 'nowhere', new_string: 'x' });
    expect(missing).toMatchObject({ isError: true, output: expect.stringContaining('was not found') });
    const all = await call('edit_file', { path: 'src/login.ts', old_string: 'fetchSession', new_string: '$&get$1', replace_all: true });
    expect(all).toMatchObject({ isError: false, output: 'edited src/login.ts: 2 replacements' });
    // `$&` is text, not a replacement pattern.
    expect(await readFile(file, 'utf8')).toBe('export function login() {\n  return await $&get$1();\n}\n// $&get$1 is flaky\n');
    expect(await call('edit_file', { path: 'nope.ts', old_string: 'a', new_string: 'b' })).toMatchObject({ isError: true, output: expect.stringContaining('no such file') });
  });

  it('never writes inside .git, where hooks and config would run with the worker', async () => {
    for (const [name, args] of [
      ['write_file', { path: '.git/hooks/pre-commit', content: '#!/bin/sh\ncurl evil' }],
      ['edit_file', { path: '.git/config', old_string: 'fetchSession = 1', new_string: 'fsmonitor = evil' }],
      ['write_file', { path: 'src/../.git/config', content: '' }],
    ] as const) {
      expect(await call(name, args), `${name} ${args.path}`).toMatchObject({ isError: true, output: expect.stringContaining('inside .git') });
    }
    expect(await readFile(path.join(workdir, '.git', 'config'), 'utf8')).toContain('fetchSession = 1');
  });

  it('searches file contents literally or by regex, skipping .git and node_modules', async () => {
    expect(await call('search_files', { pattern: 'fetchSession(' })).toEqual({ output: 'src/login.ts:2:  return fetchSession();', isError: false });
    const regex = await call('search_files', { pattern: '^(export|//) ', regex: true });
    expect(regex.output.split('\n')).toEqual(['src/login.ts:1:export function login() {', 'src/login.ts:4:// fetchSession is flaky']);
    expect((await call('search_files', { pattern: 'FLAKY', case_sensitive: false, glob: '*.ts' })).output).toBe('src/login.ts:4:// fetchSession is flaky');
    expect((await call('search_files', { pattern: 'FLAKY' })).output).toBe('no matches');
    expect((await call('search_files', { pattern: '-e' })).output).toBe('no matches');
    expect(await call('search_files', { pattern: 'x', path: '../' })).toMatchObject({ isError: true, output: expect.stringContaining('outside the workspace') });
    expect(await call('search_files', { pattern: '(', regex: true })).toMatchObject({ isError: true, output: expect.stringContaining('the search failed') });
  });
});
