import type { LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenStore } from '../../src/auth/api-token-store.js';
import { ensureConfiguredAdmin } from '../../src/auth/configured-admin.js';
import { UserStore } from '../../src/auth/user-store.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_SCRYPT, type TestApp, startTestApp } from '../support/test-app.js';

/** The cookies a response sets, by name, with their attributes as written. */
function cookiesOf(response: LightMyRequestResponse): Map<string, string> {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : header ? [header] : [];
  return new Map(lines.map((line) => [line.split('=')[0] ?? '', line]));
}
const valueOf = (line: string | undefined) => line?.split(';')[0]?.split('=').slice(1).join('=') ?? '';

describe('signing in', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    testApp.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });

  /** Signs in and returns what a browser would then send: the cookie header and the CSRF token. */
  async function browserSession(email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
    const response = await login(email, password);
    expect(response.statusCode).toBe(200);
    const cookies = cookiesOf(response);
    const session = valueOf(cookies.get('sfd_session'));
    const csrf = valueOf(cookies.get('XSRF-TOKEN'));
    return { cookie: `sfd_session=${session}; XSRF-TOKEN=${csrf}`, csrf, body: response.json() };
  }

  it('sets an httpOnly, SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const response = await login(' Admin@Fleet.TEST ', ADMIN_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ user: { email: ADMIN_EMAIL, role: 'admin', has_password: true }, via: 'session' });
    expect(body.user).not.toHaveProperty('password_hash');
    const cookies = cookiesOf(response);
    expect(cookies.get('sfd_session')).toMatch(/; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    expect(cookies.get('XSRF-TOKEN')).toMatch(/; Path=\/; Expires=[^;]+; SameSite=Strict$/);
    expect(valueOf(cookies.get('XSRF-TOKEN'))).toBe(body.csrf_token);
    // Over HTTPS (behind a proxy that says so) the cookies are Secure.
    const secure = cookiesOf(await login(ADMIN_EMAIL, ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' }));
    expect(secure.get('sfd_session')).toMatch(/; Secure/);
  });

  it('reads data with the session cookie, and tells who is signed in', async () => {
    const { cookie, csrf } = await browserSession();
    const session = await testApp.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(session.json()).toMatchObject({ user: { email: ADMIN_EMAIL }, via: 'session', csrf_token: csrf, expires_at: expect.any(String) });
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie } })).statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown email alike, and a form post that is not JSON', async () => {
    const wrong = await login(ADMIN_EMAIL, 'not the password at all');
    const unknown = await login('nobody@fleet.test', 'not the password at all');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ code: 'invalid_credentials', message: 'email or password is wrong' });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const form = await testApp.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${ADMIN_EMAIL}&password=${ADMIN_PASSWORD}`,
    });
    expect(form.statusCode).toBe(415);
  });

  it('refuses a cookie-authenticated write without the CSRF token, and accepts it with the token', async () => {
    const { cookie, csrf } = await browserSession();
    const payload = { name: 'laptop' };
    const forged = await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie }, payload });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: 'csrf_token_invalid' });
    const wrongToken = await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie, 'x-csrf-token': 'guess' }, payload });
    expect(wrongToken.statusCode).toBe(403);
    const good = await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie, 'x-csrf-token': csrf }, payload });
    expect(good.statusCode).toBe(201);
    // axios (the BullMQ board) sends it as X-XSRF-TOKEN.
    const axiosStyle = await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie, 'x-xsrf-token': csrf }, payload });
    expect(axiosStyle.statusCode).toBe(201);
  });

  it('creates API tokens shown once, authenticates with them, and refuses them once revoked', async () => {
    const created = await testApp.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'ci', expires_in_days: 30 } });
    expect(created.statusCode).toBe(201);
    const { token, record } = created.json();
    expect(token).toMatch(/^sfd_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: 'ci', prefix: token.slice(0, 8), source: 'user', last_used_at: null });
    const listed = (await testApp.inject({ method: 'GET', url: '/api/v1/auth/tokens' })).json().items;
    expect(JSON.stringify(listed)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: bearer })).statusCode).toBe(200);
    // A bearer token is never sent by a browser on its own: its writes need no CSRF token.
    expect((await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: bearer, payload: { name: 'more' } })).statusCode).toBe(201);
    const used = (await testApp.inject({ method: 'GET', url: '/api/v1/auth/tokens' })).json().items.find((item: { id: string }) => item.id === record.id);
    expect(used.last_used_at).not.toBeNull();

    expect((await testApp.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${record.id}` })).statusCode).toBe(204);
    const revoked = await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().message).toBe('the bearer token is unknown, expired or revoked');
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { authorization: 'Bearer sfd_made-up' } })).statusCode).toBe(401);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });

  it('ends the session on sign-out and clears its cookies', async () => {
    const { cookie, csrf } = await browserSession();
    const out = await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect(cookiesOf(out).get('sfd_session')).toMatch(/^sfd_session=; .*Expires=Thu, 01 Jan 1970/);
    const after = await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toBe('the session has ended; sign in again');
  });

  it('lets admins manage users, keeps viewers to reading, and never removes the last admin', async () => {
    const viewer = await testApp.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'Vera@Fleet.test', name: 'Vera Viewer', role: 'viewer', password: 'viewer password 123' },
    });
    expect(viewer.statusCode).toBe(201);
    expect(viewer.json()).toMatchObject({ email: 'vera@fleet.test', role: 'viewer', disabled: false });
    const duplicate = await testApp.inject({ method: 'POST', url: '/api/v1/users', payload: { email: 'vera@fleet.test', role: 'viewer', password: 'viewer password 123' } });
    expect(duplicate.statusCode).toBe(409);
    const short = await testApp.inject({ method: 'POST', url: '/api/v1/users', payload: { email: 'x@fleet.test', role: 'viewer', password: 'short' } });
    expect(short.statusCode).toBe(400);

    const vera = await browserSession('vera@fleet.test', 'viewer password 123');
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: vera.cookie } })).statusCode).toBe(200);
    const forbidden = await testApp.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: vera.cookie } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toEqual({ code: 'forbidden', message: 'this needs the admin role' });

    const demoteLast = await testApp.inject({ method: 'PATCH', url: `/api/v1/users/${testApp.admin.id}`, payload: { role: 'viewer' } });
    expect(demoteLast.statusCode).toBe(409);
    expect((await testApp.inject({ method: 'DELETE', url: `/api/v1/users/${testApp.admin.id}` })).statusCode).toBe(409);

    // Disabling a user ends their sessions at once and refuses their sign-in.
    const disabled = await testApp.inject({ method: 'PATCH', url: `/api/v1/users/${viewer.json().id}`, payload: { disabled: true } });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: vera.cookie } })).statusCode).toBe(401);
    expect((await login('vera@fleet.test', 'viewer password 123')).statusCode).toBe(401);
    expect((await testApp.inject({ method: 'DELETE', url: `/api/v1/users/${viewer.json().id}` })).statusCode).toBe(204);
    expect((await testApp.inject({ method: 'GET', url: '/api/v1/users' })).json().items.map((user: { email: string }) => user.email)).toEqual([ADMIN_EMAIL]);
  });

  it('changes a password only with the current one, ending the other sessions', async () => {
    const users = new UserStore(testApp.database.db, TEST_SCRYPT);
    await users.create({ email: 'pat@fleet.test', role: 'viewer', password: 'first password 123' });
    const laptop = await browserSession('pat@fleet.test', 'first password 123');
    const phone = await browserSession('pat@fleet.test', 'first password 123');
    const change = (current: string) =>
      testApp.app.inject({
        method: 'PUT',
        url: '/api/v1/auth/password',
        headers: { cookie: laptop.cookie, 'x-csrf-token': laptop.csrf },
        payload: { current_password: current, new_password: 'second password 456' },
      });
    expect((await change('not my password')).statusCode).toBe(401);
    const changed = await change('first password 123');
    expect(changed.statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: phone.cookie } })).statusCode).toBe(401);
    const fresh = valueOf(cookiesOf(changed).get('sfd_session'));
    expect((await testApp.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: `sfd_session=${fresh}` } })).statusCode).toBe(200);
    expect((await login('pat@fleet.test', 'second password 456')).statusCode).toBe(200);
  });

  it('slows down password guessing: 429 with Retry-After after five failures for one email', async () => {
    await new UserStore(testApp.database.db, TEST_SCRYPT).create({ email: 'guess@fleet.test', role: 'viewer', password: 'the real password' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await login('guess@fleet.test', `guess ${attempt}`, { 'x-forwarded-for': `203.0.113.${attempt}` })).statusCode).toBe(401);
    }
    const blocked = await login('guess@fleet.test', 'the real password', { 'x-forwarded-for': '203.0.113.77' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    // Other accounts are not locked by it.
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD, { 'x-forwarded-for': '203.0.113.78' })).statusCode).toBe(200);
  });

  it('never writes a password, a session or a token to the logs', async () => {
    const lines: string[] = [];
    const logged = await startTestApp({ logger: pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) }) });
    try {
      const response = await logged.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
      const session = valueOf(cookiesOf(response).get('sfd_session'));
      await logged.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: `sfd_session=${session}` } });
      await logged.inject({ method: 'GET', url: '/api/v1/tasks' });
      await logged.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ADMIN_EMAIL, password: 'wrong password typed' } });
      const text = lines.join('\n');
      expect(text).toContain('signed in');
      for (const secret of [ADMIN_PASSWORD, 'wrong password typed', session, logged.adminToken]) expect(text).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });
});

describe('the configured admin', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('is created once from the configuration, and its API token follows the configuration at every start', async () => {
    const db = testApp.database.db;
    const deps = { db, users: new UserStore(db, TEST_SCRYPT), tokens: new ApiTokenStore(db), logger: pino({ level: 'silent' }) };
    const first = 'configured-token-0123456789abcdefghijklmnop';
    const second = 'rotated-token-0123456789abcdefghijklmnopqrst';
    await ensureConfiguredAdmin(deps, { email: 'Ops@Fleet.test', password: 'configured password', token: first });
    const bearer = (token: string) => testApp.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${token}` } });
    expect((await bearer(first)).json()).toMatchObject({ user: { email: 'ops@fleet.test', role: 'admin' }, via: 'token', csrf_token: null });
    const signIn = () => testApp.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ops@fleet.test', password: 'configured password' } });
    expect((await signIn()).statusCode).toBe(200);

    // Two replicas start at once with a rotated token: one account, one token, the old one refused.
    await Promise.all([
      ensureConfiguredAdmin(deps, { email: 'ops@fleet.test', password: 'another password', token: second }),
      ensureConfiguredAdmin(deps, { email: 'ops@fleet.test', password: 'another password', token: second }),
    ]);
    expect((await bearer(first)).statusCode).toBe(401);
    expect((await bearer(second)).statusCode).toBe(200);
    // The password set at creation stays: the configuration never overwrites one changed since.
    expect((await signIn()).statusCode).toBe(200);
    const ops = await deps.users.findByEmail('ops@fleet.test');
    expect((await deps.tokens.list(ops?.id ?? '')).map((token) => token.source)).toEqual(['configuration']);
    await ensureConfiguredAdmin(deps, { email: 'ops@fleet.test' });
    expect((await bearer(second)).statusCode).toBe(401);
  });
});
