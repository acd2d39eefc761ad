import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a whole file so that a reader sees either the old or the new content, never half of it:
 * temp file in the same directory, fsync, rename, then fsync of the directory so the rename
 * survives a crash.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

async function syncDirectory(directory: string): Promise<void> {
  // Some file systems refuse fsync on a directory; the rename itself has already happened.
  const handle = await open(directory, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Appends complete lines in one write, so concurrent appenders (gateway, agent) never interleave inside a line. */
export async function appendLines(path: string, lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  const handle = await open(path, 'a', 0o644);
  try {
    await handle.write(lines.map((line) => `${line}\n`).join(''));
  } finally {
    await handle.close();
  }
}
