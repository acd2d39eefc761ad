import { SERVICES_REFRESH_MS, useServices } from '../api/service-queries.js';
import type { ComponentHealth, QueueDepth, Services } from '../api/types.js';
import { RelativeTime } from '../components/relative-time.js';
import { Section } from '../components/section.js';
import { EmptyState, ErrorState, Loading } from '../components/state-views.js';
import { Badge } from '../components/status-badge.js';
import type { Tone } from '../format/task-status.js';
import { hrefFor } from '../routing/routes.js';

const STATE_TONES: Record<ComponentHealth['status'], Tone> = { ok: 'success', degraded: 'warning', down: 'danger', unreachable: 'danger' };
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused', 'failed', 'completed'] as const;
/** The board is served by dashboard-api behind the same sign-in, on this origin through the /api proxy. */
const BOARD_URL = '/api/v1/board/';

/** Whether every component answers, how deep each queue is, and what the agent is running. */
export function ServicesPage() {
  const query = useServices();
  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>Services</h1>
          <p className="muted">
            Health of every component and the depth of each queue, refreshed every {SERVICES_REFRESH_MS / 1000} s.
            {query.data && (
              <>
                {' '}
                Checked <RelativeTime iso={query.data.checked_at} />.
              </>
            )}
          </p>
        </div>
        <a className="button" href={BOARD_URL} target="_blank" rel="noreferrer">
          Open the queue board ↗
        </a>
      </header>
      {query.isPending ? (
        <Loading label="Checking every component…" />
      ) : query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ServicesView services={query.data} />
      )}
    </main>
  );
}

function ServicesView({ services }: { services: Services }) {
  return (
    <>
      <Section title="Components" count={services.components.length}>
        {services.components.length === 0 ? <EmptyState title="No component is configured" /> : <ComponentTable components={services.components} />}
      </Section>
      <Section title="Queues" aside={<a href={BOARD_URL} target="_blank" rel="noreferrer">Board ↗</a>}>
        <QueueTable queues={services.queues} />
      </Section>
      <Section title="Agent worker" count={services.agent.status?.running.length}>
        {services.agent.status ? (
          <>
            <p className="muted">
              Runs {services.agent.status.concurrency.agent_tasks} task{services.agent.status.concurrency.agent_tasks === 1 ? '' : 's'} at once per worker; sends{' '}
              {services.agent.status.concurrency.notifications} acknowledgements at once. Runners:{' '}
              {services.agent.status.runners.map((runner) => (
                <Badge key={runner.name} tone={runner.available ? 'success' : 'neutral'}>
                  {runner.name}
                </Badge>
              ))}
            </p>
            {services.agent.status.running.length === 0 ? (
              <EmptyState title="Nothing is running" />
            ) : (
              <div className="table-wrap">
                <table className="table compact">
                  <thead>
                    <tr>
                      <th scope="col">Task</th>
                      <th scope="col">Command</th>
                      <th scope="col">Agent</th>
                      <th scope="col">Runner</th>
                      <th scope="col" className="numeric">
                        Attempt
                      </th>
                      <th scope="col">Started</th>
                    </tr>
                  </thead>
                  <tbody>
                    {services.agent.status.running.map((run) => (
                      <tr key={run.task_id}>
                        <td>
                          <a href={hrefFor({ page: 'task', id: run.task_id })}>
                            <code>{run.task_id}</code>
                          </a>
                        </td>
                        <td>{run.command}</td>
                        <td>{run.agent}</td>
                        <td>{run.runner}</td>
                        <td className="numeric">{run.attempt}</td>
                        <td>
                          <RelativeTime iso={run.started_at} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : (
          <EmptyState title="The agent's status is unavailable">{services.agent.error}</EmptyState>
        )}
      </Section>
    </>
  );
}

function ComponentTable({ components }: { components: ComponentHealth[] }) {
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col">State</th>
            <th scope="col">Checks</th>
            <th scope="col" className="numeric">
              Answered in
            </th>
          </tr>
        </thead>
        <tbody>
          {components.map((component) => (
            <tr key={component.name}>
              <td>
                <strong>{component.name}</strong>
                <div className="muted small">
                  <code>{component.url}</code>
                </div>
              </td>
              <td>
                <Badge tone={STATE_TONES[component.status]}>{component.status}</Badge>
                {component.error && <div className="error-text small">{component.error}</div>}
              </td>
              <td>
                <ul className="checks">
                  {Object.entries(component.checks).map(([name, value]) => (
                    <li key={name}>
                      <span className="muted">{name}</span> <span className={/^(ok|present|reachable|stored|environment)$/.test(value) ? 'ok-text' : 'warn-text'}>{value}</span>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="numeric">{component.latency_ms === null ? '—' : `${component.latency_ms} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QueueTable({ queues }: { queues: QueueDepth[] }) {
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            {QUEUE_STATES.map((state) => (
              <th key={state} scope="col" className="numeric">
                {state}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {queues.map((queue) => (
            <tr key={queue.name}>
              <td>
                <code>{queue.name}</code>
                {queue.error && <div className="error-text small">{queue.error}</div>}
              </td>
              {QUEUE_STATES.map((state) => (
                <td key={state} className={`numeric ${state === 'failed' && (queue.counts?.failed ?? 0) > 0 ? 'warn-text' : ''}`}>
                  {queue.counts ? queue.counts[state].toLocaleString() : '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
