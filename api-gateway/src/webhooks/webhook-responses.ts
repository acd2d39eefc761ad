import { z } from 'zod';

export const ErrorSchema = z
  .object({ code: z.string(), message: z.string() })
  .meta({ id: 'Error', example: { code: 'invalid_signature', message: 'the webhook signature is missing or does not match the body' } });

export const TaskAcceptedSchema = z
  .object({ task_id: z.string().describe('`task-<ULID>`; follow it in the dashboard and the task log') })
  .meta({ id: 'TaskAccepted', example: { task_id: 'task-01JD7Z8Q5W3V4X2Y1Z0A9B8C7D' } });

export const DuplicateDeliverySchema = z
  .object({
    task_id: z.string().nullable().describe('The task the first delivery created, or null when it created none'),
    duplicate: z.literal(true),
  })
  .meta({ id: 'DuplicateDelivery' });

export const NOT_ACCEPTED_REASONS = [
  'event_not_handled',
  'no_mention',
  'author_not_authorized',
  'bot_author',
  'hidden_marker',
  'duplicate_trigger',
] as const;
export type NotAcceptedReason = (typeof NOT_ACCEPTED_REASONS)[number];

export const NotAcceptedSchema = z
  .object({
    accepted: z.literal(false),
    reason: z
      .enum(NOT_ACCEPTED_REASONS)
      .describe(
        '`event_not_handled`: an event or action that never starts a task; `no_mention`; `author_not_authorized` (recorded with why); ' +
          "`bot_author` / `hidden_marker`: written by the platform or another bot; `duplicate_trigger`: the provider announced a trigger that already made a task",
      ),
  })
  .meta({ id: 'NotAccepted', example: { accepted: false, reason: 'no_mention' } });

/** Every answer a provider webhook route can give. */
export const webhookResponses = {
  200: z.union([DuplicateDeliverySchema, NotAcceptedSchema]).describe('Received, but no new task: a repeat, or nothing to do'),
  202: TaskAcceptedSchema.describe('A task was recorded and queued'),
  400: ErrorSchema.describe('Missing headers or a malformed body'),
  401: ErrorSchema.describe('Missing or wrong signature'),
  413: ErrorSchema.describe('Body over WEBHOOK_BODY_LIMIT_BYTES'),
  415: ErrorSchema.describe('Neither JSON nor form-encoded'),
  429: ErrorSchema.describe('More than WEBHOOK_RATE_LIMIT_PER_MINUTE deliveries from this source in the last minute (`Retry-After` says when to retry)'),
  503: ErrorSchema.describe('The task could not be recorded (deliver again), or the webhook is not configured'),
} as const;
