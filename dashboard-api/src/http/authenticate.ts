import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Decides whether a request to `/api` may proceed; throws an `AppError` (usually
 * `UnauthorizedError`) to refuse it. The login of a later issue plugs in here.
 */
export type Authenticator = (request: FastifyRequest) => Promise<void>;

/** Until the login exists every caller is let through: `/api` is unauthenticated (see README). */
export const allowEveryone: Authenticator = async () => undefined;

/**
 * The one place `/api` requests are authenticated: an `onRequest` hook on the encapsulated
 * `/api` scope built in `app.ts`, so `/health`, `/metrics` and `/docs` stay open.
 */
export function authenticate(apiScope: FastifyInstance, authenticator: Authenticator): void {
  apiScope.addHook('onRequest', async (request) => {
    await authenticator(request);
  });
}
