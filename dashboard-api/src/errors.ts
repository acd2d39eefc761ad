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
  constructor(message = 'authentication is required') {
    super('unauthorized', message, 401);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', message, 404);
  }
}

export class InvalidCursorError extends AppError {
  constructor(message = 'cursor is not one this API returned') {
    super('invalid_cursor', message, 400);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'this needs the admin role') {
    super('forbidden', message, 403);
  }
}

/** A cookie-authenticated write without the session's CSRF token: it may come from another site. */
export class CsrfError extends AppError {
  constructor(message = 'missing or wrong X-CSRF-Token for this session') {
    super('csrf_token_invalid', message, 403);
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super('invalid_credentials', 'email or password is wrong', 401);
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('too_many_attempts', `too many failed sign-ins; try again in ${retryAfterSeconds} s`, 429, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message, 409);
  }
}

export class BadRequestError extends AppError {
  constructor(message: string) {
    super('invalid_request', message, 400);
  }
}

/** Another component (the gateway, a provider service) did not answer as expected. */
export class UpstreamError extends AppError {
  constructor(message: string, statusCode = 502) {
    super('upstream_error', message, statusCode);
  }
}

export class UpstreamNotConfiguredError extends AppError {
  constructor(message: string) {
    super('not_configured', message, 503);
  }
}
