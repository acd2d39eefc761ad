import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepoMirrors } from '../../src/workspaces/repo-mirrors.js';
import { type BareRepository, createBareRepository } from '../support/bare-repository.js';

describe('repository mirrors', () => {
  let origin: BareRepository;
  let root: string;
  let mirrors: RepoMirrors;
  const remote = () => ({ owner: 'octo', repo: 'hello', url: origin.url, token: 'ghs_not-used-by-file-urls' });

  beforeEach(async () => {
    origin = await createBareRepository({ 'README.md': '# hello\n', 'src/app.py': 'def add(a, b):\n    return a - b\n' });
    root = await mkdtemp(path.join(tmpdir(), 'mirrors-'));
    mirrors = new RepoMirrors(path.join(root, 'cache'), { gitTimeoutMs: 30_000 });
  });
  afterEach(async () => {
    await origin.remove();
    await rm(root, { recursive: true, force: true });
  });

  it('clones a branch shallowly through the mirror, with origin pointing at the public URL', async () => {
    const work = path.join(root, 'task-1');
    const checkout = await mirrors.checkout(remote(), { branch: 'main' }, work, undefined, { 'user.name': 'SWE AI Fleet', 'user.email': 'fleet@example.test' });
    expect(checkout.branch).toBe('main');
    expect(await readFile(path.join(work, 'src/app.py'), 'utf8')).toContain('return a - b');
    const inWork = async (...args: string[]) => (await execa('git', ['-C', work, ...args], { reject: false })).stdout;
    expect(await inWork('rev-parse', '--is-shallow-repository')).toBe('true');
    expect(await inWork('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(await inWork('rev-parse', 'HEAD')).toBe(checkout.baseSha);
    expect(await inWork('rev-list', '--count', 'HEAD')).toBe('1');
    expect(await inWork('remote', 'get-url', 'origin')).toBe(origin.url);
    expect(await inWork('status', '--porcelain')).toBe('');
    // The identity is the workspace's own; the mirror appears nowhere in its config.
    expect(await inWork('config', 'user.name')).toBe('SWE AI Fleet');
    expect(await inWork('config', 'user.email')).toBe('fleet@example.test');
    const config = await readFile(path.join(work, '.git/config'), 'utf8');
    expect(config).not.toContain('cache/octo');
    expect(config).not.toContain('insteadOf');
    expect(config).not.toContain('ghs_');
    expect(existsSync(path.join(root, 'cache/octo/hello.git/HEAD'))).toBe(true);

    // A later task sees the new commit: the mirror fetches what changed.
    const second = await origin.commit({ 'src/app.py': 'def add(a, b):\n    return a + b\n' }, 'fix add');
    const again = await mirrors.checkout(remote(), { branch: 'main' }, path.join(root, 'task-2'));
    expect(again.baseSha).toBe(second);
    expect(again.baseSha).not.toBe(checkout.baseSha);
    expect(await readFile(path.join(root, 'task-2/src/app.py'), 'utf8')).toContain('return a + b');
  });

  it("checks a pull request's head out on a local branch, with the same origin and identity", async () => {
    const head = await origin.commit({ 'src/app.py': 'def add(a, b):\n    return a + b\n' }, 'proposed fix');
    await execa('git', ['-C', origin.path, 'update-ref', 'refs/pull/7/head', head]);
    await execa('git', ['-C', origin.path, 'update-ref', 'refs/heads/main', `${head}~1`]);
    const work = path.join(root, 'task-pr');
    const checkout = await mirrors.checkout(remote(), { pullRequest: 7 }, work, undefined, { 'user.name': 'SWE AI Fleet' });
    expect(checkout).toEqual({ branch: 'pr-7', baseSha: head });
    const inWork = async (...args: string[]) => (await execa('git', ['-C', work, ...args])).stdout;
    expect(await inWork('rev-parse', '--abbrev-ref', 'HEAD')).toBe('pr-7');
    expect(await inWork('remote', 'get-url', 'origin')).toBe(origin.url);
    expect(await inWork('config', 'user.name')).toBe('SWE AI Fleet');
    expect(await readFile(path.join(work, 'src/app.py'), 'utf8')).toContain('return a + b');
  });

  it("pushes the workspace's commit as a new branch, from the mirror, leaving the mirror clean", async () => {
    const work = path.join(root, 'task-1');
    const { baseSha } = await mirrors.checkout(remote(), { branch: 'main' }, work);
    await writeFile(path.join(work, 'src/app.py'), 'def add(a, b):\n    return a + b\n');
    const gitWork = (args: string[]) => execa('git', ['-c', 'user.name=Agent', '-c', 'user.email=agent@example.test', '-C', work, ...args]);
    await gitWork(['commit', '-q', '-am', 'fix add']);
    // An agent rewriting the workspace's remote cannot redirect the push.
    await gitWork(['remote', 'set-url', 'origin', 'https://attacker.example.test/x.git']);
    await mirrors.push(remote(), work, 'agent/task-1');
    expect(await origin.branches()).toEqual(['agent/task-1', 'main']);
    expect(await origin.show('agent/task-1', 'src/app.py')).toContain('return a + b');
    expect((await execa('git', ['-C', origin.path, 'rev-parse', 'agent/task-1~1'])).stdout).toBe(baseSha);
    const leftover = await execa('git', ['-C', path.join(root, 'cache/octo/hello.git'), 'for-each-ref', 'refs/heads/agent']);
    expect(leftover.stdout).toBe('');
  });

  it('works with a cache directory given relative to the working directory', async () => {
    const relative = new RepoMirrors(path.relative(process.cwd(), path.join(root, 'relative-cache')), { gitTimeoutMs: 30_000 });
    await relative.checkout(remote(), { branch: 'main' }, path.join(root, 'task-r'));
    expect(existsSync(path.join(root, 'relative-cache/octo/hello.git/HEAD'))).toBe(true);
    expect(await readFile(path.join(root, 'task-r/README.md'), 'utf8')).toBe('# hello\n');
  });

  it('refuses names that could leave the cache directory', async () => {
    await expect(mirrors.checkout({ ...remote(), owner: '..' }, { branch: 'main' }, path.join(root, 'w'))).rejects.toThrow('not a repository name');
    await expect(mirrors.checkout({ ...remote(), repo: 'a/../../b' }, { branch: 'main' }, path.join(root, 'w'))).rejects.toThrow('not a repository name');
  });

  it('evicts the least recently used mirrors past the cap', async () => {
    const other = await createBareRepository({ 'a.txt': 'a' });
    try {
      await mirrors.checkout({ ...remote(), repo: 'older', url: other.url }, { branch: 'main' }, path.join(root, 'w1'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await mirrors.checkout(remote(), { branch: 'main' }, path.join(root, 'w2'));
      expect(await mirrors.evict(Number.MAX_SAFE_INTEGER)).toEqual([]);
      expect(await mirrors.evict(1)).toEqual(['octo/older.git', 'octo/hello.git']);
      expect(existsSync(path.join(root, 'cache/octo/hello.git'))).toBe(false);
    } finally {
      await other.remove();
    }
  });
});
