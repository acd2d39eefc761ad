import { readFile } from 'node:fs/promises';
import { confinePath } from '../cli/tools/confine-path.js';

const MAX_BYTES = 16 * 1024;

/**
 * The repository's `AGENTS.md` (the convention coding agents share for a repository's own
 * instructions), at most 16 KiB, or null. A symlink that leaves the checkout is not followed.
 */
export async function readRepositoryInstructions(workdir: string): Promise<string | null> {
  let file: string;
  try {
    file = await confinePath(workdir, 'AGENTS.md');
  } catch {
    return null;
  }
  const content = await readFile(file).catch(() => null);
  if (!content || content.length === 0) return null;
  const text = content.subarray(0, MAX_BYTES).toString('utf8').trim();
  return content.length > MAX_BYTES ? `${text}\n[AGENTS.md cut at ${MAX_BYTES} bytes]` : text;
}
