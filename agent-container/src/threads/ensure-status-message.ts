import type { CallContext } from '../services/service-caller.js';
import type { StatusMessageStore } from './status-message-store.js';
import type { MessageRef, Thread } from './thread.js';

/**
 * The task's status message: the one already recorded, or a new one posted under the
 * Idempotency-Key `<task id>:status`. The acknowledgement and the agent worker may both get here
 * first; the provider service gives the second caller the message the first one posted.
 */
export async function ensureStatusMessage(
  thread: Thread,
  store: StatusMessageStore,
  call: Omit<CallContext, 'idempotencyKey'>,
  text: string,
): Promise<MessageRef> {
  const taskId = call.taskLog.taskId;
  const saved = await store.get(taskId);
  if (saved) return saved;
  const posted = await thread.post({ ...call, idempotencyKey: `${taskId}:status` }, text);
  await store.save(taskId, thread.provider, posted);
  return posted;
}
