/** What the pages show when a call to dashboard-api fails: its `{ code, message }`, or why there is none. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when dashboard-api could not be reached at all. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** dashboard-api's error body, or a readable stand-in when a proxy or crash answered instead. */
export function toApiError(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'code' in body && 'message' in body) {
    const { code, message } = body;
    if (typeof code === 'string' && typeof message === 'string') return new ApiError(code, message, status);
  }
  // dashboard-api's own 5xx carry { code, message }; a bare one comes from the proxy in front of it.
  if (status >= 500) return new ApiError('unavailable', `dashboard-api is not answering (HTTP ${status})`, status);
  return new ApiError('http_error', `dashboard-api answered HTTP ${status}`, status);
}

export function unreachable(cause: unknown): ApiError {
  const error = new ApiError('unreachable', 'dashboard-api cannot be reached; is it running?', 0);
  error.cause = cause;
  return error;
}
