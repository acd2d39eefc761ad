import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CommandRow, type CommandStore, PROTECTED_COMMAND } from '../commands/command-store.js';
import { ErrorSchema } from '../webhooks/webhook-responses.js';
import { CommandListSchema, CommandParamsSchema, CommandSchema, CreateCommandSchema, UpdateCommandSchema } from './admin-schemas.js';

function commandView(row: CommandRow): z.infer<typeof CommandSchema> {
  return {
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    options: row.options,
    protected: row.name === PROTECTED_COMMAND,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const security = [{ serviceToken: [] }];
const unauthorized = ErrorSchema.describe('Missing or wrong bearer token');

/** `/api/v1/commands`: the command words a mention may use (Bearer SERVICE_TOKEN). */
export const commandRoutes: FastifyPluginAsyncZod<{ store: CommandStore }> = async (app, { store }) => {
  app.get(
    '/api/v1/commands',
    {
      schema: { tags: ['commands'], summary: 'List every command, enabled or not', security, response: { 200: CommandListSchema.describe('Every command, sorted by name'), 401: unauthorized } },
    },
    async () => ({ commands: (await store.list()).map(commandView) }),
  );

  app.post(
    '/api/v1/commands',
    {
      schema: {
        tags: ['commands'],
        summary: 'Add a command',
        description: 'The agent resolves its agent definition by command name, or by an `agent` option.',
        security,
        body: CreateCommandSchema,
        response: { 201: CommandSchema.describe('Added'), 400: ErrorSchema.describe('Invalid body'), 401: unauthorized, 409: ErrorSchema.describe('`command_exists`') },
      },
    },
    async (request, reply) => reply.status(201).send(commandView(await store.create(request.body))),
  );

  app.get(
    '/api/v1/commands/:name',
    {
      schema: {
        tags: ['commands'],
        summary: 'Read one command',
        security,
        params: CommandParamsSchema,
        response: { 200: CommandSchema.describe('The command'), 401: unauthorized, 404: ErrorSchema.describe('`command_not_found`') },
      },
    },
    async (request) => commandView(await store.get(request.params.name)),
  );

  app.patch(
    '/api/v1/commands/:name',
    {
      schema: {
        tags: ['commands'],
        summary: 'Change, enable or disable a command',
        description: 'Every gateway replica sees the change within 10 s. A disabled command named in a mention is answered with help.',
        security,
        params: CommandParamsSchema,
        body: UpdateCommandSchema,
        response: {
          200: CommandSchema.describe('The command as changed'),
          400: ErrorSchema.describe('Invalid body, or `command_protected` (disabling `help`)'),
          401: unauthorized,
          404: ErrorSchema.describe('`command_not_found`'),
        },
      },
    },
    async (request) => commandView(await store.update(request.params.name, request.body)),
  );

  app.delete(
    '/api/v1/commands/:name',
    {
      schema: {
        tags: ['commands'],
        summary: 'Delete a command',
        security,
        params: CommandParamsSchema,
        response: {
          204: z.undefined().describe('Deleted'),
          400: ErrorSchema.describe('`command_protected` (deleting `help`)'),
          401: unauthorized,
          404: ErrorSchema.describe('`command_not_found`'),
          409: ErrorSchema.describe('`command_in_use`: a webhook route uses it as its default command'),
        },
      },
    },
    async (request, reply) => {
      await store.remove(request.params.name);
      return reply.status(204).send();
    },
  );
};
