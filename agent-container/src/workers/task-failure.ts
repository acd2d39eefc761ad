import { UnknownRunnerError } from '../runners/runner-registry.js';
import { ServiceCallError } from '../services/service-call-error.js';

/** Why a task attempt failed, in words fit for the thread, and whether to try again. */
export class TaskFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'TaskFailure';
  }
}

/**
 * Sorts any error of an attempt. Provider-service and model errors say themselves whether they
 * are transient; an unknown runner cannot get better; anything else (the database or Redis
 * failing under us) is infrastructure, worth another attempt.
 */
export function toTaskFailure(error: unknown): TaskFailure {
  if (error instanceof TaskFailure) return error;
  if (error instanceof ServiceCallError) return new TaskFailure(error.message, error.retryable);
  if (error instanceof UnknownRunnerError) return new TaskFailure(error.message, false);
  return new TaskFailure(error instanceof Error ? error.message : String(error), true);
}
