import { randomBytes } from 'node:crypto';
import { appendFile, link, open, rename, rm } from 'node:fs/promises';

export interface AtomicWriteOptions {
  /**
   * Create the file only if it does not exist yet; an existing file is left as it is and the
   * call answers `false`. For files another process takes over (the agent updates metadata.json).
   * @defaultValue false
   */
  exclusive?: boolean;
}

/**
 * Writes a whole file so that a reader sees either the old or the new content (or, exclusive,
 * nothing), never half of it: temp file in the same directory, fsync, then rename (or link, which
 * refuses to replace). Answers whether the file now holds `content`.
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!options.exclusive) {
      await rename(temp, path);
      return true;
    }
    try {
      await link(temp, path);
      return true;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
      throw error;
    } finally {
      await rm(temp, { force: true });
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Appends complete lines in one write, so concurrent appenders (gateway, agent) never interleave inside a line. */
export async function appendLines(path: string, lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  await appendFile(path, lines.map((line) => `${line}\n`).join(''), { mode: 0o644 });
}
