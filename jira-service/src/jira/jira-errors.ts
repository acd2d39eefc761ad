/**
 * Failures of one Jira request, as the transport sees them. `mapJiraError` turns each into the
 * status our caller should act on; nothing outside `src/jira/` sees these.
 */

/** Jira answered with a non-2xx status. `body` is its JSON error document, or its text. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly body: unknown,
    /** From `Retry-After` (delta-seconds or an HTTP date), when Jira sent one. */
    readonly retryAfterSeconds: number | undefined,
    readonly endpoint: string,
  ) {
    super(`Jira answered ${status} ${statusText} to ${endpoint}`);
    this.name = 'JiraHttpError';
  }
}

/** No answer within the request timeout. A write may or may not have been applied. */
export class JiraTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly endpoint: string,
  ) {
    super(`Jira did not answer ${endpoint} within ${timeoutMs} ms`);
    this.name = 'JiraTimeoutError';
  }
}

/** The request never got an HTTP answer: DNS, refused or reset connection, TLS. */
export class JiraNetworkError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly endpoint: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'JiraNetworkError';
  }
}

/** A 2xx whose body is not what Jira documents (HTML from a wrong base URL, or a changed shape). */
export class JiraUnexpectedResponseError extends Error {
  constructor(
    message: string,
    readonly endpoint: string,
  ) {
    super(message);
    this.name = 'JiraUnexpectedResponseError';
  }
}
