import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type CredentialStore, toConnection } from '../credentials/credential-store.js';
import { AppError, EncryptionKeyMissingError } from '../errors.js';
import { ErrorSchema, baseErrors, respond } from '../schemas/common.js';
import {
  CredentialsStatusSchema,
  CredentialsTestSchema,
  RotateCredentialsBodySchema,
  SetCredentialsBodySchema,
} from '../schemas/credentials.js';
import type { SentryOperations } from '../sentry/sentry-operations.js';

export interface CredentialRoutesDeps {
  credentials: CredentialStore;
  sentry: SentryOperations;
}

/** Sentry refused a token we were asked to rotate to; the old one stays in use. */
class CredentialsRejectedError extends AppError {
  constructor(cause: AppError) {
    super('credentials_rejected', `the new token was not stored: ${cause.message}`, 422);
  }
}

const storeErrors = {
  400: respond('The request is malformed (invalid_request)', ErrorSchema),
  ...baseErrors,
  503: respond('CREDENTIALS_ENCRYPTION_KEY is not configured (encryption_key_missing), or stored values cannot be decrypted (credentials_unreadable)', ErrorSchema),
};

export const credentialRoutes: FastifyPluginAsyncZod<CredentialRoutesDeps> = async (app, deps) => {
  const status = respond('Which fields are set, from where and when; never their values', CredentialsStatusSchema);

  app.get(
    '/api/v1/credentials',
    { schema: { tags: ['credentials'], summary: 'Show which credentials are configured', security: [{ serviceToken: [] }], response: { 200: status, ...baseErrors } } },
    async () => deps.credentials.status(),
  );

  app.put(
    '/api/v1/credentials',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Store the Sentry credentials (encrypted)',
        description: 'Replaces every stored field; a field left out falls back to the environment. Stored values win over the environment.',
        security: [{ serviceToken: [] }],
        body: SetCredentialsBodySchema,
        response: { 200: status, ...storeErrors },
      },
    },
    async (request) => {
      await deps.credentials.replace(request.body);
      request.log.info({ fields: Object.keys(request.body) }, 'Sentry credentials stored');
      return deps.credentials.status();
    },
  );

  app.post(
    '/api/v1/credentials/rotate',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Rotate the auth token, after checking the new one with Sentry',
        description: 'Reads the organization with the new token first; if Sentry refuses it, nothing changes.',
        security: [{ serviceToken: [] }],
        body: RotateCredentialsBodySchema,
        response: {
          200: status,
          ...storeErrors,
          503: respond(
            'No organization to check the token against (credentials_missing), no CREDENTIALS_ENCRYPTION_KEY (encryption_key_missing), or unreadable stored values (credentials_unreadable)',
            ErrorSchema,
          ),
          422: respond('Sentry refused the new token (credentials_rejected); the old one stays in use', ErrorSchema),
          429: respond('Sentry is rate limiting us (sentry_rate_limited)', ErrorSchema),
          502: respond('Sentry failed or was unreachable; nothing changed', ErrorSchema),
          504: respond('Sentry did not answer in time; nothing changed', ErrorSchema),
        },
      },
    },
    async (request) => {
      if (!deps.credentials.encryptionConfigured) throw new EncryptionKeyMissingError();
      const candidate = toConnection({ ...(await deps.credentials.current()), auth_token: request.body.auth_token });
      try {
        await deps.sentry.readOrganization(candidate);
      } catch (error) {
        const refused = error instanceof AppError && ['sentry_unauthorized', 'sentry_forbidden', 'sentry_not_found'].includes(error.code);
        throw refused ? new CredentialsRejectedError(error) : error;
      }
      await deps.credentials.write('auth_token', request.body.auth_token);
      request.log.info('Sentry auth token rotated');
      return deps.credentials.status();
    },
  );

  app.post(
    '/api/v1/credentials/test',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Test the credentials in use against Sentry',
        description: 'Reads the organization (GET /api/0/organizations/{org}/); `ok: false` carries the reason.',
        security: [{ serviceToken: [] }],
        response: { 200: respond('The outcome of the test', CredentialsTestSchema), ...baseErrors },
      },
    },
    async () => {
      try {
        const organization = await deps.sentry.readOrganization(await deps.credentials.connection());
        return { ok: true, organization, error: null };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return { ok: false, organization: null, error: { code: error.code, message: error.message } };
      }
    },
  );

  app.delete(
    '/api/v1/credentials',
    {
      schema: {
        tags: ['credentials'],
        summary: 'Remove the stored credentials; the environment applies again',
        security: [{ serviceToken: [] }],
        response: { 200: status, ...baseErrors },
      },
    },
    async (request) => {
      await deps.credentials.clear();
      request.log.info('stored Sentry credentials removed');
      return deps.credentials.status();
    },
  );
};
