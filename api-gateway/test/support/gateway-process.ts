import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './tcp-forwarder.js';
import { waitFor } from './wait-for.js';

const componentRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface GatewayProcess {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * A whole gateway as its own process, `src/main.ts` run through tsx with only the environment
 * given: what a replica in production is, down to `loadConfig(process.env)` and migrations at start.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: componentRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      `the gateway on port ${port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}:\n${output}`);
        return fetch(`${url}/health`).then(
          (response) => response.status === 200,
          () => false,
        );
      },
      30_000,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
