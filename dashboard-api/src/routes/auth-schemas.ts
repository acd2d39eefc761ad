import { z } from 'zod';

/** Long enough to resist guessing; capped so a huge body cannot tie up scrypt. */
export const PasswordSchema = z.string().min(12, 'a password has at least 12 characters').max(256);

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'viewer']).describe('admin: also manages users, webhooks and commands'),
    disabled: z.boolean(),
    has_password: z.boolean().describe('false for an account that uses API tokens only'),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const SessionSchema = z
  .object({
    user: UserSchema,
    via: z.enum(['session', 'token']),
    csrf_token: z.string().nullable().describe('Send as X-CSRF-Token on every write made with the session cookie'),
    expires_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Session' });

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the token'),
    source: z.enum(['user', 'configuration']).describe('configuration: DASHBOARD_ADMIN_TOKEN'),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime().nullable().describe('To the minute'),
    expires_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });
