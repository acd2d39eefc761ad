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

export class CredentialsMissingError extends AppError {
  constructor(message = 'no GitHub credentials are configured: store them with PUT /api/v1/credentials, or set GITHUB_TOKEN or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY') {
    super('credentials_missing', message, 503);
  }
}

/** An error GitHub itself returned, mapped to the status a caller should see. */
export class ProviderError extends AppError {
  constructor(code: string, message: string, statusCode: number, headers: Record<string, string> = {}) {
    super(code, message, statusCode, headers);
  }
}

/** GitHub did not answer within GITHUB_TIMEOUT_MS. */
export class GithubTimeoutError extends AppError {
  constructor(timeoutMs: number) {
    super('github_timeout', `GitHub did not answer within ${timeoutMs} ms`, 504);
  }
}

export class EncryptionKeyMissingError extends AppError {
  constructor() {
    super('encryption_key_missing', 'credentials cannot be stored: CREDENTIALS_ENCRYPTION_KEY is not configured', 503);
  }
}

/** Stored credentials exist but cannot be opened with the configured key (changed or missing). */
export class CredentialsUnreadableError extends AppError {
  constructor() {
    super('credentials_unreadable', 'the stored GitHub credentials cannot be decrypted with the configured CREDENTIALS_ENCRYPTION_KEY', 503);
  }
}

export class InvalidCredentialsError extends AppError {
  constructor(message: string) {
    super('invalid_credentials', message, 400);
  }
}
