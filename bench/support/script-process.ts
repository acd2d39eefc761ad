import { type ChildProcess, spawn } from 'node:child_process';
import { freePort, waitFor } from '../../e2e/support/processes.ts';

export interface RunningScript {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts one of bench/'s own TypeScript programs (a baseline server) as its own Node process on a
 * free loopback port and waits for `GET /health`; components start through e2e's startComponent.
 */
export async function startScript(file: string, env: Record<string, string> = {}): Promise<RunningScript> {
  const port = await freePort();
  const child = spawn(process.execPath, [file], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${file} to answer /health`, async () => {
    if (child.exitCode !== null) throw new Error(`${file} exited with ${child.exitCode}`);
    return (await fetch(`${url}/health`).then((response) => response.ok, () => false)) ? true : undefined;
  }, 15_000);
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
