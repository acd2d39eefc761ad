import type { z } from 'zod';
import type { EventException, Frame, LatestEvent } from '../schemas/event.js';
import {
  type SentryEvent,
  SentryExceptionEntrySchema,
  type SentryFrameSchema,
  SentryRequestEntrySchema,
  SentryStacktraceSchema,
} from './sentry-responses.js';

function normalizeFrame(frame: z.infer<typeof SentryFrameSchema>): Frame {
  return {
    filename: frame.filename ?? null,
    absPath: frame.absPath ?? null,
    module: frame.module ?? null,
    function: frame.function ?? null,
    lineNo: frame.lineNo ?? null,
    colNo: frame.colNo ?? null,
    inApp: frame.inApp ?? false,
    context: (frame.context ?? []).map(([lineNo, line]) => ({ lineNo, line: line ?? '' })),
  };
}

/**
 * Exceptions from the event's `exception` entry; an event with only a `stacktrace` entry
 * (a message captured with attach_stacktrace) becomes one exception without type. Entries of
 * other types, or shapes this service does not know, are skipped rather than failing the call.
 */
function exceptionsOf(entries: SentryEvent['entries']): EventException[] {
  const exceptions: EventException[] = [];
  for (const entry of entries ?? []) {
    if (entry.type === 'exception') {
      const parsed = SentryExceptionEntrySchema.safeParse(entry.data);
      for (const value of parsed.success ? (parsed.data.values ?? []) : []) {
        exceptions.push({
          type: value.type ?? null,
          value: value.value ?? null,
          module: value.module ?? null,
          mechanism: value.mechanism ? { type: value.mechanism.type ?? null, handled: value.mechanism.handled ?? null } : null,
          frames: (value.stacktrace?.frames ?? []).map(normalizeFrame),
        });
      }
    }
    if (entry.type === 'stacktrace') {
      const parsed = SentryStacktraceSchema.safeParse(entry.data);
      if (parsed.success) {
        exceptions.push({ type: null, value: null, module: null, mechanism: null, frames: (parsed.data.frames ?? []).map(normalizeFrame) });
      }
    }
  }
  return exceptions;
}

function requestOf(entries: SentryEvent['entries']): LatestEvent['request'] {
  const entry = entries?.find((candidate) => candidate.type === 'request');
  const parsed = entry ? SentryRequestEntrySchema.safeParse(entry.data) : undefined;
  return parsed?.success ? { method: parsed.data.method ?? null, url: parsed.data.url ?? null } : null;
}

/** Sentry's event, reduced to what a coding agent needs: the stack trace, its source context, the tags. */
export function normalizeEvent(event: SentryEvent): LatestEvent {
  const tags = event.tags ?? [];
  return {
    id: event.id,
    eventID: event.eventID,
    groupID: event.groupID ?? null,
    title: event.title,
    message: event.message || null,
    platform: event.platform ?? null,
    dateCreated: event.dateCreated ?? null,
    release: event.release?.version ?? null,
    environment: tags.find((tag) => tag.key === 'environment')?.value ?? null,
    tags,
    exceptions: exceptionsOf(event.entries),
    request: requestOf(event.entries),
  };
}
