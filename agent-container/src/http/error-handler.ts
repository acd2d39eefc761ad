import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

export interface ErrorBody {
  code: string;
  message: string;
}

/** The one error handler: renders `{ code, message }`, hides 5xx internals, logs them in full. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
    void reply.status(error.statusCode).headers(error.headers).send({ code: error.code, message: error.message });
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => `${issue.instancePath || '/'} ${issue.message ?? 'is invalid'}`);
    void reply.status(400).send({ code: 'invalid_request', message: `${error.validationContext ?? 'request'}: ${details.join('; ')}` });
    return;
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    void reply.status(500).send({ code: 'internal_error', message: 'internal error' });
    return;
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'unhandled error');
    void reply.status(status).send({ code: 'internal_error', message: 'internal error' });
    return;
  }
  // Fastify's own 4xx errors (bad JSON, body too large, unsupported media type) are safe to show.
  void reply.status(status).send({ code: (error.code ?? 'bad_request').toLowerCase(), message: error.message });
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({ code: 'not_found', message: `no route ${request.method} ${request.url}` });
}
