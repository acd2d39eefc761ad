import { z } from 'zod';

/** The `{ code, message }` every error of the status API has. */
export const ErrorSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'Error' });
