import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

import { APP_ID, appKeyPair } from '../support/app-keys.js';

describe('github-service as a GitHub App', () => {
  const keys = appKeyPair();
  let t: TestApp;
  const tokenRequests = () => t.github.requests.filter((request) => request.method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(request.path));
  const lookups = (repo: string) => t.github.requests.filter((request) => request.path === `/repos/${repo}/installation`);

  beforeAll(async () => {
    t = await startTestApp({
      environment: { type: 'app', app_id: String(APP_ID), private_key: keys.privateKey },
      standIn: { app: { id: APP_ID, publicKey: keys.publicKey, installationId: 4242 } },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it("finds the repository's installation with the App's JWT, mints an installation token, and calls with it", async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/issues/1/comments', headers: auth, payload: { body: 'as the App' } });
    expect(response.statusCode).toBe(201);
    const [lookup, mint, call] = t.github.requests;
    expect(lookup).toMatchObject({ method: 'GET', path: '/repos/octo/hello/installation' });
    expect(lookup?.headers.authorization).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(mint).toMatchObject({ method: 'POST', path: '/app/installations/4242/access_tokens' });
    expect(mint?.headers.authorization).toMatch(/^bearer /);
    expect(call).toMatchObject({ method: 'POST', path: '/repos/octo/hello/issues/1/comments' });
    expect(call?.headers.authorization).toMatch(/^token ghs_[0-9a-f]{36}$/);
  });

  it('reuses the cached installation and token: two more calls, no new token', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello', headers: auth });
    await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/issues/1', headers: auth });
    expect(tokenRequests()).toHaveLength(1);
    expect(lookups('octo/hello')).toHaveLength(1);
  });

  it('looks up the installation of another repository once, and reuses the same installation token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/other', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(lookups('octo/other')).toHaveLength(1);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('hands out the installation token with its expiry as clone credentials', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/hello/clone-credentials', headers: auth });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ token: string; expires_at: string; authenticated_url: string }>();
    const used = t.github.requests.at(-1)?.headers.authorization;
    expect(used).toBe(`token ${body.token}`);
    expect(Date.parse(body.expires_at) - Date.now()).toBeGreaterThan(50 * 60 * 1000);
    // The stand-in reports its own host as clone_url, as GitHub Enterprise Server does.
    expect(body.authenticated_url).toBe(`http://x-access-token:${body.token}@${new URL(t.github.url).host}/octo/hello.git`);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('answers 404 when the App is not installed on the repository, and asks again next time', async () => {
    t.github.failNext({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app' } });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/uninstalled', headers: auth });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'github_not_found' });
    const retried = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/uninstalled', headers: auth });
    expect(retried.statusCode).toBe(200);
    expect(lookups('octo/uninstalled')).toHaveLength(2);
  });
});

describe('github-service as a GitHub App with a pinned installation', () => {
  const keys = appKeyPair();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      environment: { type: 'app', app_id: String(APP_ID), private_key: keys.privateKey, installation_id: 77 },
      standIn: { app: { id: APP_ID, publicKey: keys.publicKey, installationId: 77 } },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('never looks installations up', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/pulls/1/files', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(t.github.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /app/installations/77/access_tokens',
      'GET /repos/octo/hello/pulls/1/files',
    ]);
  });
});

describe('github-service as a GitHub App whose key GitHub does not know', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      environment: { type: 'app', app_id: String(APP_ID), private_key: appKeyPair().privateKey },
      standIn: { app: { id: APP_ID, publicKey: appKeyPair().publicKey } },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it("answers 502 github_unauthorized with GitHub's message", async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello', headers: auth });
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 'github_unauthorized', message: expect.stringContaining('A JSON web token could not be decoded') });
  });
});
