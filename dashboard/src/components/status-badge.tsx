import type { ReactNode } from 'react';
import type { TaskStatus } from '../api/types.js';
import { type Tone, statusLabel, statusTone } from '../format/task-status.js';

export function Badge({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <Badge tone={statusTone(status)}>
      {status === 'running' && <span className="pulse" aria-hidden="true" />}
      {statusLabel(status)}
    </Badge>
  );
}
