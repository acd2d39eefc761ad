// Known secrets are planted in every component's configuration and in the credentials API, one
// GitHub mention is answered end to end (the agent prints its own environment on the way), and
// then every place the platform writes to is searched for them: each component's log output,
// the task-log files, every Redis key of the queues, the whole Postgres database, what the model
// server and GitHub received, and the environment of the agent CLI.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { issueCommentCreated, postGithubDelivery } from './support/github-deliveries.js';
import { type Platform, startPlatform } from './support/platform.js';
import { SecretSearch } from './support/secret-search.js';

const tag = randomBytes(4).toString('hex');
const PLANTED = {
  SERVICE_TOKEN: `planted-service-token-${tag}-7c1e5d9a3b`,
  GITHUB_TOKEN: `ghp_plantedEnvToken${tag}00000000000000001`,
  STORED_GITHUB_TOKEN: `ghp_plantedStoredToken${tag}000000000002`,
  GITHUB_WEBHOOK_SECRET: `planted-github-webhook-secret-${tag}`,
  SLACK_SIGNING_SECRET: `planted-slack-signing-secret-${tag}`,
  JIRA_WEBHOOK_SECRET: `planted-jira-webhook-secret-${tag}`,
  SENTRY_CLIENT_SECRET: `planted-sentry-client-secret-${tag}`,
  SLACK_BOT_TOKEN: `xoxb-planted-${tag}-slack-bot-token`,
  JIRA_API_TOKEN: `planted-jira-api-token-${tag}`,
  SENTRY_AUTH_TOKEN: `sntrys_planted_${tag}_sentry_token`,
  VLLM_API_KEY: `sk-planted-model-key-${tag}`,
  CREDENTIALS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  STORED_JIRA_API_TOKEN: `planted-stored-jira-token-${tag}`,
  STORED_SLACK_BOT_TOKEN: `xoxb-planted-stored-${tag}-slack`,
  STORED_SENTRY_AUTH_TOKEN: `sntrys_planted_stored_${tag}`,
  DASHBOARD_ADMIN_PASSWORD: `planted-admin-password-${tag}`,
  DASHBOARD_ADMIN_TOKEN: `planted-dashboard-admin-token-${tag}-0123456789abcdef`,
};
const ENV_PROBE = `env; echo "--- cli"; tr '\\0' '\\n' < /proc/$PPID/environ`;
const ANSWER = 'Nothing secret here: the environment holds only what a build needs.';

describe('planted secrets never leave their place', () => {
  let platform: Platform;
  let taskId = '';

  beforeAll(async () => {
    const key = PLANTED.CREDENTIALS_ENCRYPTION_KEY;
    platform = await startPlatform({
      serviceToken: PLANTED.SERVICE_TOKEN,
      modelTurns: [{ toolCalls: [{ name: 'run_command', arguments: { command: ENV_PROBE } }] }, { content: ANSWER }],
      usage: { prompt_tokens: 50, completion_tokens: 10 },
      components: ['github-service', 'jira-service', 'slack-service', 'sentry-service', 'dashboard-api', 'agent-container', 'api-gateway'],
      env: {
        'github-service': { LOG_LEVEL: 'debug', GITHUB_TOKEN: PLANTED.GITHUB_TOKEN, CREDENTIALS_ENCRYPTION_KEY: key },
        'jira-service': { LOG_LEVEL: 'debug', JIRA_BASE_URL: 'http://127.0.0.1:9', JIRA_EMAIL: 'agent@example.com', JIRA_API_TOKEN: PLANTED.JIRA_API_TOKEN, CREDENTIALS_ENCRYPTION_KEY: key },
        'slack-service': { LOG_LEVEL: 'debug', SLACK_BOT_TOKEN: PLANTED.SLACK_BOT_TOKEN, CREDENTIALS_ENCRYPTION_KEY: key },
        'sentry-service': { LOG_LEVEL: 'debug', SENTRY_AUTH_TOKEN: PLANTED.SENTRY_AUTH_TOKEN, SENTRY_ORG: 'acme', CREDENTIALS_ENCRYPTION_KEY: key },
        'dashboard-api': {
          LOG_LEVEL: 'debug',
          DASHBOARD_ADMIN_EMAIL: 'admin@example.test',
          DASHBOARD_ADMIN_PASSWORD: PLANTED.DASHBOARD_ADMIN_PASSWORD,
          DASHBOARD_ADMIN_TOKEN: PLANTED.DASHBOARD_ADMIN_TOKEN,
          CREDENTIALS_ENCRYPTION_KEY: key,
        },
        'agent-container': { LOG_LEVEL: 'debug', VLLM_API_KEY: PLANTED.VLLM_API_KEY },
        'api-gateway': {
          LOG_LEVEL: 'debug',
          GITHUB_WEBHOOK_SECRET: PLANTED.GITHUB_WEBHOOK_SECRET,
          SLACK_SIGNING_SECRET: PLANTED.SLACK_SIGNING_SECRET,
          JIRA_WEBHOOK_SECRET: PLANTED.JIRA_WEBHOOK_SECRET,
          SENTRY_CLIENT_SECRET: PLANTED.SENTRY_CLIENT_SECRET,
          CREDENTIALS_ENCRYPTION_KEY: key,
        },
      },
    });
    // A credential stored through the API: it must be encrypted at rest and still be the one used.
    const stored = await fetch(`${platform.url('github-service')}/api/v1/credentials`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${PLANTED.SERVICE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'token', token: PLANTED.STORED_GITHUB_TOKEN }),
    });
    expect(stored.status, await stored.clone().text()).toBeLessThan(300);
    // And one in each of the other provider services (not verified: their providers are not here).
    const put = async (service: 'jira-service' | 'slack-service' | 'sentry-service', query: string, body: unknown) => {
      const response = await fetch(`${platform.url(service)}/api/v1/credentials${query}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${PLANTED.SERVICE_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, `${service}: ${await response.clone().text()}`).toBeLessThan(300);
    };
    await put('jira-service', '?verify=false', { base_url: 'https://acme.atlassian.net', email: 'agent@example.com', api_token: PLANTED.STORED_JIRA_API_TOKEN });
    await put('slack-service', '', { bot_token: PLANTED.STORED_SLACK_BOT_TOKEN, verify: false });
    await put('sentry-service', '', { auth_token: PLANTED.STORED_SENTRY_AUTH_TOKEN, organization: 'acme' });

    const response = await postGithubDelivery(platform.url('api-gateway'), JSON.stringify(issueCommentCreated('@agent ask what does the build environment look like?')), {
      secret: PLANTED.GITHUB_WEBHOOK_SECRET,
      deliveryId: randomUUID(),
    });
    expect(response.status).toBe(202);
    taskId = ((await response.json()) as { task_id: string }).task_id;
    await waitFor('the answer comment', () => platform.github.requests.find((request) => (request.method === 'POST' || request.method === 'PATCH') && JSON.stringify(request.body).includes(ANSWER)), 60_000);
    await waitFor('06-final-result.json', () => (existsSync(path.join(platform.taskLogsDir, taskId, '06-final-result.json')) ? true : undefined), 30_000);
    // The dashboard reads the task with the admin token and signs in with the password: both are secrets too.
    await waitFor('the task in dashboard-api', async () => {
      const list = await fetch(`${platform.url('dashboard-api')}/api/v1/tasks`, { headers: { authorization: `Bearer ${PLANTED.DASHBOARD_ADMIN_TOKEN}` } });
      const body = (await list.json()) as { items?: Array<{ id: string; status: string }> };
      return body.items?.find((item) => item.id === taskId && item.status === 'succeeded');
    }, 30_000);
    const login = await fetch(`${platform.url('dashboard-api')}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.test', password: PLANTED.DASHBOARD_ADMIN_PASSWORD }),
    });
    expect(login.status).toBeLessThan(300);
    // Let the last log lines reach their files.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
  });

  const toolResult = () => {
    const second = platform.model.requests[1];
    const tool = second?.body.messages?.find((message) => message.role === 'tool');
    return typeof tool?.content === 'string' ? tool.content : JSON.stringify(tool?.content ?? '');
  };

  it('runs the agent CLI with an allowlisted environment that holds no secret and no connection string', () => {
    const environment = toolResult();
    expect(environment).toMatch(/^PATH=/m);
    expect(environment).toContain('--- cli');
    for (const name of ['SERVICE_TOKEN', 'DATABASE_URL', 'REDIS_URL', 'GITHUB_TOKEN', 'VLLM_API_KEY', 'CREDENTIALS_ENCRYPTION_KEY', 'GITHUB_SERVICE_URL']) {
      expect(environment, name).not.toMatch(new RegExp(`^${name}=`, 'm'));
    }
    const search = new SecretSearch(PLANTED);
    search.text('agent environment', environment);
    expect(search.sightings).toEqual([]);
  });

  it('gives the model key to the model server only, in its Authorization header', () => {
    for (const request of platform.model.requests) expect(request.headers.authorization).toBe(`Bearer ${PLANTED.VLLM_API_KEY}`);
    const search = new SecretSearch(PLANTED);
    for (const [index, request] of platform.model.requests.entries()) {
      const { authorization: _authorization, ...headers } = request.headers;
      search.text(`model request ${index}`, JSON.stringify({ headers, body: request.body }));
    }
    expect(search.sightings).toEqual([]);
  });

  it('answers GitHub with the stored credential, and sends no secret in any body', () => {
    const posts = platform.github.requests.filter((request) => request.method !== 'GET');
    expect(posts.length).toBeGreaterThan(0);
    for (const request of posts) expect(request.headers.authorization).toBe(`token ${PLANTED.STORED_GITHUB_TOKEN}`);
    const search = new SecretSearch(PLANTED);
    for (const request of platform.github.requests) search.text(`GitHub ${request.method} ${request.path}`, JSON.stringify(request.body));
    expect(search.sightings).toEqual([]);
  });

  it('writes no secret to any log line of any component', () => {
    const search = new SecretSearch(PLANTED);
    for (const component of platform.running) search.file(component.logFile);
    expect(search.searched.sources).toBe(7);
    // Debug logs of seven services and a whole task: a near-empty search would prove nothing.
    expect(search.searched.bytes).toBeGreaterThan(4_000);
    const gatewayLog = readFileSync(platform.component('api-gateway').logFile, 'utf8');
    expect(gatewayLog).toContain(taskId);
    expect(search.sightings).toEqual([]);
  });

  it('writes no secret to the task log', () => {
    const search = new SecretSearch(PLANTED);
    search.tree(path.join(platform.taskLogsDir, taskId));
    expect(search.searched.sources).toBe(7);
    // The environment the agent printed is in its output, redacted or not: that is what is searched.
    expect(readFileSync(path.join(platform.taskLogsDir, taskId, '04-agent-output.jsonl'), 'utf8')).toContain('PATH=');
    expect(search.sightings).toEqual([]);
  });

  it('puts no secret in any job payload or other key in Redis', async () => {
    const search = new SecretSearch(PLANTED);
    const keys = await search.redis(platform.redisUrl, platform.queuePrefix);
    expect(keys).toBeGreaterThan(3);
    expect(search.sightings).toEqual([]);
  });

  it('keeps stored credentials encrypted at rest, and no other secret in Postgres', () => {
    const search = new SecretSearch(PLANTED);
    const dump = search.postgres(platform.databaseUrl);
    // pg_dump writes a table's rows between its `COPY <table> ...` line and `\.`: each service stored some.
    const rows = (table: string) => (dump.split(`COPY ${table} `)[1]?.split('\n\\.\n')[0] ?? '').split('\n').length - 1;
    for (const table of ['github.credentials', 'jira.credentials', 'slack.credentials', 'sentry.credentials']) expect(rows(table), table).toBeGreaterThan(0);
    expect(dump).toContain(taskId);
    expect(search.sightings).toEqual([]);
  });
});
