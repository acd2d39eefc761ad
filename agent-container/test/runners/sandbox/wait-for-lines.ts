import { readFile } from 'node:fs/promises';

/**
 * Waits until `file` has `count` lines (an agent's command writing its pids), so a test can act
 * once the command really runs, however slowly the CLI started on a loaded machine.
 */
export async function waitForLines(file: string, count: number, timeoutMs = 60_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length >= count) return lines.map(Number);
    if (Date.now() > deadline) throw new Error(`${file} has ${lines.length} of ${count} lines after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
