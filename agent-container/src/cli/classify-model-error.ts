import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { CliErrorKind } from '../runners/vllm/cli-events.js';

export interface ClassifiedError {
  kind: CliErrorKind;
  message: string;
}

/** Statuses worth another attempt later: the server is overloaded, restarting or rate limiting. */
const TRANSIENT_STATUSES = new Set([408, 409, 429]);

/** Turns an error of the model call into a message for the thread and a retry decision. */
export function classifyModelError(error: unknown, baseUrl: string): ClassifiedError {
  if (error instanceof APIUserAbortError) return { kind: 'terminated', message: 'the run was stopped' };
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { kind: 'model_unavailable', message: `model server unreachable at ${baseUrl} (${error.message}${cause})` };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const transient = error.status >= 500 || TRANSIENT_STATUSES.has(error.status);
    return {
      kind: transient ? 'model_unavailable' : 'model_rejected',
      message: `model server answered HTTP ${error.status}: ${error.message}`,
    };
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
