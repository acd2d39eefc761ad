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

export class InvalidSignatureError extends AppError {
  constructor(message = 'the webhook signature is missing or does not match the body') {
    super('invalid_signature', message, 401);
  }
}

/** The body is not the JSON (or form-encoded JSON) the provider sends. */
export class MalformedPayloadError extends AppError {
  constructor(message: string) {
    super('malformed_payload', message, 400);
  }
}

/** The body is JSON but lacks fields the gateway relies on. */
export class InvalidPayloadError extends AppError {
  constructor(message: string) {
    super('invalid_payload', message, 400);
  }
}

export class WebhookNotConfiguredError extends AppError {
  constructor(provider: string, variable: string) {
    super('webhook_not_configured', `${provider} webhooks are not configured (set ${variable})`, 503);
  }
}

/** Postgres could not take the task: the provider should deliver again. */
export class UnavailableError extends AppError {
  constructor(message = 'the task could not be recorded; deliver the webhook again') {
    super('unavailable', message, 503, { 'retry-after': '10' });
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 404);
  }
}

/** The request collides with the current state (a name already taken, a row still in use). */
export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 409);
  }
}

/** A request that is well-formed JSON but asks for something the gateway refuses. */
export class BadRequestError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 400);
  }
}

/** Webhook secrets are stored encrypted; without CREDENTIALS_ENCRYPTION_KEY none can be stored or read. */
export class EncryptionNotConfiguredError extends AppError {
  constructor() {
    super('encryption_not_configured', 'custom webhook secrets need CREDENTIALS_ENCRYPTION_KEY (openssl rand -base64 32)', 503);
  }
}

/** Too many deliveries from one source within the window (`WEBHOOK_RATE_LIMIT_PER_MINUTE`). */
export class RateLimitedError extends AppError {
  constructor(route: string, retryAfterSeconds: number) {
    super('rate_limited', `too many deliveries to ${route}; retry in ${retryAfterSeconds} s`, 429, { 'retry-after': String(retryAfterSeconds) });
  }
}

/** The delivery is signed but older than the provider's replay window allows (Slack: 5 minutes). */
export class StaleRequestError extends AppError {
  constructor(message: string) {
    super('stale_request', message, 401);
  }
}
