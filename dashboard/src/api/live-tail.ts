import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { appendLiveRecords, parseLiveEvent, replaceLiveTask } from '../task-log/live-events.js';
import type { TaskDetail } from './types.js';

/**
 * - `connecting`: the stream is being opened;
 * - `live`: records arrive as they are written;
 * - `ended`: the task finished and everything was received;
 * - `unavailable`: the stream could not be kept open; the page falls back to polling.
 */
export type LiveState = 'idle' | 'connecting' | 'live' | 'ended' | 'unavailable';

/** Opens an event stream; tests hand in another. */
export type EventSourceFactory = (url: string) => EventSource;

const openEventSource: EventSourceFactory = (url) => new EventSource(url);

/**
 * Follows a running task's log over dashboard-api's live tail (Server-Sent Events) from the
 * position of the detail already shown, and appends what arrives to the cached detail. The
 * browser reconnects by itself with Last-Event-ID, and the API resumes exactly there.
 */
export function useLiveTail(id: string, position: string | undefined, enabled: boolean, open: EventSourceFactory = openEventSource): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('idle');
  // The tail starts from the first detail read; later reads of the detail must not restart it.
  const start = useRef<string | undefined>(undefined);
  start.current ??= position;
  const ready = enabled && start.current !== undefined;

  useEffect(() => {
    if (!ready || start.current === undefined) return;
    setState('connecting');
    const source = open(`/api/v1/tasks/${encodeURIComponent(id)}/live?after=${encodeURIComponent(start.current)}`);
    const update = (change: (detail: TaskDetail) => TaskDetail) =>
      queryClient.setQueryData<TaskDetail>(['task', id], (detail) => (detail ? change(detail) : detail));
    source.onopen = () => setState('live');
    source.addEventListener('records', (event) => {
      const records = parseLiveEvent(event.data)?.records;
      if (records) update((detail) => appendLiveRecords(detail, records));
    });
    source.addEventListener('task', (event) => {
      const task = parseLiveEvent(event.data)?.task;
      if (task) update((detail) => replaceLiveTask(detail, task));
    });
    source.addEventListener('end', () => {
      source.close();
      setState('ended');
      // The JSON parts (metadata, final result) are not streamed: read the finished log once more.
      void queryClient.invalidateQueries({ queryKey: ['task', id] });
    });
    // A closed source will not retry (an HTTP error, a 401): polling takes over.
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'unavailable' : 'connecting');
    return () => source.close();
  }, [id, ready, open, queryClient]);

  return state;
}
