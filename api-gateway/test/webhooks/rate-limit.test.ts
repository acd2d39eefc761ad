import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customDelivery } from '../support/custom-deliveries.js';
import { githubDelivery, issueCommentCreated } from '../support/github-deliveries.js';
import { slackFixture, slackRequest } from '../support/slack-requests.js';
import { createTestDatabase } from '../support/test-database.js';
import { type TestGateway, WEBHOOK_SECRET, adminRequest, deleteQueueKeys, removeDirectory, startTestGateway } from '../support/test-gateway.js';

const SLACK_SECRET = 'slack-signing-secret-0123456789';
const LIMIT = 3;

describe('the per-source rate limit on /webhooks/*', () => {
  let gateway: TestGateway;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    gateway = await startTestGateway({
      databaseUrl: testDb.url,
      settings: {
        webhookRateLimitPerMinute: LIMIT,
        slack: { signingSecret: SLACK_SECRET, allowedTeams: [], allowedUsers: [], channelRepositories: {} },
      },
    });
  });

  afterAll(async () => {
    await gateway.close();
    await deleteQueueKeys(gateway.prefix);
    await removeDirectory(gateway.taskLogsDir);
    await testDb.drop();
  });

  const github = async () => gateway.app.inject(await githubDelivery(WEBHOOK_SECRET, issueCommentCreated({ body: 'no mention, just traffic' })));

  it('answers 429 with Retry-After once one source sent its share, before reading the body', async () => {
    for (let index = 0; index < LIMIT; index += 1) expect((await github()).statusCode).toBe(200);
    const limited = await github();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ code: 'rate_limited', message: expect.stringContaining('/webhooks/github') });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even an unsigned request counts and is refused: the limit runs before anything else.
    const unsigned = await gateway.app.inject(await githubDelivery(WEBHOOK_SECRET, {}, { unsigned: true }));
    expect(unsigned.statusCode).toBe(429);
  });

  it('keeps the other sources open', async () => {
    const slack = await gateway.app.inject(slackRequest(JSON.stringify(slackFixture('url-verification')), { secret: SLACK_SECRET, timestamp: Math.floor(Date.now() / 1000) }));
    expect(slack.statusCode).toBe(200);
  });

  it('gives every custom route its own bucket', async () => {
    const mapping = { text: '/text' };
    const first = (await gateway.app.inject(adminRequest('POST', '/api/v1/webhooks', { slug: 'first', mapping }))).json().secret as string;
    const second = (await gateway.app.inject(adminRequest('POST', '/api/v1/webhooks', { slug: 'second', mapping }))).json().secret as string;
    for (let index = 0; index < LIMIT; index += 1) expect((await gateway.app.inject(customDelivery('first', first, { text: `hello ${index}` }))).statusCode).not.toBe(429);
    expect((await gateway.app.inject(customDelivery('first', first, { text: 'one more' }))).statusCode).toBe(429);
    expect((await gateway.app.inject(customDelivery('second', second, { text: 'hello' }))).statusCode).not.toBe(429);
  });

  it('counts the refusals in webhooks_received_total', async () => {
    const metrics = await gateway.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/webhooks_received_total\{[^}]*provider="github"[^}]*outcome="rate_limited"[^}]*\} 2/);
  });
});
