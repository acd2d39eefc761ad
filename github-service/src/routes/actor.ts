import { z } from 'zod';

/** A GitHub user or bot as the routes show it. */
export const ActorSchema = z.object({ login: z.string(), type: z.string().describe('User, Bot or Organization') }).meta({ id: 'Actor', description: 'A GitHub user or bot' });
