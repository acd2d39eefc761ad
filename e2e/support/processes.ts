import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
const artifacts = path.join(root, 'e2e/.artifacts');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningComponent {
  name: string;
  url: string;
  process: ChildProcess;
  logFile: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a built component as a real process (`node dist/main.js`, or the dashboard's
 * `vite preview`) and waits until its health URL answers 200. Its output goes to
 * e2e/.artifacts/<name>-<port>.log for post-mortems.
 */
export async function startComponent(
  name: string,
  env: Record<string, string>,
  options: { healthPath?: string; timeoutMs?: number } = {},
): Promise<RunningComponent> {
  const port = await freePort();
  const cwd = path.join(root, name);
  const isDashboard = name === 'dashboard';
  if (!existsSync(path.join(cwd, isDashboard ? 'dist/index.html' : 'dist/main.js'))) {
    throw new Error(`${name} is not built: run \`make build\` first`);
  }
  mkdirSync(artifacts, { recursive: true });
  const logFile = path.join(artifacts, `${name}-${port}.log`);
  const log = createWriteStream(logFile);
  const command = isDashboard
    ? [path.join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1']
    : ['dist/main.js'];
  const child = spawn(process.execPath, command, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_OPTIONS: '--max-semi-space-size=16', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} at start; see ${logFile}`);
    const ok = await fetch(`${url}${options.healthPath ?? '/health'}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become healthy in time; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name,
    url,
    process: child,
    logFile,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
