import { realpath } from 'node:fs/promises';
import path from 'node:path';

export class PathEscapeError extends Error {
  constructor(requested: string) {
    super(`path "${requested}" is outside the workspace`);
    this.name = 'PathEscapeError';
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The deepest existing ancestor's real path, with the missing rest appended. */
async function realpathOfExistingPrefix(target: string): Promise<string> {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * Resolves a path the model gave (relative to the workspace, or absolute) and rejects one that
 * leaves the workspace, textually (`../..`) or through a symlink that points outside.
 */
export async function confinePath(workdir: string, requested: string): Promise<string> {
  const root = await realpath(workdir);
  const resolved = path.resolve(root, requested);
  if (!isInside(root, resolved)) throw new PathEscapeError(requested);
  const real = await realpathOfExistingPrefix(resolved);
  if (!isInside(root, real)) throw new PathEscapeError(requested);
  return resolved;
}
