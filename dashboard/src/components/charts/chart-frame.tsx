import type { ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

/** A chart card: a title, an optional note, and a chart that takes the card's width. */
export function ChartFrame({ title, note, height = 240, children }: { title: string; note?: ReactNode; height?: number; children: ReactNode }) {
  return (
    <section className="card chart-card" aria-label={title}>
      <header className="card-header">
        <h2>{title}</h2>
        {note && <span className="muted small">{note}</span>}
      </header>
      <div className="card-body chart-body" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}
