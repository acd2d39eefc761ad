import { z } from 'zod';

/** `task-<ulid>`: the id exists from the moment the gateway receives the webhook. */
export const TaskIdSchema = z.string().regex(/^task-[0-9A-HJKMNP-TV-Z]{26}$/, 'a task id is task-<ULID>');
export type TaskId = z.infer<typeof TaskIdSchema>;

export const ProviderSchema = z.enum(['github', 'jira', 'slack', 'sentry', 'custom']);
export type Provider = z.infer<typeof ProviderSchema>;

export const TaskStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** ISO 8601 in UTC, as written by `new Date().toISOString()`. */
export const TimestampSchema = z.iso.datetime();
