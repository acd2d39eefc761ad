import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session cookie: httpOnly, so page scripts never see it. */
export const SESSION_COOKIE = 'sfd_session';
/**
 * The CSRF token, readable by same-origin scripts. axios (which the BullMQ board uses) sends
 * this cookie back as X-XSRF-TOKEN on its own; the dashboard sends it as X-CSRF-Token.
 */
export const CSRF_COOKIE = 'XSRF-TOKEN';

/** `auto`: Secure when the request came over HTTPS (directly or as told by X-Forwarded-Proto). */
export type CookieSecurity = 'auto' | 'always' | 'never';

function isSecure(request: FastifyRequest, security: CookieSecurity): boolean {
  if (security !== 'auto') return security === 'always';
  // Only ever adds the Secure flag, so trusting the header cannot weaken anything.
  return request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
}

function options(request: FastifyRequest, security: CookieSecurity, expires: Date, httpOnly: boolean): CookieSerializeOptions {
  // SameSite=Strict: a page on another site can neither send nor trigger requests with these cookies.
  return { path: '/', httpOnly, sameSite: 'strict', secure: isSecure(request, security), expires };
}

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; csrfToken: string; expiresAt: Date },
  security: CookieSecurity,
): void {
  void reply.setCookie(SESSION_COOKIE, session.token, options(request, security, session.expiresAt, true));
  void reply.setCookie(CSRF_COOKIE, session.csrfToken, options(request, security, session.expiresAt, false));
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply, security: CookieSecurity): void {
  const past = new Date(0);
  void reply.setCookie(SESSION_COOKIE, '', options(request, security, past, true));
  void reply.setCookie(CSRF_COOKIE, '', options(request, security, past, false));
}
