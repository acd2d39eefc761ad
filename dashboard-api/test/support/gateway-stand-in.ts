import type { ServerResponse } from 'node:http';
import type { components } from '../../src/generated/api-gateway.js';
import { type RecordedRequest, sendJson, startStandIn } from './http-stand-in.js';

type Command = components['schemas']['Command'];
type WebhookRoute = components['schemas']['WebhookRoute'];
type TestDeliveryResult = components['schemas']['TestDeliveryResult'];

const now = () => new Date().toISOString();

/**
 * A local stand-in of the gateway's admin API, answering in the shapes of api-gateway/openapi.json
 * (its types are generated from it): commands and custom webhook routes, kept in memory.
 */
export async function startGatewayStandIn(serviceToken: string) {
  const commands = new Map<string, Command>([
    ['help', { name: 'help', description: 'List the commands', enabled: true, options: {}, protected: true, created_at: now(), updated_at: now() }],
    ['fix', { name: 'fix', description: 'Fix the bug under discussion', enabled: true, options: {}, protected: false, created_at: now(), updated_at: now() }],
  ]);
  const webhooks = new Map<string, WebhookRoute>();
  const fail = (response: ServerResponse, status: number, code: string, message: string) => sendJson(response, status, { code, message });

  const handle = (request: RecordedRequest, response: ServerResponse) => {
    if (request.headers.authorization !== `Bearer ${serviceToken}`) return fail(response, 401, 'unauthorized', 'a service token is required');
    const body: Record<string, unknown> = request.body ? JSON.parse(request.body) : {};
    const path = new URL(request.url, 'http://stand-in').pathname;
    const [, , , area, name, action] = path.split('/');
    if (area === 'commands') {
      if (!name && request.method === 'GET') return sendJson(response, 200, { commands: [...commands.values()] });
      if (!name && request.method === 'POST') {
        const commandName = String(body.name);
        if (commands.has(commandName)) return fail(response, 409, 'command_exists', `the command ${commandName} exists`);
        const command: Command = {
          name: commandName,
          description: String(body.description),
          enabled: body.enabled !== false,
          options: (body.options as Record<string, string> | undefined) ?? {},
          protected: false,
          created_at: now(),
          updated_at: now(),
        };
        commands.set(command.name, command);
        return sendJson(response, 201, command);
      }
      const command = name ? commands.get(name) : undefined;
      if (!command || !name) return fail(response, 404, 'not_found', `no command ${name}`);
      if (request.method === 'PATCH') {
        if (command.protected && body.enabled === false) return fail(response, 400, 'protected_command', 'help cannot be disabled');
        const updated: Command = { ...command, ...body, updated_at: now() };
        commands.set(name, updated);
        return sendJson(response, 200, updated);
      }
      if (request.method === 'DELETE') {
        if (command.protected) return fail(response, 409, 'protected_command', 'help cannot be deleted');
        commands.delete(name);
        return response.writeHead(204).end();
      }
    }
    if (area === 'webhooks') {
      if (!name && request.method === 'GET') return sendJson(response, 200, { webhooks: [...webhooks.values()] });
      if (!name && request.method === 'POST') {
        const slug = String(body.slug);
        if (webhooks.has(slug)) return fail(response, 409, 'webhook_exists', `the route ${slug} exists`);
        const route: WebhookRoute = {
          slug,
          url: `/webhooks/custom/${slug}`,
          description: String(body.description ?? ''),
          mapping: body.mapping as WebhookRoute['mapping'],
          default_command: String(body.default_command ?? 'ask'),
          default_repository: (body.default_repository as string | null | undefined) ?? null,
          require_mention: body.require_mention === true,
          allowed_authors: (body.allowed_authors as string[] | undefined) ?? [],
          enabled: body.enabled !== false,
          created_at: now(),
          updated_at: now(),
        };
        webhooks.set(slug, route);
        return sendJson(response, 201, { ...route, secret: typeof body.secret === 'string' ? body.secret : 'generated-secret-0123456789abcdef' });
      }
      const route = name ? webhooks.get(name) : undefined;
      if (!route || !name) return fail(response, 404, 'not_found', `no webhook route ${name}`);
      if (action === 'secret' && request.method === 'POST') return sendJson(response, 200, { slug: name, secret: typeof body.secret === 'string' ? body.secret : 'rotated-secret-0123456789abcdef' });
      if (action === 'test' && request.method === 'POST') {
        const payload = body.payload as { alert?: { title?: string } } | undefined;
        const text = payload?.alert?.title ?? null;
        const result: TestDeliveryResult = text
          ? { dry_run: body.dry_run !== false, outcome: body.dry_run === false ? 'task_created' : 'would_create_task', task_id: body.dry_run === false ? 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W' : null, command: route.default_command, options: {}, text, repository: route.default_repository, mapped: { text, author: null, repository: null, thread: null, delivery_id: null }, problems: [] }
          : { dry_run: true, outcome: 'invalid_payload', mapped: { text: null, author: null, repository: null, thread: null, delivery_id: null }, problems: [`nothing at ${route.mapping.text}`] };
        return sendJson(response, 200, result);
      }
      if (request.method === 'GET') return sendJson(response, 200, route);
      if (request.method === 'PATCH') {
        const updated: WebhookRoute = { ...route, ...body, updated_at: now() };
        webhooks.set(name, updated);
        return sendJson(response, 200, updated);
      }
      if (request.method === 'DELETE') {
        webhooks.delete(name);
        return response.writeHead(204).end();
      }
    }
    return fail(response, 404, 'not_found', `no route ${request.method} ${path}`);
  };

  const standIn = await startStandIn(handle);
  return { ...standIn, commands, webhooks };
}
