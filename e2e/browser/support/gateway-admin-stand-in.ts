import type { ServerResponse } from 'node:http';
import { type StandIn, json, startStandIn } from './component-stand-ins.js';

interface Command {
  name: string;
  description: string;
  enabled: boolean;
  options: Record<string, string>;
  protected: boolean;
  created_at: string;
  updated_at: string;
}

interface WebhookRoute {
  slug: string;
  url: string;
  description: string;
  mapping: { text: string; author?: string; repository?: string; thread?: string; delivery_id?: string };
  default_command: string;
  default_repository: string | null;
  require_mention: boolean;
  allowed_authors: string[];
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The gateway's health and admin API (api-gateway/openapi.json: /api/v1/commands and
 * /api/v1/webhooks), kept in memory, for the dashboard's browser tests.
 */
export async function startGatewayAdminStandIn(serviceToken: string): Promise<StandIn & { webhooks: Map<string, WebhookRoute> }> {
  const now = new Date().toISOString();
  const command = (name: string, description: string, extra: Partial<Command> = {}): [string, Command] => [
    name,
    { name, description, enabled: true, options: {}, protected: false, created_at: now, updated_at: now, ...extra },
  ];
  const commands = new Map<string, Command>([
    command('help', 'List the commands and what they do', { protected: true }),
    command('ask', 'Answer a question about the code or the thread'),
    command('fix', 'Fix the bug under discussion and open a draft pull request'),
    command('review', 'Review the pull request'),
    command('plan', 'Write an implementation plan', { enabled: false }),
  ]);
  const webhooks = new Map<string, WebhookRoute>([
    [
      'pagerduty',
      {
        slug: 'pagerduty',
        url: '/webhooks/custom/pagerduty',
        description: 'P1 incidents become fix tasks',
        mapping: { text: '/incident/title', thread: '/incident/id', author: '/incident/assignee' },
        default_command: 'fix',
        default_repository: 'acme/api',
        require_mention: false,
        allowed_authors: [],
        enabled: true,
        created_at: now,
        updated_at: now,
      },
    ],
  ]);
  const fail = (response: ServerResponse, status: number, code: string, message: string) => json(response, status, { code, message });

  const standIn = await startStandIn(({ method, path, body, authorization }, response) => {
    if (path === '/health') return json(response, 200, { status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    if (authorization !== `Bearer ${serviceToken}`) return fail(response, 401, 'unauthorized', 'a service token is required');
    const fields = isRecord(body) ? body : {};
    const [, , , area, name, action] = path.split('/');
    if (area === 'commands' && !name && method === 'GET') return json(response, 200, { commands: [...commands.values()] });
    if (area === 'commands' && name && method === 'PATCH') {
      const current = commands.get(name);
      if (!current) return fail(response, 404, 'not_found', `no command ${name}`);
      const updated = { ...current, ...fields, updated_at: new Date().toISOString() };
      commands.set(name, updated);
      return json(response, 200, updated);
    }
    if (area !== 'webhooks') return fail(response, 404, 'not_found', `no route ${method} ${path}`);
    if (!name && method === 'GET') return json(response, 200, { webhooks: [...webhooks.values()] });
    if (!name && method === 'POST') {
      const slug = String(fields.slug);
      if (webhooks.has(slug)) return fail(response, 409, 'webhook_exists', `the route ${slug} exists`);
      const mapping = isRecord(fields.mapping) ? fields.mapping : {};
      const route: WebhookRoute = {
        slug,
        url: `/webhooks/custom/${slug}`,
        description: String(fields.description ?? ''),
        mapping: { text: String(mapping.text ?? '/text'), ...(typeof mapping.thread === 'string' ? { thread: mapping.thread } : {}) },
        default_command: String(fields.default_command ?? 'ask'),
        default_repository: typeof fields.default_repository === 'string' ? fields.default_repository : null,
        require_mention: fields.require_mention === true,
        allowed_authors: [],
        enabled: fields.enabled !== false,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      };
      webhooks.set(slug, route);
      return json(response, 201, { ...route, secret: 'whsec-shown-once-0123456789abcdef' });
    }
    const route = name ? webhooks.get(name) : undefined;
    if (!route || !name) return fail(response, 404, 'not_found', `no webhook route ${name}`);
    if (action === 'test' && method === 'POST') {
      const payload = isRecord(fields.payload) ? fields.payload : {};
      const incident = isRecord(payload.incident) ? payload.incident : {};
      const text = typeof incident.title === 'string' ? incident.title : null;
      const mapped = { text, author: null, repository: null, thread: typeof incident.id === 'string' ? incident.id : null, delivery_id: null };
      return json(
        response,
        200,
        text
          ? { dry_run: fields.dry_run !== false, outcome: 'would_create_task', task_id: null, command: route.default_command, options: {}, text, repository: route.default_repository, mapped, problems: [] }
          : { dry_run: true, outcome: 'invalid_payload', mapped, problems: [`nothing at ${route.mapping.text}`] },
      );
    }
    if (method === 'PATCH') {
      const updated = { ...route, ...fields, updated_at: new Date().toISOString() };
      webhooks.set(name, updated);
      return json(response, 200, updated);
    }
    if (method === 'GET') return json(response, 200, route);
    return fail(response, 404, 'not_found', `no route ${method} ${path}`);
  });
  return { ...standIn, webhooks };
}
