import type { MicroserviceFlowRecord, QueueFlowRecord, WebhookFlowRecord } from '../api/types.js';
import { formatDuration, formatOffset } from '../format/format-duration.js';
import { formatTimestamp } from '../format/format-time.js';
import type { Tone } from '../format/task-status.js';
import { describeDetails } from '../task-log/describe-details.js';
import { EmptyState } from './state-views.js';
import { Badge } from './status-badge.js';

const STAGE_TONES: Record<WebhookFlowRecord['status'], Tone> = { ok: 'success', failed: 'danger', skipped: 'neutral' };

/** Milliseconds from the task's reception, so the three flows read on one clock. */
function Offset({ timestamp, start }: { timestamp: string; start: number }) {
  const at = Date.parse(timestamp);
  return (
    <time dateTime={timestamp} title={formatTimestamp(timestamp)}>
      {Number.isNaN(start) ? formatTimestamp(timestamp) : formatOffset(at - start)}
    </time>
  );
}

function Details({ details }: { details: Record<string, unknown> | undefined }) {
  const lines = describeDetails(details);
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="details">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

export function WebhookFlowTable({ records, start }: { records: readonly WebhookFlowRecord[]; start: number }) {
  if (records.length === 0) return <EmptyState title="No webhook stages recorded" />;
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">At</th>
            <th scope="col">Stage</th>
            <th scope="col">Outcome</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record, index) => (
            <tr key={`${record.stage}-${index}`}>
              <td className="numeric">
                <Offset timestamp={record.timestamp} start={start} />
              </td>
              <td>
                <code>{record.stage}</code>
              </td>
              <td>
                <Badge tone={STAGE_TONES[record.status]}>{record.status}</Badge>
              </td>
              <td>
                <Details details={record.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function QueueFlowTable({ records, start }: { records: readonly QueueFlowRecord[]; start: number }) {
  if (records.length === 0) return <EmptyState title="Not queued yet" />;
  const tone = (stage: QueueFlowRecord['stage']): Tone => (stage === 'failed' ? 'danger' : stage === 'retry' || stage === 'requeued' ? 'warning' : 'neutral');
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">At</th>
            <th scope="col">Stage</th>
            <th scope="col">Queue</th>
            <th scope="col">Attempt</th>
            <th scope="col">Worker</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record, index) => (
            <tr key={`${record.stage}-${index}`}>
              <td className="numeric">
                <Offset timestamp={record.timestamp} start={start} />
              </td>
              <td>
                <Badge tone={tone(record.stage)}>{record.stage}</Badge>
              </td>
              <td>
                <code>{record.queue}</code>
              </td>
              <td className="numeric">{record.attempt ?? '—'}</td>
              <td>{record.worker ?? <span className="muted">—</span>}</td>
              <td>
                <Details details={record.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MicroservicesFlowTable({ records, start }: { records: readonly MicroserviceFlowRecord[]; start: number }) {
  if (records.length === 0) return <EmptyState title="No calls to the provider services yet" />;
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">At</th>
            <th scope="col">Event</th>
            <th scope="col">Service</th>
            <th scope="col">Operation</th>
            <th scope="col">Request</th>
            <th scope="col" className="numeric">
              Status
            </th>
            <th scope="col" className="numeric">
              Took
            </th>
          </tr>
        </thead>
        <tbody>
          {records.map((record, index) => (
            <tr key={`${record.type}-${index}`} className={record.type === 'service_error' ? 'row-error' : undefined}>
              <td className="numeric">
                <Offset timestamp={record.timestamp} start={start} />
              </td>
              <td>
                <Badge tone={record.type === 'service_error' ? 'danger' : 'neutral'}>{record.type.replace('service_', '')}</Badge>
              </td>
              <td>{record.service}</td>
              <td>
                <code>{record.operation}</code>
              </td>
              <td>
                {record.method || record.path ? (
                  <code>
                    {record.method} {record.path}
                  </code>
                ) : (
                  <span className="muted">—</span>
                )}
                {record.error && <div className="error-text">{record.error}</div>}
              </td>
              <td className="numeric">{record.status_code ?? '—'}</td>
              <td className="numeric">{record.duration_ms === undefined ? '—' : formatDuration(record.duration_ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
