import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiTokenStore } from '../auth/api-token-store.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { verifyPassword } from '../auth/password-hasher.js';
import { type CookieSecurity, SESSION_COOKIE, clearSessionCookies, setSessionCookies } from '../auth/session-cookies.js';
import type { SessionStore } from '../auth/session-store.js';
import { type UserStore, normalizeEmail, toUser } from '../auth/user-store.js';
import { InvalidCredentialsError, TooManyAttemptsError } from '../errors.js';
import { principalOf } from '../http/authenticate.js';
import { ApiTokenSchema, PasswordSchema, SessionSchema } from './auth-schemas.js';
import { ErrorSchema, commonErrors } from './schemas.js';

export interface AuthRoutesDeps {
  users: UserStore;
  sessions: SessionStore;
  tokens: ApiTokenStore;
  throttle: LoginThrottle;
  cookieSecurity: CookieSecurity;
  /** A hash of a password nobody has: checked when the email has no account, to take the same time. */
  decoyHash: () => Promise<string>;
}

const LoginSchema = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(256) });
const NewTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  expires_in_days: z.number().int().min(1).max(3650).optional().describe('Omit for a token that does not expire'),
});
const CreatedTokenSchema = z
  .object({ token: z.string().describe('Shown this once; only its hash is kept'), record: ApiTokenSchema })
  .meta({ id: 'CreatedApiToken' });

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesDeps> = async (app, deps) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie and the CSRF cookie',
        description:
          'The body must be JSON, which a form on another site cannot send. After 5 failures for one email or from ' +
          'one address within 15 minutes, attempts get 429 with Retry-After.',
        body: LoginSchema,
        response: { 200: SessionSchema, 401: ErrorSchema, 429: ErrorSchema, 400: ErrorSchema, 500: ErrorSchema },
      },
    },
    async (request, reply) => {
      const email = normalizeEmail(request.body.email);
      const keys = [`email:${email}`, `ip:${request.ip}`];
      const wait = deps.throttle.retryAfterSeconds(keys);
      if (wait > 0) throw new TooManyAttemptsError(wait);
      const user = await deps.users.findByEmail(email);
      const valid = await verifyPassword(request.body.password, user?.passwordHash ?? (await deps.decoyHash()));
      if (!user || !user.passwordHash || user.disabledAt || !valid) {
        deps.throttle.fail(keys);
        request.log.info({ email }, 'failed sign-in');
        throw new InvalidCredentialsError();
      }
      deps.throttle.succeed([`email:${email}`]);
      const session = await deps.sessions.create(user.id);
      setSessionCookies(request, reply, session, deps.cookieSecurity);
      request.log.info({ user_id: user.id }, 'signed in');
      return { user: toUser(user), via: 'session' as const, csrf_token: session.csrfToken, expires_at: session.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends this session and clears its cookies',
        response: { 204: z.undefined().describe('Signed out'), ...commonErrors, 403: ErrorSchema },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (principalOf(request).via === 'session' && cookie) await deps.sessions.remove(cookie);
      clearSessionCookies(request, reply, deps.cookieSecurity);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in (401 when nobody is)',
        response: { 200: SessionSchema, ...commonErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return {
        user: principal.user,
        via: principal.via,
        csrf_token: principal.csrfToken ?? null,
        expires_at: principal.expiresAt?.toISOString() ?? null,
      };
    },
  );

  app.put(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password; every session of yours ends, this one gets a new cookie',
        body: z.object({ current_password: z.string().min(1).max(256), new_password: PasswordSchema }),
        response: { 200: SessionSchema, ...commonErrors, 403: ErrorSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const stored = await deps.users.findByEmail(principal.user.email);
      if (!stored?.passwordHash || !(await verifyPassword(request.body.current_password, stored.passwordHash))) {
        throw new InvalidCredentialsError();
      }
      const user = await deps.users.update(principal.user.id, { password: request.body.new_password });
      if (principal.via === 'token') return { user, via: 'token' as const, csrf_token: null, expires_at: null };
      const session = await deps.sessions.create(user.id);
      setSessionCookies(request, reply, session, deps.cookieSecurity);
      return { user, via: 'session' as const, csrf_token: session.csrfToken, expires_at: session.expiresAt.toISOString() };
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    { schema: { tags: ['auth'], summary: 'Your API tokens', response: { 200: z.object({ items: z.array(ApiTokenSchema) }), ...commonErrors } } },
    async (request) => ({ items: await deps.tokens.list(principalOf(request).user.id) }),
  );

  app.post(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token: send it as `Authorization: Bearer <token>`',
        body: NewTokenSchema,
        response: { 201: CreatedTokenSchema, ...commonErrors, 403: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { name, expires_in_days: days } = request.body;
      const expiresAt = days === undefined ? undefined : new Date(Date.now() + days * 86_400_000);
      const created = await deps.tokens.create(principalOf(request).user.id, name, expiresAt);
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/v1/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.undefined().describe('Revoked'), 404: ErrorSchema, 403: ErrorSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      await deps.tokens.remove(principalOf(request).user.id, request.params.id);
      return reply.status(204).send();
    },
  );
};
