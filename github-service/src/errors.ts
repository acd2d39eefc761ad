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
  constructor(message = 'no GitHub credentials are configured (set GITHUB_TOKEN)') {
    super('credentials_missing', message, 503);
  }
}

/** An error GitHub itself returned, mapped to the status a caller should see. */
export class ProviderError extends AppError {
  constructor(code: string, message: string, statusCode: number, headers: Record<string, string> = {}) {
    super(code, message, statusCode, headers);
  }
}
