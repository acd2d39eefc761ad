import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiTokenStore } from '../auth/api-token-store.js';
import type { Principal } from '../auth/principal.js';
import { sameSecret } from '../auth/secret-tokens.js';
import { SESSION_COOKIE } from '../auth/session-cookies.js';
import type { SessionStore } from '../auth/session-store.js';
import { CsrfError, ForbiddenError, UnauthorizedError } from '../errors.js';
import { declareSecurity } from './docs.js';

/** Who is calling: a principal, or null when the request carries no credentials at all. */
export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Bearer API tokens first (scripts, other tools), then the session cookie (the dashboard).
 * Wrong credentials are refused outright, never treated as none.
 */
export function credentialsAuthenticator(stores: { sessions: SessionStore; tokens: ApiTokenStore }): Authenticator {
  return async (request) => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const user = match?.[1] ? await stores.tokens.authenticate(match[1]) : null;
      if (!user) throw new UnauthorizedError('the bearer token is unknown, expired or revoked');
      return { user, via: 'token' };
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return null;
    const session = await stores.sessions.find(cookie);
    if (!session) throw new UnauthorizedError('the session has ended; sign in again');
    return { user: session.user, via: 'session', csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  };
}

/**
 * A write made with the session cookie must carry the session's CSRF token in a header, which
 * only a page of this origin can read (synchronizer token; the cookie is SameSite=Strict too).
 * Bearer tokens are never sent by a browser on its own, so they need no such check.
 */
function checkCsrf(request: FastifyRequest, principal: Principal): void {
  if (principal.via !== 'session' || SAFE_METHODS.has(request.method)) return;
  const header = request.headers['x-csrf-token'] ?? request.headers['x-xsrf-token'];
  const sent = Array.isArray(header) ? header[0] : header;
  if (!sent || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) throw new CsrfError();
}

/**
 * The one place `/api` requests are authenticated: an `onRequest` hook on the encapsulated
 * `/api` scope built in `app.ts`, so `/health`, `/metrics` and `/docs` stay open. Routes marked
 * `config: { public: true }` (the login) pass without credentials; `adminOnly` ones need an admin.
 * Each route of the scope declares what it needs in the OpenAPI document from the same flag:
 * `security: []` when public, otherwise an API token or the session cookie (and CSRF header on writes).
 */
export function authenticate(apiScope: FastifyInstance, authenticator: Authenticator): void {
  apiScope.decorateRequest('principal', null);
  apiScope.addHook('onRoute', (route) => declareSecurity(route, route.config?.public === true));
  apiScope.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public) return;
    const principal = await authenticator(request);
    if (!principal) throw new UnauthorizedError();
    checkCsrf(request, principal);
    if (request.routeOptions.config.adminOnly && principal.user.role !== 'admin') throw new ForbiddenError();
    request.principal = principal;
  });
}

/** The principal of an authenticated route (the hook above guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
}
