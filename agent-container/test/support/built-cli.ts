import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const componentDir = fileURLToPath(new URL('../..', import.meta.url));
const cliPath = path.join(componentDir, 'dist/cli/agent-cli.js');
const lockDir = path.join(componentDir, 'dist/.test-build-lock');

async function newestSourceMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSourceMtime(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

async function isStale(): Promise<boolean> {
  const built = await stat(cliPath).catch(() => null);
  return !built || built.mtimeMs < (await newestSourceMtime(path.join(componentDir, 'src')));
}

/**
 * The compiled agent CLI (dist/cli/agent-cli.js), which the runner spawns with node. Rebuilt
 * with tsc when any source is newer, under a lock so parallel test files build once.
 */
export async function builtCliPath(): Promise<string> {
  if (!(await isStale())) return cliPath;
  await mkdir(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (await isStale()) {
      const tsc = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');
      await execa(process.execPath, [tsc, '-p', path.join(componentDir, 'tsconfig.build.json')]);
    }
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
  return cliPath;
}
