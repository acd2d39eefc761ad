/** A token count at a glance: 950, 18.2k, 1.3M; "—" when unknown. */
export function formatTokens(count: number | null | undefined): string {
  if (count === null || count === undefined || !Number.isFinite(count) || count < 0) return '—';
  if (count < 1_000) return String(Math.round(count));
  if (count < 1_000_000) return `${trim(count / 1_000)}k`;
  return `${trim(count / 1_000_000)}M`;
}

/** "18.2k in · 2k out", or "—" when neither side is known. */
export function formatTokenPair(input: number | null | undefined, output: number | null | undefined): string {
  if ((input === null || input === undefined) && (output === null || output === undefined)) return '—';
  return `${formatTokens(input)} in · ${formatTokens(output)} out`;
}

function trim(value: number): string {
  const fixed = value < 100 ? value.toFixed(1) : value.toFixed(0);
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}
