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

export class BadRequestError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 400);
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
  constructor(message = 'no Slack bot token is configured (store one with PUT /api/v1/credentials or set SLACK_BOT_TOKEN)') {
    super('credentials_missing', message, 503);
  }
}

export class CredentialsUnreadableError extends AppError {
  constructor(message = 'the stored Slack credentials cannot be decrypted with CREDENTIALS_ENCRYPTION_KEY') {
    super('credentials_unreadable', message, 503);
  }
}

export class EncryptionKeyMissingError extends AppError {
  constructor(message = 'CREDENTIALS_ENCRYPTION_KEY is not configured, so credentials cannot be stored') {
    super('encryption_key_missing', message, 503);
  }
}

/** An error Slack itself returned (or the lack of an answer), mapped to the status a caller should see. */
export class ProviderError extends AppError {
  constructor(code: string, message: string, statusCode: number, headers: Record<string, string> = {}) {
    super(code, message, statusCode, headers);
  }
}
