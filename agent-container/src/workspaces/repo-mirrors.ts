import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { withDirectoryLock } from './directory-lock.js';
import { diskUsage } from './disk-usage.js';
import { git } from './git-command.js';

/** GitHub's owner and repository name characters; anything else never becomes a path. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface RemoteRepository {
  owner: string;
  repo: string;
  /** HTTPS clone URL without credentials. */
  url: string;
  /** Short-lived; goes only into the environment of the git commands that talk to `url`. */
  token: string;
}

/** What to check out: a branch, or a pull request's head (`refs/pull/<n>/head`, which also covers forks). */
export type CheckoutTarget = { branch: string } | { pullRequest: number };

export interface Checkout {
  /** The local branch the workspace is on. */
  branch: string;
  /** The commit checked out: the agent's changes are measured against it. */
  baseSha: string;
}

/**
 * A bare mirror per repository under `cacheDir`, fetched shallowly and incrementally, from which
 * each task's workspace is cloned locally: a repository's second task fetches only what changed.
 * Mirrors are shared by concurrent tasks (and processes) under a directory lock, and evicted
 * least recently used first when the cache passes its size cap.
 */
export class RepoMirrors {
  private readonly cacheDir: string;

  constructor(
    cacheDir: string,
    private readonly options: { gitTimeoutMs: number },
  ) {
    // Mirrors are addressed as file:// URLs, which must be absolute.
    this.cacheDir = path.resolve(cacheDir);
  }

  private mirrorPath(owner: string, repo: string): string {
    if (!NAME.test(owner) || !NAME.test(repo)) throw new Error(`not a repository name: ${owner}/${repo}`);
    return path.join(this.cacheDir, owner, `${repo}.git`);
  }

  /**
   * Fetches the target into the mirror, then makes `workdir` a depth-1 clone of it with `origin`
   * pointing at `url`. `config` goes into the workspace's `.git/config` (the commit identity).
   */
  async checkout(remote: RemoteRepository, target: CheckoutTarget, workdir: string, signal?: AbortSignal, config: Record<string, string> = {}): Promise<Checkout> {
    const mirror = this.mirrorPath(remote.owner, remote.repo);
    const [remoteRef, localRef, branch] =
      'branch' in target
        ? [`refs/heads/${target.branch}`, `refs/heads/${target.branch}`, target.branch]
        : [`refs/pull/${target.pullRequest}/head`, `refs/pull/${target.pullRequest}/head`, `pr-${target.pullRequest}`];
    const run = (cwd: string, args: string[], auth = false) =>
      git(args, { cwd, signal, timeoutMs: this.options.gitTimeoutMs, ...(auth ? { auth: { url: remote.url, token: remote.token } } : {}) });
    await mkdir(path.dirname(mirror), { recursive: true });
    const checkout = await withDirectoryLock(`${mirror}.lock`, async () => {
      if (!(await stat(path.join(mirror, 'HEAD')).catch(() => null))) {
        await rm(mirror, { recursive: true, force: true });
        await mkdir(mirror, { recursive: true });
        await run(mirror, ['init', '--bare', '-q']);
      }
      await run(mirror, ['fetch', '--depth=1', '--no-tags', '--force', '--quiet', remote.url, `+${remoteRef}:${localRef}`], true);
      const now = new Date();
      await utimes(mirror, now, now);
      await mkdir(workdir, { recursive: true });
      if ('branch' in target) {
        // One command instead of init, fetch, checkout and remote add: the clone names the public
        // URL, which git reads from the mirror (insteadOf applies to this command only), so
        // `origin` is that URL, with no credentials, as a clone from the repository would have it.
        await run(path.dirname(workdir), [
          '-c',
          `url.file://${mirror}.insteadOf=${remote.url}`,
          'clone',
          '--depth=1',
          '--no-tags',
          '--single-branch',
          '--quiet',
          `--branch=${target.branch}`,
          ...Object.entries(config).flatMap(([key, value]) => ['--config', `${key}=${value}`]),
          '--',
          remote.url,
          workdir,
        ]);
      } else {
        // A pull request's head is no branch, which `clone --branch` cannot take.
        await run(workdir, ['init', '-q']);
        await run(workdir, ['fetch', '--depth=1', '--no-tags', '--quiet', `file://${mirror}`, localRef]);
        await run(workdir, ['checkout', '-q', '-B', branch, 'FETCH_HEAD']);
        await run(workdir, ['remote', 'add', 'origin', remote.url]);
        for (const [key, value] of Object.entries(config)) await run(workdir, ['config', key, value]);
      }
      return { branch, baseSha: (await run(workdir, ['rev-parse', 'HEAD'])).stdout.trim() };
    });
    if (!checkout) throw new Error(`could not lock the mirror of ${remote.owner}/${remote.repo}`);
    return checkout;
  }

  /**
   * Pushes the workspace's HEAD as `branch` to the repository. The push runs from the mirror, not
   * from the workspace: the agent could have rewritten the workspace's `.git/config` (a remote
   * rewrite, a proxy), and the token must only go where the platform means it to.
   */
  async push(remote: RemoteRepository, workdir: string, branch: string, signal?: AbortSignal): Promise<void> {
    const mirror = this.mirrorPath(remote.owner, remote.repo);
    const ref = `refs/heads/${branch}`;
    const done = await withDirectoryLock(`${mirror}.lock`, async () => {
      const run = (args: string[], auth = false) =>
        git(args, { cwd: mirror, signal, timeoutMs: this.options.gitTimeoutMs, ...(auth ? { auth: { url: remote.url, token: remote.token } } : {}) });
      await run(['fetch', '--no-tags', '--update-shallow', '--quiet', `file://${workdir}`, `+HEAD:${ref}`]);
      try {
        await run(['push', '--force', '--quiet', remote.url, `${ref}:${ref}`], true);
      } finally {
        await run(['update-ref', '-d', ref]).catch(() => undefined);
      }
      return true;
    });
    if (!done) throw new Error(`could not lock the mirror of ${remote.owner}/${remote.repo}`);
  }

  /** Removes the least recently used mirrors until the cache is at most `maxBytes`; mirrors in use are kept. */
  async evict(maxBytes: number): Promise<string[]> {
    const mirrors: Array<{ path: string; bytes: number; usedAt: number }> = [];
    for (const owner of await readdir(this.cacheDir).catch(() => [])) {
      for (const entry of await readdir(path.join(this.cacheDir, owner)).catch(() => [])) {
        if (!entry.endsWith('.git')) continue;
        const full = path.join(this.cacheDir, owner, entry);
        const info = await stat(full).catch(() => null);
        if (info?.isDirectory()) mirrors.push({ path: full, bytes: await diskUsage(full), usedAt: info.mtimeMs });
      }
    }
    let total = mirrors.reduce((sum, mirror) => sum + mirror.bytes, 0);
    const removed: string[] = [];
    for (const mirror of mirrors.sort((a, b) => a.usedAt - b.usedAt)) {
      if (total <= maxBytes) break;
      const gone = await withDirectoryLock(`${mirror.path}.lock`, async () => rm(mirror.path, { recursive: true, force: true }).then(() => true), { tryOnly: true });
      if (gone) {
        total -= mirror.bytes;
        removed.push(path.relative(this.cacheDir, mirror.path));
      }
    }
    return removed;
  }
}
