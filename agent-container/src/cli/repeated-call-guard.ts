/** Object keys sorted at every level, so `{a,b}` and `{b,a}` are the same call. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  }
  return value;
}

export type RepeatVerdict = { action: 'run' } | { action: 'refuse'; times: number } | { action: 'stop'; times: number };

/**
 * Notices a model stuck in a loop: the same tool with the same arguments, call after call. From
 * the third identical call in a row the call is not run and the model is told so; at `stopAt`
 * the run ends.
 */
export class RepeatedCallGuard {
  private last = '';
  private times = 0;

  constructor(private readonly stopAt: number) {}

  check(name: string, input: unknown): RepeatVerdict {
    const key = `${name} ${JSON.stringify(canonical(input))}`;
    this.times = key === this.last ? this.times + 1 : 1;
    this.last = key;
    if (this.times >= this.stopAt) return { action: 'stop', times: this.times };
    if (this.times >= Math.min(3, this.stopAt)) return { action: 'refuse', times: this.times };
    return { action: 'run' };
  }
}
