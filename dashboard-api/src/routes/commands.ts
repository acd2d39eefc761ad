import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GatewayAdmin } from '../gateway/gateway-admin.js';
import { CommandSchema, CreateCommandSchema, UpdateCommandSchema } from '../gateway/gateway-schemas.js';
import { principalOf } from '../http/authenticate.js';
import { ErrorSchema, commonErrors } from './schemas.js';

const gatewayErrors = { ...commonErrors, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 502: ErrorSchema, 503: ErrorSchema };
const NameParams = z.object({ name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/) });

/** The commands the gateway matches after the mention, managed through its admin API. Changes are for admins. */
export const commandRoutes: FastifyPluginAsyncZod<{ gateway: GatewayAdmin }> = async (app, { gateway }) => {
  app.get(
    '/api/v1/commands',
    {
      schema: {
        tags: ['commands'],
        summary: 'Every command the gateway knows, enabled or not',
        response: { 200: z.object({ items: z.array(CommandSchema) }).meta({ id: 'CommandList' }), ...gatewayErrors },
      },
    },
    async () => ({ items: await gateway.listCommands() }),
  );

  app.post(
    '/api/v1/commands',
    {
      config: { adminOnly: true },
      schema: { tags: ['commands'], summary: 'Add a command', body: CreateCommandSchema, response: { 201: CommandSchema, ...gatewayErrors } },
    },
    async (request, reply) => {
      const command = await gateway.createCommand(request.body);
      request.log.info({ user_id: principalOf(request).user.id, command: command.name }, 'command created');
      return reply.status(201).send(command);
    },
  );

  app.patch(
    '/api/v1/commands/:name',
    {
      config: { adminOnly: true },
      schema: {
        tags: ['commands'],
        summary: 'Change, enable or disable a command',
        params: NameParams,
        body: UpdateCommandSchema,
        response: { 200: CommandSchema, ...gatewayErrors },
      },
    },
    async (request) => {
      const command = await gateway.updateCommand(request.params.name, request.body);
      request.log.info({ user_id: principalOf(request).user.id, command: command.name, changes: Object.keys(request.body) }, 'command changed');
      return command;
    },
  );

  app.delete(
    '/api/v1/commands/:name',
    {
      config: { adminOnly: true },
      schema: { tags: ['commands'], summary: 'Delete a command', params: NameParams, response: { 204: z.undefined().describe('Deleted'), ...gatewayErrors } },
    },
    async (request, reply) => {
      await gateway.deleteCommand(request.params.name);
      request.log.info({ user_id: principalOf(request).user.id, command: request.params.name }, 'command deleted');
      return reply.status(204).send();
    },
  );
};
