import { formatRelativeTime, formatTimestamp } from '../format/format-time.js';
import { useNow } from './use-now.js';

/** "5 min ago", with the exact local time on hover. */
export function RelativeTime({ iso }: { iso: string | null }) {
  const now = useNow();
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={formatTimestamp(iso)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
