import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PathEscapeError, confinePath } from './confine-path.js';

describe('confinePath', () => {
  let root: string;
  beforeEach(async () => {
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'confine-')));
    await mkdir(path.join(root, 'work', 'src'), { recursive: true });
    await mkdir(path.join(root, 'elsewhere'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('resolves paths inside the workdir, existing or not', async () => {
    const work = path.join(root, 'work');
    await expect(confinePath(work, 'src')).resolves.toBe(path.join(work, 'src'));
    await expect(confinePath(work, './src/../src/new.ts')).resolves.toBe(path.join(work, 'src/new.ts'));
    await expect(confinePath(work, path.join(work, 'a/b'))).resolves.toBe(path.join(work, 'a/b'));
    await expect(confinePath(work, '.')).resolves.toBe(work);
  });

  it('rejects ../ escapes, absolute paths outside, and a sibling sharing the prefix', async () => {
    const work = path.join(root, 'work');
    await mkdir(path.join(root, 'work-other'));
    await expect(confinePath(work, '../elsewhere')).rejects.toBeInstanceOf(PathEscapeError);
    await expect(confinePath(work, '/etc/passwd')).rejects.toBeInstanceOf(PathEscapeError);
    await expect(confinePath(work, '../work-other/x')).rejects.toBeInstanceOf(PathEscapeError);
  });

  it('rejects a symlink (or a path through one) that points outside', async () => {
    const work = path.join(root, 'work');
    await symlink(path.join(root, 'elsewhere'), path.join(work, 'out'));
    await expect(confinePath(work, 'out')).rejects.toBeInstanceOf(PathEscapeError);
    await expect(confinePath(work, 'out/new-file')).rejects.toBeInstanceOf(PathEscapeError);
  });
});
