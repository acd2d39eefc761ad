import path from 'node:path';
import { ToolError } from './tool.js';

/**
 * The file tools never write inside `.git`: hooks and config there would run with the worker's
 * git when it commits the agent's changes, so they are no place for the model's output.
 */
export function refuseGitInternals(workdir: string, resolved: string, requested: string): void {
  const first = path.relative(workdir, resolved).split(path.sep)[0];
  if (first === '.git') throw new ToolError(`"${requested}" is inside .git, which the file tools do not change`);
}
