import type { TaskDetail } from '../api/types.js';
import type { Tone } from '../format/task-status.js';

export type StageState = 'done' | 'active' | 'failed' | 'pending';

/** One of the seven parts of a task log, as a step of the task's life. */
export interface Stage {
  /** The anchor of its section on the page. */
  id: string;
  title: string;
  file: string;
  state: StageState;
  /** When the stage last moved; null before it starts. */
  at: string | null;
  summary: string;
}

export const STAGE_TONES: Record<StageState, Tone> = { done: 'success', active: 'info', failed: 'danger', pending: 'neutral' };

const last = <T extends { timestamp: string }>(records: readonly T[]): string | null => records.at(-1)?.timestamp ?? null;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The seven stages of a task in the order its log is written: recorded, received, the webhook
 * checks, the queue, the agent's run, the calls to the provider services, the result. Each is
 * done, active, failed or still pending, from what the log holds so far.
 */
export function taskStages(detail: TaskDetail): Stage[] {
  const { task, log } = detail;
  const finished = task.status === 'succeeded' || task.status === 'failed' || task.status === 'cancelled';
  const webhookFailed = log.webhook_flow.find((record) => record.status === 'failed');
  const pushed = log.webhook_flow.some((record) => record.stage === 'queue_push' && record.status === 'ok');
  const assigned = log.queue_flow.some((record) => record.stage === 'worker_assigned');
  const queueFailed = log.queue_flow.some((record) => record.stage === 'failed');
  const agentError = log.agent_output.some((record) => record.type === 'error');
  const serviceErrors = log.microservices_flow.filter((record) => record.type === 'service_error').length;
  const serviceCalls = log.microservices_flow.filter((record) => record.type === 'service_request' || record.type === 'service_call').length;
  const attempts = log.queue_flow.filter((record) => record.stage === 'dequeued').length;

  return [
    {
      id: 'stage-metadata',
      title: 'Recorded',
      file: 'metadata.json',
      state: log.metadata ? 'done' : 'pending',
      at: log.metadata?.created_at ?? null,
      summary: log.metadata ? `${log.metadata.source} · ${log.metadata.status}` : 'no metadata.json yet',
    },
    {
      id: 'stage-input',
      title: 'Request',
      file: '01-input.json',
      state: log.input ? 'done' : 'pending',
      at: log.input?.timestamp ?? null,
      summary: log.input ? `${log.input.event} by ${log.input.author.login}` : 'no input recorded',
    },
    {
      id: 'stage-webhook',
      title: 'Webhook checks',
      file: '02-webhook-flow.jsonl',
      state: webhookFailed ? 'failed' : pushed ? 'done' : log.webhook_flow.length > 0 ? 'active' : 'pending',
      at: last(log.webhook_flow),
      summary: webhookFailed ? `failed at ${webhookFailed.stage}` : `${plural(log.webhook_flow.length, 'stage')} passed`,
    },
    {
      id: 'stage-queue',
      title: 'Queue',
      file: '03-queue-flow.jsonl',
      state: queueFailed ? 'failed' : assigned ? 'done' : log.queue_flow.length > 0 ? 'active' : 'pending',
      at: last(log.queue_flow),
      summary: assigned ? `picked up${attempts > 1 ? ` (attempt ${attempts})` : ''}` : log.queue_flow.length > 0 ? 'waiting for a worker' : 'not queued yet',
    },
    {
      id: 'stage-agent',
      title: 'Agent run',
      file: '04-agent-output.jsonl',
      state: log.agent_output.length === 0 ? 'pending' : !finished ? 'active' : agentError && task.status !== 'succeeded' ? 'failed' : 'done',
      at: last(log.agent_output),
      summary: log.agent_output.length > 0 ? plural(log.agent_output.length, 'event') : 'not started',
    },
    {
      id: 'stage-services',
      title: 'Provider calls',
      file: '05-microservices-flow.jsonl',
      state: serviceErrors > 0 && finished && task.status !== 'succeeded' ? 'failed' : log.microservices_flow.length === 0 ? 'pending' : finished ? 'done' : 'active',
      at: last(log.microservices_flow),
      summary: `${plural(serviceCalls, 'call')}${serviceErrors > 0 ? `, ${plural(serviceErrors, 'error')}` : ''}`,
    },
    {
      id: 'stage-result',
      title: 'Result',
      file: '06-final-result.json',
      state: log.final_result ? (log.final_result.success ? 'done' : 'failed') : finished && task.status !== 'succeeded' ? 'failed' : 'pending',
      at: log.final_result?.timestamp ?? null,
      summary: log.final_result ? (log.final_result.success ? 'succeeded' : 'failed') : finished ? task.status : 'when the run ends',
    },
  ];
}
