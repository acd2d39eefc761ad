/** A wall time for people: "850 ms", "12.3 s", "2 min 10 s", "1 h 05 min"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const seconds = ms / 1_000;
    return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  }
  const totalSeconds = Math.round(ms / 1_000);
  if (totalSeconds < 3_600) {
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return `${hours} h ${String(minutes).padStart(2, '0')} min`;
}

/** The offset of a log record from the start of its task: "+0.0 s", "+12.3 s", "+2 min 10 s". */
export function formatOffset(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const sign = ms < 0 ? '−' : '+';
  const magnitude = Math.abs(ms);
  return `${sign}${magnitude < 60_000 ? `${(magnitude / 1_000).toFixed(1)} s` : formatDuration(magnitude)}`;
}
