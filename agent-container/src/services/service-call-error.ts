/** Statuses after which the same call may succeed later. */
const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
/** A 409 from a provider service meaning "the same Idempotency-Key is being served right now". */
const TRANSIENT_CODES = new Set(['idempotency_in_progress']);

/** A provider service refused or failed a call; `retryable` says whether a later attempt may work. */
export class ServiceCallError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly service: string,
    readonly operation: string,
    /** The service's HTTP status; undefined when it could not be reached at all. */
    readonly status: number | undefined,
    readonly code: string,
    detail: string,
  ) {
    super(`${service} ${operation} failed${status ? ` (HTTP ${status} ${code})` : ''}: ${detail}`);
    this.name = 'ServiceCallError';
    this.retryable = status === undefined || TRANSIENT_STATUSES.has(status) || TRANSIENT_CODES.has(code);
  }
}
