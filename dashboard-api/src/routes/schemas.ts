import { z } from 'zod';

export const ErrorSchema = z
  .object({ code: z.string(), message: z.string() })
  .meta({ id: 'Error', example: { code: 'not_found', message: 'no task task-01JZ8Q4V6X2N3M4P5R6S7T8V9W' } });

/** Error responses every `/api` route can give. */
export const commonErrors = {
  400: ErrorSchema,
  401: ErrorSchema,
  500: ErrorSchema,
} as const;
