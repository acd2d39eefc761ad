import type { Runner } from './runner.js';

export class UnknownRunnerError extends Error {
  constructor(name: string, known: string[]) {
    super(`unknown runner "${name}" (available: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownRunnerError';
  }
}

/** Runners by name, as agent definitions and `runner=` options refer to them. */
export class RunnerRegistry {
  private readonly runners: Map<string, Runner>;

  constructor(runners: Runner[]) {
    this.runners = new Map(runners.map((runner) => [runner.name, runner]));
  }

  get(name: string): Runner {
    const runner = this.runners.get(name);
    if (!runner) throw new UnknownRunnerError(name, this.names);
    return runner;
  }

  get names(): string[] {
    return [...this.runners.keys()];
  }

  async availability(): Promise<Array<{ name: string; available: boolean }>> {
    return Promise.all([...this.runners.values()].map(async (runner) => ({ name: runner.name, available: await runner.available() })));
  }

  killAll(): void {
    for (const runner of this.runners.values()) runner.killAll();
  }
}
