import { z } from 'zod';

export const ErrorSchema = z
  .object({ code: z.string(), message: z.string() })
  .meta({ id: 'Error', example: { code: 'github_not_found', message: 'GitHub: Not Found' } });

export const RepoParamsSchema = z.object({
  owner: z.string().min(1).max(100),
  repo: z.string().min(1).max(100),
});

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().describe('Writes with the same key are made once; a repeat replays the stored result'),
});

/** Error responses every `/api` route can give. */
export const commonErrors = {
  400: ErrorSchema,
  401: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
  429: ErrorSchema,
  502: ErrorSchema,
  503: ErrorSchema,
  504: ErrorSchema,
} as const;
