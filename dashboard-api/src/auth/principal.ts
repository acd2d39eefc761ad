import type { User } from './user-store.js';

/** Who a request to /api acts for, and how it proved it. */
export interface Principal {
  user: User;
  via: 'session' | 'token';
  /** Set for a session: a write must send it back in X-CSRF-Token (or X-XSRF-Token). */
  csrfToken?: string;
  /** Set for a session: when it ends. */
  expiresAt?: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on /api; null on public routes. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** A route under /api that needs no sign-in (the login itself). */
    public?: boolean;
    /** A route only admins may call. */
    adminOnly?: boolean;
  }
}
