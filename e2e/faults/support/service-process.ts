import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, root } from '../../support/processes.js';
import { sleep } from './bounded-pool.js';

/**
 * A built component as a process on a port that stays the same across restarts, so the
 * components calling it keep their URL while it is down and find it again when it is back.
 * Output of every run is appended to e2e/.artifacts/<name>-<port>.log.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  readonly logFile: string;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.logFile = path.join(root, 'e2e/.artifacts', `${name}-${port}.log`);
  }

  static async create(name: string, env: Record<string, string>): Promise<ServiceProcess> {
    return new ServiceProcess(name, await freePort(), env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const cwd = path.join(root, this.name);
    if (!existsSync(path.join(cwd, 'dist/main.js'))) throw new Error(`${this.name} is not built: run \`make build\` first`);
    mkdirSync(path.dirname(this.logFile), { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited at start; see ${this.logFile}`);
      const healthy = await fetch(`${this.url}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${this.name} did not become healthy in time; see ${this.logFile}`);
      }
      await sleep(100);
    }
  }

  /** SIGKILL is a crash; SIGTERM lets the component shut down gracefully. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}
