import { AgentTaskJobSchema } from '@swe-ai-fleet/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, tasks, webhookRoutes } from '../../src/db/schema.js';
import { customDelivery } from '../support/custom-deliveries.js';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, adminRequest, deleteQueueKeys, queueReaders, removeDirectory, startTestGateway } from '../support/test-gateway.js';
import { waitFor } from '../support/wait-for.js';

/** An alerting tool's body (the shape of a PagerDuty-style incident). */
const incident = (title: string, id = 'P1234', owner = 'alice') => ({ event: 'incident.triggered', incident: { id, title, owner: { login: owner }, service: { repository: 'acme/api' } } });
const mapping = { text: '/incident/title', author: '/incident/owner/login', repository: '/incident/service/repository', thread: '/incident/id' };

describe('/api/v1/webhooks and POST /webhooks/custom/:slug', () => {
  let gateway: TestGateway;
  let readers: ReturnType<typeof queueReaders>;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let secret: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: testDb.url });
    readers = queueReaders(gateway.prefix);
    await waitFor('Redis', () => gateway.queues.isReady());
  });

  afterAll(async () => {
    await gateway.close();
    await readers.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(gateway.taskLogsDir);
    await testDb.drop();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => gateway.app.inject(adminRequest(method, url, body));
  const deliver = (slug: string, key: string, payload: unknown, options?: Parameters<typeof customDelivery>[3]) => gateway.app.inject(customDelivery(slug, key, payload, options));

  it('creates a route, shows its secret once, and stores it encrypted', async () => {
    const created = await call('POST', '/api/v1/webhooks', { slug: 'incidents', description: 'Incidents to fix', mapping, default_command: 'fix' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    secret = body.secret;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body).toMatchObject({ slug: 'incidents', url: '/webhooks/custom/incidents', default_command: 'fix', enabled: true, require_mention: false, allowed_authors: [], mapping });

    const read = await call('GET', '/api/v1/webhooks/incidents');
    expect(read.json()).not.toHaveProperty('secret');
    expect((await call('GET', '/api/v1/webhooks')).json().webhooks.map((route: { slug: string }) => route.slug)).toEqual(['incidents']);
    const [row] = await gateway.database.db.select().from(webhookRoutes).where(eq(webhookRoutes.slug, 'incidents'));
    expect(JSON.stringify(row?.secret)).not.toContain(secret);
  });

  it('refuses a taken slug, an unknown default command and bad pointers', async () => {
    expect((await call('POST', '/api/v1/webhooks', { slug: 'incidents', mapping })).json()).toMatchObject({ code: 'webhook_exists' });
    expect((await call('POST', '/api/v1/webhooks', { slug: 'other', mapping, default_command: 'deploy' })).json()).toMatchObject({ code: 'unknown_command' });
    const badPointer = await call('POST', '/api/v1/webhooks', { slug: 'other', mapping: { text: 'incident.title' } });
    expect(badPointer.statusCode).toBe(400);
    expect(badPointer.json()).toMatchObject({ code: 'invalid_request' });
  });

  it('turns a signed delivery into a task with the mapped text, author, repository and thread', async () => {
    const response = await deliver('incidents', secret, incident('the login test is flaky since the cookie change'), { deliveryId: 'custom-1' });
    expect(response.statusCode).toBe(202);
    const taskId: string = response.json().task_id;
    const job = AgentTaskJobSchema.parse((await readers.agentTasks.getJob(taskId))?.data);
    expect(job).toMatchObject({
      provider: 'custom',
      delivery_id: 'custom-1',
      command: 'fix',
      text: 'the login test is flaky since the cookie change',
      author: { id: 'alice', login: 'alice' },
      repository: { owner: 'acme', name: 'api' },
      source: { provider: 'custom', slug: 'incidents', thread: 'P1234' },
      conversation_key: 'custom:incidents:P1234',
    });
    expect(await readers.notifications.getJob(`${taskId}-ack`)).toBeDefined();

    const again = await deliver('incidents', secret, incident('the login test is flaky since the cookie change'), { deliveryId: 'custom-1' });
    expect(again.json()).toEqual({ task_id: taskId, duplicate: true });
  });

  it('reads a command word and options from the text', async () => {
    const response = await deliver('incidents', secret, incident('plan --runner=claude a retry for the importer'));
    const job = AgentTaskJobSchema.parse((await readers.agentTasks.getJob(response.json().task_id))?.data);
    expect(job).toMatchObject({ command: 'plan', options: { runner: 'claude' }, text: 'a retry for the importer' });
  });

  it('refuses bad signatures, unknown routes, malformed bodies and bodies the mapping cannot read', async () => {
    expect((await deliver('incidents', 'not-the-secret-at-all', incident('x'))).statusCode).toBe(401);
    expect((await deliver('incidents', secret, incident('x'), { unsigned: true })).statusCode).toBe(401);
    const unknown = await deliver('nope', secret, incident('x'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'webhook_not_found' });
    expect((await deliver('incidents', secret, null, { rawBody: '{"incident": ' })).json()).toMatchObject({ code: 'malformed_payload' });
    const unmapped = await deliver('incidents', secret, { something: 'else' });
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json()).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining('/incident/title') });
  });

  it('dry-runs a test delivery without recording anything, and runs a real one', async () => {
    const dry = await call('POST', '/api/v1/webhooks/incidents/test', { payload: incident('why does the importer time out?', 'P9') });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({
      dry_run: true,
      outcome: 'would_create_task',
      command: 'fix',
      options: {},
      text: 'why does the importer time out?',
      repository: 'acme/api',
      mapped: { text: 'why does the importer time out?', author: 'alice', repository: 'acme/api', thread: 'P9', delivery_id: null },
      problems: [],
    });
    expect(await gateway.database.db.select().from(tasks).where(eq(tasks.conversationKey, 'custom:incidents:P9'))).toEqual([]);

    const invalid = await call('POST', '/api/v1/webhooks/incidents/test', { payload: { incident: { title: 42 } } });
    expect(invalid.json()).toMatchObject({ outcome: 'invalid_payload', problems: [expect.stringContaining('text')] });

    const real = await call('POST', '/api/v1/webhooks/incidents/test', { payload: incident('why does the importer time out?', 'P9'), dry_run: false });
    expect(real.json()).toMatchObject({ dry_run: false, outcome: 'task_created', task_id: expect.stringMatching(/^task-/) });
    expect(await readers.agentTasks.getJob(real.json().task_id)).toBeDefined();
  });

  it('applies allowed_authors and records who was refused', async () => {
    expect((await call('PATCH', '/api/v1/webhooks/incidents', { allowed_authors: ['Bob'] })).json()).toMatchObject({ allowed_authors: ['Bob'] });
    const refused = await deliver('incidents', secret, incident('fix it'), { deliveryId: 'custom-refused' });
    expect(refused.json()).toEqual({ accepted: false, reason: 'author_not_authorized' });
    const [delivery] = await gateway.database.db.select().from(deliveries).where(eq(deliveries.deliveryId, 'custom-refused'));
    expect(delivery).toMatchObject({ outcome: 'author_not_authorized', taskId: null, details: { author: 'alice', rule: 'allowed_authors' } });
    expect((await deliver('incidents', secret, incident('fix it', 'P2', 'bob'))).statusCode).toBe(202);
    await call('PATCH', '/api/v1/webhooks/incidents', { allowed_authors: [] });
  });

  it('requires the mention when the route says so', async () => {
    await call('PATCH', '/api/v1/webhooks/incidents', { require_mention: true });
    expect((await deliver('incidents', secret, incident('fix it'))).json()).toEqual({ accepted: false, reason: 'no_mention' });
    expect((await deliver('incidents', secret, incident('@agent review the importer'))).statusCode).toBe(202);
    await call('PATCH', '/api/v1/webhooks/incidents', { require_mention: false });
  });

  it('rotates the secret: the old one stops working at once', async () => {
    const rotated = await call('POST', '/api/v1/webhooks/incidents/secret', {});
    expect(rotated.statusCode).toBe(200);
    const next: string = rotated.json().secret;
    expect(next).not.toBe(secret);
    expect((await deliver('incidents', secret, incident('fix it'))).statusCode).toBe(401);
    expect((await deliver('incidents', next, incident('fix it'))).statusCode).toBe(202);
    const chosen = await call('POST', '/api/v1/webhooks/incidents/secret', { secret: 'a-secret-the-sender-already-has' });
    expect(chosen.json()).toEqual({ slug: 'incidents', secret: 'a-secret-the-sender-already-has' });
    secret = 'a-secret-the-sender-already-has';
  });

  it('refuses deliveries to a disabled route, and deleting a command a route uses', async () => {
    await call('PATCH', '/api/v1/webhooks/incidents', { enabled: false });
    expect((await deliver('incidents', secret, incident('fix it'))).statusCode).toBe(404);
    expect((await call('DELETE', '/api/v1/commands/fix')).json()).toMatchObject({ code: 'command_in_use' });

    expect((await call('DELETE', '/api/v1/webhooks/incidents')).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/webhooks/incidents')).statusCode).toBe(404);
    expect((await call('DELETE', '/api/v1/commands/fix')).statusCode).toBe(204);
  });

  it('cannot store a secret without CREDENTIALS_ENCRYPTION_KEY', async () => {
    const keyless = await startTestGateway({ databaseUrl: testDb.url, prefix: gateway.prefix, taskLogsDir: gateway.taskLogsDir, settings: { encryptionKey: undefined } });
    try {
      const response = await keyless.app.inject(adminRequest('POST', '/api/v1/webhooks', { slug: 'keyless', mapping }));
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'encryption_not_configured' });
    } finally {
      await keyless.close();
    }
  });
});
