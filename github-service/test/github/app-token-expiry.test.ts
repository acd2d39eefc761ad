// A file of its own: it moves the clock forward, and the throttling plugin's limiters (shared by
// every Octokit in the process) remember the latest time they saw.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ID, appKeyPair } from '../support/app-keys.js';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('github-service installation tokens', () => {
  const keys = appKeyPair();
  let t: TestApp;
  const tokenRequests = () => t.github.requests.filter((request) => request.method === 'POST' && request.path === '/app/installations/4242/access_tokens');

  beforeAll(async () => {
    t = await startTestApp({
      environment: { type: 'app', app_id: String(APP_ID), private_key: keys.privateKey, installation_id: 4242 },
      standIn: { app: { id: APP_ID, publicKey: keys.publicKey, installationId: 4242 } },
    });
  });

  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  it('are reused while valid and minted again once the cached one nears its expiry (an hour)', async () => {
    const call = () => t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello', headers: auth });
    expect((await call()).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 30 * 60 * 1000);
    expect((await call()).statusCode).toBe(200);
    expect(tokenRequests()).toHaveLength(1);
    vi.setSystemTime(Date.now() + 30 * 60 * 1000);
    expect((await call()).statusCode).toBe(200);
    expect(tokenRequests()).toHaveLength(2);
    const [first, second] = t.github.requests.filter((request) => request.path === '/repos/octo/hello').map((request) => request.headers.authorization);
    const third = t.github.requests.at(-1)?.headers.authorization;
    expect(first).toBe(second);
    expect(third).not.toBe(first);
  });
});
