import type { Range } from '../routing/routes.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Local midnight of a `YYYY-MM-DD` day, as an ISO instant; undefined for anything else. */
export function startOfDay(day: string | undefined): string | undefined {
  if (!day) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return undefined;
  const start = new Date(year, month - 1, date);
  return Number.isNaN(start.getTime()) ? undefined : start.toISOString();
}

/** The instant just after a `YYYY-MM-DD` day ends: the exclusive end of a range that includes it. */
export function endOfDay(day: string | undefined): string | undefined {
  const start = startOfDay(day);
  if (!start) return undefined;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}

export interface Interval {
  from: string;
  to: string;
  bucket: 'hour' | 'day' | 'week';
}

/** A range of the analytics page as instants and the bucket its chart reads best in. */
export function intervalOf(range: Range, now: number): Interval {
  const to = new Date(Math.ceil(now / HOUR) * HOUR);
  const spans: Record<Range, { ms: number; bucket: Interval['bucket'] }> = {
    '24h': { ms: DAY, bucket: 'hour' },
    '7d': { ms: 7 * DAY, bucket: 'day' },
    '30d': { ms: 30 * DAY, bucket: 'day' },
    '90d': { ms: 90 * DAY, bucket: 'week' },
  };
  const span = spans[range];
  return { from: new Date(to.getTime() - span.ms).toISOString(), to: to.toISOString(), bucket: span.bucket };
}

/** The reader's IANA time zone: days of the charts start at their midnight. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A bucket's label on a chart axis: "14:00", "Mar 4", "Week of Mar 4". */
export function bucketLabel(iso: string, bucket: Interval['bucket'] | 'month', locale?: string, timeZone?: string): string {
  const at = Date.parse(iso);
  if (bucket === 'hour') return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
  if (bucket === 'month') return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone }).format(at);
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(at);
  return bucket === 'week' ? `Week of ${day}` : day;
}
