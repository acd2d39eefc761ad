import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

const identity = ['-c', 'user.name=Test', '-c', 'user.email=test@example.test'];

/**
 * A bare git repository on disk, standing in for a GitHub repository: seeded with files on a
 * branch, readable branch by branch, and advanced with new commits.
 */
export async function createBareRepository(files: Record<string, string>, branch = 'main') {
  const root = await mkdtemp(path.join(tmpdir(), 'bare-repo-'));
  const bare = path.join(root, 'origin.git');
  const scratch = path.join(root, 'scratch');
  const gitIn = (cwd: string, args: string[]) => execa('git', [...identity, '-C', cwd, ...args], { env: { GIT_CONFIG_GLOBAL: '/dev/null' } });
  await execa('git', ['init', '--bare', '-q', '-b', branch, bare]);
  await execa('git', ['init', '-q', '-b', branch, scratch]);
  /** Commits the changes on top of the scratch checkout and pushes them to `onBranch`. */
  const commit = async (changes: Record<string, string>, message: string, onBranch = branch) => {
    for (const [file, content] of Object.entries(changes)) {
      await mkdir(path.dirname(path.join(scratch, file)), { recursive: true });
      await writeFile(path.join(scratch, file), content);
    }
    await gitIn(scratch, ['add', '-A']);
    await gitIn(scratch, ['commit', '-q', '-m', message]);
    await gitIn(scratch, ['push', '-q', bare, `HEAD:refs/heads/${onBranch}`]);
    return (await gitIn(scratch, ['rev-parse', 'HEAD'])).stdout.trim();
  };
  await commit(files, 'initial commit');
  return {
    path: bare,
    url: `file://${bare}`,
    commit,
    /** The content of `file` on `ref`, or null when the ref or file does not exist. */
    async show(ref: string, file: string): Promise<string | null> {
      const result = await execa('git', ['-C', bare, 'show', `${ref}:${file}`], { reject: false, stripFinalNewline: false });
      return result.exitCode === 0 ? String(result.stdout) : null;
    },
    async log(ref: string): Promise<string[]> {
      const result = await execa('git', ['-C', bare, 'log', '--format=%s|%an|%ae', ref], { reject: false });
      return result.exitCode === 0 ? String(result.stdout).split('\n') : [];
    },
    async branches(): Promise<string[]> {
      const result = await execa('git', ['-C', bare, 'for-each-ref', '--format=%(refname:short)', 'refs/heads']);
      return String(result.stdout).split('\n').filter(Boolean);
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
export type BareRepository = Awaited<ReturnType<typeof createBareRepository>>;
