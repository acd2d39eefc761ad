import { z } from 'zod';

/** The credential fields this service keeps; each is stored (encrypted) or taken from the environment. */
export const CREDENTIAL_FIELDS = ['auth_token', 'organization', 'base_url'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

const AuthTokenSchema = z.string().trim().min(8).max(512).describe('Sentry auth token (internal integration or organization token)');
const OrganizationSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'a Sentry organization slug')
  .describe('Organization slug');
const BaseUrlSchema = z.url({ protocol: /^https?$/ }).describe('Sentry base URL, e.g. https://sentry.io or a self-hosted Sentry');

export const SetCredentialsBodySchema = z
  .object({ auth_token: AuthTokenSchema, organization: OrganizationSchema, base_url: BaseUrlSchema.optional() })
  .meta({ id: 'SetCredentials', example: { auth_token: 'sntrys_…', organization: 'acme', base_url: 'https://sentry.io' } });

export const RotateCredentialsBodySchema = z
  .object({ auth_token: AuthTokenSchema })
  .meta({ id: 'RotateCredentials', example: { auth_token: 'sntrys_…' } });

const FieldStatusSchema = z.object({
  set: z.boolean(),
  source: z.enum(['stored', 'environment']).nullable().describe('Where the value in use comes from; a stored value wins'),
  updated_at: z.string().nullable().describe('When the stored value was last written'),
});

/** What is configured, never the values themselves. */
export const CredentialsStatusSchema = z
  .object({
    encryption: z.enum(['configured', 'missing']).describe('Whether CREDENTIALS_ENCRYPTION_KEY is set'),
    fields: z.object({ auth_token: FieldStatusSchema, organization: FieldStatusSchema, base_url: FieldStatusSchema }),
  })
  .meta({
    id: 'CredentialsStatus',
    example: {
      encryption: 'configured',
      fields: {
        auth_token: { set: true, source: 'stored', updated_at: '2024-05-01T12:00:00.000Z' },
        organization: { set: true, source: 'stored', updated_at: '2024-05-01T12:00:00.000Z' },
        base_url: { set: true, source: 'environment', updated_at: null },
      },
    },
  });
export type CredentialsStatus = z.infer<typeof CredentialsStatusSchema>;

export const CredentialsTestSchema = z
  .object({
    ok: z.boolean(),
    organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable().describe('Why the test failed'),
  })
  .meta({
    id: 'CredentialsTest',
    example: { ok: true, organization: { id: '1', slug: 'acme', name: 'Acme' }, error: null },
  });
export type CredentialsTest = z.infer<typeof CredentialsTestSchema>;
