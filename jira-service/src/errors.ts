/** Base of every error this service renders: a stable snake_case `code` and an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'a valid bearer token is required') {
    super('unauthorized', message, 401);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', message, 404);
  }
}

export class IdempotencyConflictError extends AppError {
  constructor(message = 'this Idempotency-Key was already used with a different request') {
    super('idempotency_key_reused', message, 422);
  }
}

export class IdempotencyInProgressError extends AppError {
  constructor() {
    super('idempotency_in_progress', 'a request with this Idempotency-Key is still in progress; retry later', 409, { 'retry-after': '1' });
  }
}

export class CredentialsMissingError extends AppError {
  constructor(
    message = 'no Jira credentials are configured: store them with PUT /api/v1/credentials, or set JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN',
  ) {
    super('credentials_missing', message, 503);
  }
}

export class EncryptionKeyMissingError extends AppError {
  constructor() {
    super('encryption_key_missing', 'credentials cannot be stored: CREDENTIALS_ENCRYPTION_KEY is not configured', 503);
  }
}

/** A stored credential that the configured key cannot open (a wrong or rotated key, or tampering). */
export class CredentialsUnreadableError extends AppError {
  constructor() {
    super('credentials_unreadable', 'the stored Jira credentials cannot be decrypted with CREDENTIALS_ENCRYPTION_KEY', 500);
  }
}

/** The caller asked for a transition this issue does not offer in its current status. */
export class TransitionUnavailableError extends AppError {
  constructor(message: string) {
    super('transition_unavailable', message, 422);
  }
}

/** An error Jira itself returned (or a failure reaching it), mapped to the status a caller should see. */
export class ProviderError extends AppError {
  constructor(code: string, message: string, statusCode: number, headers: Record<string, string> = {}) {
    super(code, message, statusCode, headers);
  }
}

/** Jira refused credentials we were asked to store, so they were not stored. */
export class CredentialsRejectedError extends AppError {
  constructor(message: string) {
    super('credentials_rejected', message, 422);
  }
}

/** A rotation needs credentials in force to rotate from. */
export class NothingToRotateError extends AppError {
  constructor() {
    super('nothing_to_rotate', 'there are no Jira credentials to rotate: set them first with PUT /api/v1/credentials', 409);
  }
}
