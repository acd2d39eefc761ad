import { useState } from 'react';
import type { AgentOutputRecord } from '../api/types.js';
import { formatDuration, formatOffset } from '../format/format-duration.js';
import { formatTimestamp } from '../format/format-time.js';
import { type TimelineEntry, buildAgentTimeline, truncate } from '../task-log/agent-timeline.js';
import { EmptyState } from './state-views.js';
import { Badge } from './status-badge.js';

/** Characters of a body shown before "Show all". */
const PREVIEW_CHARS = 1_200;

export function AgentTimelineView({ records }: { records: readonly AgentOutputRecord[] }) {
  if (records.length === 0) return <EmptyState title="No agent output yet">The agent writes here once it picks the task up.</EmptyState>;
  return (
    <ol className="timeline">
      {buildAgentTimeline(records).map((entry) => (
        <TimelineItem key={entry.key} entry={entry} />
      ))}
    </ol>
  );
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  return (
    <li className={`timeline-item timeline-${entry.kind} tone-${entry.tone}`}>
      <div className="timeline-meta">
        <time dateTime={entry.timestamp} title={formatTimestamp(entry.timestamp)}>
          {formatOffset(entry.offsetMs)}
        </time>
      </div>
      <div className="timeline-content">
        <div className="timeline-title">{entry.title}</div>
        {entry.body && <Body text={entry.body} mono={entry.kind === 'tool_call' || entry.kind === 'tool_result' || entry.kind === 'usage'} />}
        {entry.result && (
          <div className="tool-result">
            <div className="tool-result-title">
              <Badge tone={entry.result.failed ? 'danger' : 'neutral'}>{entry.result.failed ? 'failed' : 'result'}</Badge>
              <span className="muted">{formatDuration(entry.result.durationMs)}</span>
            </div>
            {entry.result.body && <Body text={entry.result.body} mono />}
          </div>
        )}
      </div>
    </li>
  );
}

function Body({ text, mono }: { text: string; mono: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? { text, truncated: false } : truncate(text, PREVIEW_CHARS);
  return (
    <>
      {mono ? <pre className="code">{shown.text}</pre> : <p className="prose">{shown.text}</p>}
      {(shown.truncated || expanded) && (
        <button type="button" className="link-button" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : `Show all ${text.length.toLocaleString()} characters`}
        </button>
      )}
    </>
  );
}
