import type { TaskStatus } from '../api/types.js';

/** The colour family of a status badge; the stylesheet maps each to light and dark colours. */
export type Tone = 'neutral' | 'info' | 'success' | 'danger' | 'warning';

const STATUS: Record<TaskStatus, { label: string; tone: Tone; finished: boolean }> = {
  queued: { label: 'Queued', tone: 'neutral', finished: false },
  running: { label: 'Running', tone: 'info', finished: false },
  succeeded: { label: 'Succeeded', tone: 'success', finished: true },
  failed: { label: 'Failed', tone: 'danger', finished: true },
  cancelled: { label: 'Cancelled', tone: 'warning', finished: true },
};

export const TASK_STATUSES: readonly TaskStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

export function statusLabel(status: TaskStatus): string {
  return STATUS[status].label;
}

export function statusTone(status: TaskStatus): Tone {
  return STATUS[status].tone;
}

/** A finished task will not change any more: its page can stop polling. */
export function isFinished(status: TaskStatus): boolean {
  return STATUS[status].finished;
}

const PROVIDERS: Record<string, string> = { github: 'GitHub', jira: 'Jira', slack: 'Slack', sentry: 'Sentry', custom: 'Custom' };

export function providerLabel(provider: string): string {
  return PROVIDERS[provider] ?? provider;
}
