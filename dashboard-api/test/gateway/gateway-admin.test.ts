import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { UserStore } from '../../src/auth/user-store.js';
import { GatewayAdmin } from '../../src/gateway/gateway-admin.js';
import type { CommandSchema, TestDeliveryResultSchema, WebhookRouteSchema } from '../../src/gateway/gateway-schemas.js';
import type { components } from '../../src/generated/api-gateway.js';
import { startGatewayStandIn } from '../support/gateway-stand-in.js';
import { startStandIn } from '../support/http-stand-in.js';
import { TEST_SCRYPT, type TestApp, startTestApp } from '../support/test-app.js';

const SERVICE_TOKEN = 'dashboard-to-gateway-token-0123456789';

/** Compile-time: dashboard-api's schemas of the gateway's answers are exactly the generated types. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesMatch: [
  Same<z.infer<typeof CommandSchema>, components['schemas']['Command']>,
  Same<z.infer<typeof WebhookRouteSchema>, components['schemas']['WebhookRoute']>,
  Same<z.infer<typeof TestDeliveryResultSchema>, components['schemas']['TestDeliveryResult']>,
] = [true, true, true];

describe('webhook routes and commands through the gateway admin API', () => {
  let testApp: TestApp;
  let gateway: Awaited<ReturnType<typeof startGatewayStandIn>>;
  const logLines: string[] = [];
  let viewerCookie = '';

  beforeAll(async () => {
    gateway = await startGatewayStandIn(SERVICE_TOKEN);
    testApp = await startTestApp({
      gateway: new GatewayAdmin({ baseUrl: gateway.url, serviceToken: SERVICE_TOKEN, timeoutMs: 1_000 }),
      logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
    });
    await new UserStore(testApp.database.db, TEST_SCRYPT).create({ email: 'viewer@fleet.test', role: 'viewer', password: 'viewer password 123' });
    const login = await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'viewer@fleet.test', password: 'viewer password 123' } });
    viewerCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ');
  });
  afterAll(async () => {
    await testApp.close();
    await gateway.close();
  });

  it('keeps its copies of the gateway shapes equal to the generated ones', () => {
    expect(shapesMatch).toEqual([true, true, true]);
  });

  it('creates a route (its secret shown once), edits it, disables it, rotates its secret and deletes it', async () => {
    const created = await testApp.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { slug: 'pagerduty', description: 'Incidents to fix', mapping: { text: '/alert/title', thread: '/alert/id' }, default_command: 'fix', default_repository: 'acme/api' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'pagerduty', url: '/webhooks/custom/pagerduty', enabled: true, secret: 'generated-secret-0123456789abcdef' });
    // The gateway got the documented defaults for what was left out, and the service token.
    const sent = gateway.requests.find((request) => request.method === 'POST' && request.url === '/api/v1/webhooks');
    expect(JSON.parse(sent?.body ?? '{}')).toMatchObject({ require_mention: false, allowed_authors: [], enabled: true });
    expect(sent?.headers.authorization).toBe(`Bearer ${SERVICE_TOKEN}`);

    const listed = await testApp.inject({ method: 'GET', url: '/api/v1/webhooks' });
    expect(listed.json().items.map((route: { slug: string }) => route.slug)).toEqual(['pagerduty']);
    expect(listed.json().items[0]).not.toHaveProperty('secret');

    const edited = await testApp.inject({ method: 'PATCH', url: '/api/v1/webhooks/pagerduty', payload: { description: 'P1 incidents', allowed_authors: ['ops-bot'] } });
    expect(edited.json()).toMatchObject({ description: 'P1 incidents', allowed_authors: ['ops-bot'] });
    const disabled = await testApp.inject({ method: 'PATCH', url: '/api/v1/webhooks/pagerduty', payload: { enabled: false } });
    expect(disabled.json().enabled).toBe(false);
    const rotated = await testApp.inject({ method: 'POST', url: '/api/v1/webhooks/pagerduty/secret', payload: {} });
    expect(rotated.json()).toEqual({ slug: 'pagerduty', secret: 'rotated-secret-0123456789abcdef' });

    expect((await testApp.inject({ method: 'DELETE', url: '/api/v1/webhooks/pagerduty' })).statusCode).toBe(204);
    const gone = await testApp.inject({ method: 'GET', url: '/api/v1/webhooks/pagerduty' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({ code: 'not_found', message: 'no webhook route pagerduty' });
    // No secret reached the logs; every change is recorded with who made it.
    const logs = logLines.join('\n');
    expect(logs).not.toContain('generated-secret-0123456789abcdef');
    expect(logs).not.toContain('rotated-secret-0123456789abcdef');
    expect(logs).not.toContain(SERVICE_TOKEN);
    expect(logs).toContain('"msg":"webhook route secret rotated"');
    expect(logs).toContain(`"user_id":"${testApp.admin.id}"`);
  });

  it('sends a test delivery, a dry run unless asked otherwise', async () => {
    await testApp.inject({ method: 'POST', url: '/api/v1/webhooks', payload: { slug: 'alerts', mapping: { text: '/alert/title' } } });
    const dry = await testApp.inject({ method: 'POST', url: '/api/v1/webhooks/alerts/test', payload: { payload: { alert: { title: 'fix the flaky login test' } } } });
    expect(dry.json()).toMatchObject({ dry_run: true, outcome: 'would_create_task', text: 'fix the flaky login test', command: 'ask' });
    const real = await testApp.inject({ method: 'POST', url: '/api/v1/webhooks/alerts/test', payload: { payload: { alert: { title: 'go' } }, dry_run: false } });
    expect(real.json()).toMatchObject({ dry_run: false, outcome: 'task_created', task_id: 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W' });
    const invalid = await testApp.inject({ method: 'POST', url: '/api/v1/webhooks/alerts/test', payload: { payload: { nothing: true } } });
    expect(invalid.json()).toMatchObject({ outcome: 'invalid_payload', problems: ['nothing at /alert/title'] });
  });

  it('lists, adds, changes and deletes commands, and passes on what the gateway refuses', async () => {
    const list = await testApp.inject({ method: 'GET', url: '/api/v1/commands' });
    expect(list.json().items.map((command: { name: string }) => command.name)).toEqual(['help', 'fix']);
    const added = await testApp.inject({ method: 'POST', url: '/api/v1/commands', payload: { name: 'triage', description: 'Label and summarize', options: { agent: 'triager' } } });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: 'triage', enabled: true, options: { agent: 'triager' } });
    const again = await testApp.inject({ method: 'POST', url: '/api/v1/commands', payload: { name: 'triage', description: 'again' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ code: 'command_exists', message: 'the command triage exists' });
    expect((await testApp.inject({ method: 'PATCH', url: '/api/v1/commands/triage', payload: { enabled: false } })).json().enabled).toBe(false);
    expect((await testApp.inject({ method: 'DELETE', url: '/api/v1/commands/help' })).json()).toMatchObject({ code: 'protected_command' });
    expect((await testApp.inject({ method: 'DELETE', url: '/api/v1/commands/triage' })).statusCode).toBe(204);
    const bad = await testApp.inject({ method: 'POST', url: '/api/v1/commands', payload: { name: 'Not A Word', description: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(gateway.requests.some((request) => request.body.includes('Not A Word'))).toBe(false);
  });

  it('lets viewers look but not change', async () => {
    const headers = { cookie: viewerCookie };
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/commands', headers })).statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers })).statusCode).toBe(200);
    const csrf = /XSRF-TOKEN=([^;]+)/.exec(viewerCookie)?.[1] ?? '';
    const change = await testApp.app.inject({ method: 'PATCH', url: '/api/v1/commands/fix', headers: { ...headers, 'x-csrf-token': csrf }, payload: { enabled: false } });
    expect(change.statusCode).toBe(403);
    expect(gateway.commands.get('fix')?.enabled).toBe(true);
  });

  it('says what is wrong when the gateway refuses the service token, is down or is not configured', async () => {
    const wrongToken = new GatewayAdmin({ baseUrl: gateway.url, serviceToken: 'not-the-token-0123456789', timeoutMs: 500 });
    await expect(wrongToken.listCommands()).rejects.toMatchObject({ statusCode: 502, code: 'upstream_error', message: expect.stringContaining('refused SERVICE_TOKEN') });
    const closed = await startStandIn(() => undefined);
    await closed.close();
    await expect(new GatewayAdmin({ baseUrl: closed.url, serviceToken: SERVICE_TOKEN, timeoutMs: 500 }).listWebhooks()).rejects.toMatchObject({ statusCode: 503, message: 'the gateway cannot be reached' });
    await expect(new GatewayAdmin({ baseUrl: gateway.url, timeoutMs: 500 }).listWebhooks()).rejects.toMatchObject({ statusCode: 503, code: 'not_configured' });
    const garbled = await startStandIn((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"commands":[{"name":42}]}'));
    await expect(new GatewayAdmin({ baseUrl: garbled.url, serviceToken: SERVICE_TOKEN, timeoutMs: 500 }).listCommands()).rejects.toMatchObject({ statusCode: 502 });
    await garbled.close();
  });
});
