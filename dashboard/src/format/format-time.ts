const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago, for a list people scan: "just now", "42 s ago", "5 min ago", "3 h ago",
 * "2 d ago", then the date. `now` is passed in so the same input always reads the same.
 */
export function formatRelativeTime(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '—';
  const ago = now - at;
  if (ago < 5_000) return 'just now';
  if (ago < MINUTE) return `${Math.floor(ago / 1_000)} s ago`;
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)} d ago`;
  return new Date(at).toISOString().slice(0, 10);
}

/** The full instant in the reader's locale and time zone (tooltips and detail pages). */
export function formatTimestamp(iso: string | null | undefined, locale?: string, timeZone?: string): string {
  if (!iso) return '—';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(at);
}
