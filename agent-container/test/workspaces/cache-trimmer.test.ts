import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheTrimmer } from '../../src/workspaces/cache-trimmer.js';
import { RepoMirrors } from '../../src/workspaces/repo-mirrors.js';
import { type BareRepository, createBareRepository } from '../support/bare-repository.js';

const logger = pino({ level: 'silent' });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('cache trimmer', () => {
  it('trims after the given number of finished tasks, not after each one, one trim at a time', async () => {
    let trims = 0;
    let release: () => void = () => undefined;
    const trimmer = new CacheTrimmer({
      trim: () =>
        new Promise<string[]>((resolve) => {
          trims += 1;
          release = () => resolve([]);
        }),
      everyTasks: 3,
      logger,
    });
    trimmer.taskFinished();
    trimmer.taskFinished();
    expect(trims).toBe(0);
    trimmer.taskFinished();
    expect(trims).toBe(1);
    // Three more while the first trim runs join it rather than start a second one.
    for (let i = 0; i < 3; i++) trimmer.taskFinished();
    expect(trims).toBe(1);
    release();
    await settle();
    for (let i = 0; i < 3; i++) trimmer.taskFinished();
    expect(trims).toBe(2);
    release();
    await trimmer.stop();
  });

  it('trims on its timer while tasks finish, never while idle, and survives a failed trim', async () => {
    let trims = 0;
    const trimmer = new CacheTrimmer({
      trim: async () => {
        trims += 1;
        if (trims === 1) throw new Error('du failed');
        return [];
      },
      everyTasks: 1000,
      intervalMs: 30,
      logger,
    });
    trimmer.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(trims).toBe(0);
    trimmer.taskFinished();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(trims).toBe(1);
    trimmer.taskFinished();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(trims).toBe(2);
    await trimmer.stop();
  });

  describe('over real mirrors', () => {
    let origin: BareRepository;
    let root: string;
    beforeEach(async () => {
      origin = await createBareRepository({ 'README.md': '# hello\n' });
      root = await mkdtemp(path.join(tmpdir(), 'trimmer-'));
    });
    afterEach(async () => {
      await origin.remove();
      await rm(root, { recursive: true, force: true });
    });

    it('keeps the cache under its cap: a mirror past it is evicted by the next trim', async () => {
      const mirrors = new RepoMirrors(path.join(root, 'cache'), { gitTimeoutMs: 30_000 });
      const trimmer = new CacheTrimmer({ trim: () => mirrors.evict(1), everyTasks: 2, logger });
      await mirrors.checkout({ owner: 'octo', repo: 'hello', url: origin.url, token: 'unused' }, { branch: 'main' }, path.join(root, 'w1'));
      trimmer.taskFinished();
      expect(existsSync(path.join(root, 'cache/octo/hello.git'))).toBe(true);
      trimmer.taskFinished();
      await trimmer.trimNow();
      expect(existsSync(path.join(root, 'cache/octo/hello.git'))).toBe(false);
    });
  });
});
