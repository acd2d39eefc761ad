import { z } from 'zod';

/** Everything github-service reads from its environment. Only `main.ts` passes `process.env` in. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Postgres connection string; unset means an embedded PGlite database under DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data/github-service'),
  /** Shared secret every caller presents as `Authorization: Bearer <token>` on `/api/*`. */
  SERVICE_TOKEN: z.string().min(16, 'SERVICE_TOKEN must be at least 16 characters'),
  /** Personal access token used for every GitHub call (GitHub App auth comes later). */
  GITHUB_TOKEN: z.string().optional(),
  /** GitHub REST base URL: GitHub Enterprise Server, or a local stand-in in tests. */
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** Retries of a failed GitHub call (5xx, network) before the error is returned. */
  GITHUB_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Space content-creating GitHub requests as GitHub asks (set to false only for local stand-ins). */
  GITHUB_THROTTLE: z.stringbool().default(true),
  /** Error reporting of this service itself. */
  SENTRY_DSN: z.string().optional(),
});

export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
