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
  constructor(missing: string[]) {
    super(
      'credentials_missing',
      `no Sentry ${missing.join(' or ')} is configured (store credentials through /api/v1/credentials, or set SENTRY_AUTH_TOKEN and SENTRY_ORG)`,
      503,
    );
  }
}

export class EncryptionKeyMissingError extends AppError {
  constructor() {
    super('encryption_key_missing', 'credentials cannot be stored: CREDENTIALS_ENCRYPTION_KEY is not configured', 503);
  }
}

export class CredentialsUnreadableError extends AppError {
  constructor() {
    super('credentials_unreadable', 'stored credentials cannot be decrypted with the configured CREDENTIALS_ENCRYPTION_KEY', 503);
  }
}

/** An error Sentry itself returned (or its absence: timeout, network), mapped to what a caller should see. */
export class ProviderError extends AppError {
  constructor(code: string, message: string, statusCode: number, headers: Record<string, string> = {}) {
    super(code, message, statusCode, headers);
  }
}
