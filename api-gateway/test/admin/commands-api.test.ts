import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, adminRequest, deleteQueueKeys, removeDirectory, startTestGateway } from '../support/test-gateway.js';

describe('/api/v1/commands', () => {
  let gateway: TestGateway;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({ databaseUrl: testDb.url });
  });

  afterAll(async () => {
    await gateway.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(gateway.taskLogsDir);
    await testDb.drop();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => gateway.app.inject(adminRequest(method, url, body));

  it('refuses callers without the service token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', 'Basic dGVzdA==']) {
      const response = await gateway.app.inject({ method: 'GET', url: '/api/v1/commands', headers: authorization ? { authorization } : {} });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ code: 'unauthorized', message: expect.any(String) });
    }
  });

  it('lists the seeded defaults', async () => {
    const response = await call('GET', '/api/v1/commands');
    expect(response.statusCode).toBe(200);
    const names = response.json().commands.map((command: { name: string }) => command.name);
    expect(names).toEqual(['ask', 'fix', 'help', 'implement', 'plan', 'review']);
    expect(response.json().commands.find((command: { name: string }) => command.name === 'help')).toMatchObject({ protected: true, enabled: true, options: {} });
  });

  it('adds, reads, changes and deletes a command', async () => {
    const created = await call('POST', '/api/v1/commands', { name: 'triage', description: 'Label and summarize the issue', options: { agent: 'triager' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'triage', enabled: true, options: { agent: 'triager' }, protected: false });

    expect((await call('POST', '/api/v1/commands', { name: 'triage', description: 'again' })).statusCode).toBe(409);
    expect((await call('GET', '/api/v1/commands/triage')).json()).toMatchObject({ description: 'Label and summarize the issue' });

    const changed = await call('PATCH', '/api/v1/commands/triage', { enabled: false, description: 'Triage it' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ enabled: false, description: 'Triage it' });

    expect((await call('DELETE', '/api/v1/commands/triage')).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/commands/triage')).json()).toMatchObject({ code: 'command_not_found' });
  });

  it('refuses invalid names and bodies with 400', async () => {
    for (const body of [{ name: 'Fix It', description: 'x' }, { name: 'ok', description: '' }, { name: 'ok', description: 'x', options: { 'Bad Key': 'v' } }]) {
      const response = await call('POST', '/api/v1/commands', body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_request' });
    }
    expect((await call('PATCH', '/api/v1/commands/ask', {})).statusCode).toBe(400);
  });

  it('keeps help, which answers unknown commands', async () => {
    expect((await call('PATCH', '/api/v1/commands/help', { enabled: false })).json()).toMatchObject({ code: 'command_protected' });
    expect((await call('DELETE', '/api/v1/commands/help')).json()).toMatchObject({ code: 'command_protected' });
    expect((await call('PATCH', '/api/v1/commands/help', { description: 'What I can do' })).statusCode).toBe(200);
  });

  it('answers 404 for a command that does not exist', async () => {
    for (const [method, body] of [['GET'], ['PATCH', { enabled: true }], ['DELETE']] as const) {
      const response = await call(method, '/api/v1/commands/nope', body);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'command_not_found' });
    }
  });
});
