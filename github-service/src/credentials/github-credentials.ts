import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { normalizePrivateKey } from '../config.js';

function isPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

export const TokenCredentialsSchema = z
  .object({
    type: z.literal('token'),
    token: z.string().trim().min(1).max(1000).describe('A personal access token (classic or fine-grained)'),
  })
  .meta({ id: 'TokenCredentials', example: { type: 'token', token: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz' } });

export const AppCredentialsSchema = z
  .object({
    type: z.literal('app'),
    app_id: z
      .union([z.number().int().positive(), z.string().regex(/^[0-9A-Za-z.]+$/)])
      .transform(String)
      .describe('The App ID (or the client ID) from the App settings'),
    private_key: z
      .string()
      .transform(normalizePrivateKey)
      .refine(isPrivateKey, 'private_key must be the App private key in PEM form (`\\n`-escaped newlines are accepted)')
      .describe('The App private key in PEM form'),
    installation_id: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Pins one installation; without it each repository’s installation is looked up'),
  })
  .meta({
    id: 'AppCredentials',
    example: { type: 'app', app_id: 123456, private_key: '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n', installation_id: 7890123 },
  });

/** What this service authenticates to GitHub with: a PAT, or a GitHub App. */
export const GithubCredentialsSchema = z.discriminatedUnion('type', [TokenCredentialsSchema, AppCredentialsSchema]);
export type GithubCredentials = z.output<typeof GithubCredentialsSchema>;
export type AppCredentials = z.output<typeof AppCredentialsSchema>;

/** The names of the fields that are set, for the credentials API (values are never shown). */
export function describeFields(credentials: GithubCredentials): string[] {
  if (credentials.type === 'token') return ['token'];
  return credentials.installation_id === undefined ? ['app_id', 'private_key'] : ['app_id', 'private_key', 'installation_id'];
}

/** Credentials from GITHUB_APP_* (preferred) or GITHUB_TOKEN; null when none are set. */
export function credentialsFromEnvironment(env: {
  GITHUB_TOKEN?: string;
  GITHUB_APP_ID?: string;
  GITHUB_APP_PRIVATE_KEY?: string;
  GITHUB_APP_INSTALLATION_ID?: number;
}): GithubCredentials | null {
  if (env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY) {
    const parsed = AppCredentialsSchema.safeParse({
      type: 'app',
      app_id: env.GITHUB_APP_ID,
      private_key: env.GITHUB_APP_PRIVATE_KEY,
      installation_id: env.GITHUB_APP_INSTALLATION_ID,
    });
    if (!parsed.success) throw new Error('invalid configuration: GITHUB_APP_PRIVATE_KEY is not a PEM RSA private key');
    return parsed.data;
  }
  if (env.GITHUB_TOKEN) return { type: 'token', token: env.GITHUB_TOKEN };
  return null;
}
