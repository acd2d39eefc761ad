import type { ReactNode } from 'react';

/** One part of a task page: a titled card that names the task-log file it comes from. */
export function Section({ id, title, file, count, aside, children }: { id?: string; title: string; file?: string; count?: number; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-label={title} id={id}>
      <header className="card-header">
        <h2>
          {title}
          {count !== undefined && <span className="count">{count}</span>}
        </h2>
        <span className="card-header-end">
          {aside}
          {file && <code className="file-name">{file}</code>}
        </span>
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}

/** The raw record, folded away: the readable view above it never hides a field for good. */
export function RawJson({ value, label = 'Raw JSON' }: { value: unknown; label?: string }) {
  return (
    <details className="raw">
      <summary>{label}</summary>
      <pre className="code">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

export function KeyValues({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="key-values">
      {items.map(([key, value]) => (
        <div key={key} className="key-value">
          <dt>{key}</dt>
          <dd>{value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
