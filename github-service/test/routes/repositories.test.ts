import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('github-service repositories', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    t.github.seedRepository('octo', 'private-one', { default_branch: 'develop', private: true });
  });

  afterAll(async () => {
    await t.close();
  });

  it('gets the default branch, visibility and clone URL', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/private-one', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      full_name: 'octo/private-one',
      default_branch: 'develop',
      private: true,
      archived: false,
      clone_url: `${t.github.url}/octo/private-one.git`,
      html_url: 'https://github.com/octo/private-one',
    });
  });

  it("gets a collaborator's permission and exact role", async () => {
    t.github.setPermission('octo', 'hello', 'maintainer-mona', 'maintain');
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/repos/octo/hello/collaborators/maintainer-mona/permission', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ username: 'maintainer-mona', permission: 'write', role_name: 'maintain' });
    expect(t.github.requests.at(-1)?.path).toBe('/repos/octo/hello/collaborators/maintainer-mona/permission');
  });

  it('hands out the PAT as clone credentials, without an expiry, and never caches the answer', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/private-one/clone-credentials', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      url: `${t.github.url}/octo/private-one.git`,
      username: 'x-access-token',
      token: 'ghp_test',
      expires_at: null,
      authenticated_url: `http://x-access-token:ghp_test@${new URL(t.github.url).host}/octo/private-one.git`,
    });
  });

  it('answers 404 for clone credentials of a repository the token cannot see', async () => {
    t.github.failNext({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository' } });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/repos/octo/secret/clone-credentials', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'github_not_found' });
    expect(response.body).not.toContain('ghp_test');
  });

  it('rejects owners and repository names GitHub would not allow with 400', async () => {
    for (const path of ['/api/v1/repos/oc%20to/hello', '/api/v1/repos/-octo/hello', '/api/v1/repos/octo/hel%2Flo']) {
      const response = await t.app.inject({ method: 'GET', url: path, headers: auth });
      expect(response.statusCode, path).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_request' });
    }
  });
});
