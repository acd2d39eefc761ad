import type { Comment } from '../schemas/comment.js';
import type { Issue } from '../schemas/issue.js';
import type { SentryIssue, SentryNote } from './sentry-responses.js';

const METADATA_KEYS = ['type', 'value', 'filename', 'function'] as const;

function toCount(value: string | number | null | undefined): number {
  const count = Number(value ?? 0);
  return Number.isFinite(count) ? Math.trunc(count) : 0;
}

/** Sentry's issue, reduced to the fields this service documents. */
export function normalizeIssue(issue: SentryIssue): Issue {
  const metadata: Issue['metadata'] = {};
  for (const key of METADATA_KEYS) {
    const value = issue.metadata?.[key];
    if (typeof value === 'string') metadata[key] = value;
  }
  return {
    id: issue.id,
    shortId: issue.shortId ?? null,
    title: issue.title,
    culprit: issue.culprit ?? null,
    permalink: issue.permalink ?? null,
    status: issue.status,
    level: issue.level ?? null,
    platform: issue.platform ?? null,
    count: toCount(issue.count),
    userCount: toCount(issue.userCount),
    numComments: toCount(issue.numComments),
    firstSeen: issue.firstSeen ?? null,
    lastSeen: issue.lastSeen ?? null,
    project: issue.project ?? null,
    assignedTo: issue.assignedTo ? { ...issue.assignedTo, email: issue.assignedTo.email ?? null } : null,
    metadata,
  };
}

export function normalizeNote(note: SentryNote): Comment {
  return { id: note.id, text: note.data.text, dateCreated: note.dateCreated ?? null, user: note.user ?? null };
}
