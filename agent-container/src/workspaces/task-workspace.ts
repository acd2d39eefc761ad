import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** A task's private directories: the agent works in `workdir`; `home` and `tmp` are its HOME and TMPDIR. */
export interface TaskWorkspace {
  root: string;
  workdir: string;
  home: string;
  tmp: string;
  remove(): Promise<void>;
}

/**
 * Creates `<base>/<task id>/{work,home,tmp}`, fresh: whatever a killed earlier attempt left there
 * is removed first. (A repository clone into `work` comes with the workspace preparation step.)
 */
export async function createTaskWorkspace(baseDir: string, taskId: string): Promise<TaskWorkspace> {
  const root = path.resolve(baseDir, taskId);
  await rm(root, { recursive: true, force: true });
  const dirs = { workdir: path.join(root, 'work'), home: path.join(root, 'home'), tmp: path.join(root, 'tmp') };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true, mode: 0o700 });
  return { root, ...dirs, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * Removes workspaces left by runs of a process that died (older than `olderThanMs`, so a run of a
 * live worker sharing the directory is never touched). Returns the task ids removed.
 */
export async function removeAbandonedWorkspaces(baseDir: string, olderThanMs: number): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(baseDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || !entry.name.startsWith('task-')) continue;
    const dir = path.join(baseDir, entry.name);
    const info = await stat(dir).catch(() => null);
    if (info && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(dir, { recursive: true, force: true });
      removed.push(entry.name);
    }
  }
  return removed;
}
