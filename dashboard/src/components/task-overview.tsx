import type { Task } from '../api/types.js';
import { formatCost } from '../format/format-cost.js';
import { formatDuration } from '../format/format-duration.js';
import { formatTimestamp } from '../format/format-time.js';
import { formatTokenPair } from '../format/format-tokens.js';
import { providerLabel } from '../format/task-status.js';
import { RelativeTime } from './relative-time.js';
import { Stat } from './stat-card.js';
import { StatusBadge } from './status-badge.js';

/** The top of a task page: what was asked, by whom, where, and how it ended. */
export function TaskOverview({ task }: { task: Task }) {
  return (
    <>
      <header className="page-header task-header">
        <div>
          <div className="task-title">
            <StatusBadge status={task.status} />
            <h1>
              <span className="command">{task.command}</span>
              {task.repository && <span className="repository">{task.repository}</span>}
            </h1>
          </div>
          <p className="muted">
            {providerLabel(task.provider)} · by <strong>{task.author.login}</strong>
            {task.author.association && <span className="muted"> ({task.author.association.toLowerCase()})</span>} ·{' '}
            <RelativeTime iso={task.received_at} /> · <code className="task-id">{task.id}</code>
          </p>
        </div>
      </header>

      <div className="stats">
        <Stat label="Duration" value={formatDuration(task.duration_ms)} hint={task.started_at ? `started ${formatTimestamp(task.started_at)}` : 'not started'} />
        <Stat label="Tokens" value={formatTokenPair(task.input_tokens, task.output_tokens)} />
        <Stat label="Cost" value={formatCost(task.cost_usd)} />
        <Stat label="Agent" value={task.agent ?? '—'} hint={[task.runner, task.model].filter(Boolean).join(' · ') || undefined} />
      </div>

      <section className="card" aria-label="Request">
        <div className="card-body">
          <p className="request-text">{task.text || <span className="muted">(no text recorded)</span>}</p>
        </div>
      </section>

      {(task.result || task.error) && (
        <section className={`card outcome ${task.error ? 'outcome-error' : 'outcome-success'}`} aria-label="Outcome">
          <div className="card-body">
            {task.error && <p className="error-text">{task.error}</p>}
            {task.result && <p className="prose">{task.result}</p>}
          </div>
        </section>
      )}

      {task.links.length > 0 && (
        <ul className="links">
          {task.links.map((link) => (
            <li key={link.url}>
              <span className="muted">{link.kind.replaceAll('_', ' ')}</span>{' '}
              <a href={link.url} target="_blank" rel="noreferrer noopener">
                {link.url}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
