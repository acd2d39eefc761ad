import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserStore } from '../auth/user-store.js';
import { PasswordSchema, UserSchema } from './auth-schemas.js';
import { ErrorSchema, commonErrors } from './schemas.js';

const Role = z.enum(['admin', 'viewer']);
const adminErrors = { ...commonErrors, 403: ErrorSchema };

/** Accounts of the dashboard: admins only. */
export const userRoutes: FastifyPluginAsyncZod<{ users: UserStore }> = async (app, { users }) => {
  const config = { adminOnly: true };

  app.get(
    '/api/v1/users',
    { config, schema: { tags: ['users'], summary: 'Every user', response: { 200: z.object({ items: z.array(UserSchema) }), ...adminErrors } } },
    async () => ({ items: await users.list() }),
  );

  app.post(
    '/api/v1/users',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Add a user',
        body: z.object({ email: z.email().max(320), name: z.string().trim().max(200).optional(), role: Role, password: PasswordSchema }),
        response: { 201: UserSchema, 409: ErrorSchema, ...adminErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(request.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Rename, change the role, set a password, disable or enable a user',
        description: 'A new password or disabling ends the user’s sessions. The last active admin cannot lose the role.',
        params: z.object({ id: z.uuid() }),
        body: z.object({ name: z.string().trim().min(1).max(200).optional(), role: Role.optional(), password: PasswordSchema.optional(), disabled: z.boolean().optional() }),
        response: { 200: UserSchema, 404: ErrorSchema, 409: ErrorSchema, ...adminErrors },
      },
    },
    async (request) => users.update(request.params.id, request.body),
  );

  app.delete(
    '/api/v1/users/:id',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Remove a user, with their sessions and API tokens',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.undefined().describe('Removed'), 404: ErrorSchema, 409: ErrorSchema, ...adminErrors },
      },
    },
    async (request, reply) => {
      await users.remove(request.params.id);
      return reply.status(204).send();
    },
  );
};
